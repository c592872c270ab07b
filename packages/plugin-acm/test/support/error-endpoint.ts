import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback endpoint answering every JSON 1.1 call with one AWS error, the way AWS renders it,
 * for the failures the sandbox does not emulate (refused keys, denied policies).
 */
export async function errorEndpoint(
  code: string,
  status = 400,
  message = 'refused by the test endpoint',
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const body = JSON.stringify({ __type: code, message })
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': code,
        'content-length': Buffer.byteLength(body),
      })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
