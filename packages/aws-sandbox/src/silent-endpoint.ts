import { createServer, type Socket } from 'node:net'

/**
 * A loopback endpoint that accepts TCP connections and never answers: the endpoint that used
 * to hang a call for ever.
 */
export async function silentEndpoint(): Promise<{ endpoint: string; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.resume()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
