import { createServer, type Server } from 'node:http'

/**
 * An HTTP endpoint on this machine that counts the requests reaching it, addressed as
 * `http://[::ffff:127.0.0.1]:port`: an IPv4-mapped address that CertDeck's endpoint rule does not
 * count as this machine (it is not localhost, 127.0.0.0/8 or ::1), yet the traffic stays on the
 * loopback interface. It stands for a plain-http endpoint on another machine.
 */
export async function recordingEndpoint(): Promise<{ endpoint: string; requests(): number; close(): Promise<void> }> {
  let requests = 0
  const server: Server = createServer((request, response) => {
    requests++
    request.resume()
    response.writeHead(500).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '::', resolve))
  const { port } = server.address() as { port: number }
  return {
    endpoint: `http://[::ffff:127.0.0.1]:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
