import { createServer, type Socket } from 'node:net'

/** How a {@link tricklingEndpoint} answers. */
export type TrickleMode =
  /** Sends the status line and headers at once, then the body one byte every `intervalMs`. */
  | 'body'
  /** Sends even the status line one byte every `intervalMs`. */
  | 'headers'
  /** Declares a body larger than any AWS answer (Content-Length), then sends nothing. */
  | 'declared-huge'
  /** Streams a chunked body of `hugeBytes` as fast as the client reads it. */
  | 'streamed-huge'

/**
 * A loopback HTTP endpoint that answers as slowly or as largely as a broken or hostile one can:
 * each byte arrives well within any idle time-out, yet the answer never ends in time. It sends
 * at most `maxBytes` trickled bytes, then closes, so nothing runs on when a client has given up.
 * `completed()` counts answers sent to the end (a client that stops reading cuts them short).
 */
export async function tricklingEndpoint(
  mode: TrickleMode,
  options: { intervalMs?: number; maxBytes?: number; hugeBytes?: number } = {},
) {
  const intervalMs = options.intervalMs ?? 100
  const maxBytes = options.maxBytes ?? 100
  const hugeBytes = options.hugeBytes ?? 40 * 1024 * 1024
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let completed = 0
  const trickle = (socket: Socket, text: string, onDone: () => void) => {
    let sent = 0
    const timer = setInterval(() => {
      if (socket.destroyed) {
        clearInterval(timer)
        timers.delete(timer)
        return
      }
      if (sent >= text.length || sent >= maxBytes) {
        clearInterval(timer)
        timers.delete(timer)
        return onDone()
      }
      socket.write(text[sent++])
    }, intervalMs)
    timers.add(timer)
  }
  const head = (extra: string) => `HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n${extra}\r\n`
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.once('data', () => {
      const body = '{"CertificateSummaryList":[]}'
      if (mode === 'body') {
        socket.write(head(`Content-Length: ${maxBytes}\r\n`))
        trickle(socket, body.padEnd(maxBytes, ' '), () => {
          completed++
          socket.end()
        })
      } else if (mode === 'headers') {
        trickle(socket, head(`Content-Length: ${body.length}\r\n`) + body, () => {
          completed++
          socket.end()
        })
      } else if (mode === 'declared-huge') {
        socket.write(head(`Content-Length: ${hugeBytes}\r\n`))
      } else {
        socket.write(head('Transfer-Encoding: chunked\r\n'))
        const chunk = Buffer.alloc(1024 * 1024, 0x20)
        let left = hugeBytes
        const pump = () => {
          while (left > 0 && !socket.destroyed) {
            left -= chunk.length
            if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once('drain', pump)
          }
          if (!socket.destroyed) {
            completed++
            socket.end('0\r\n\r\n')
          }
        }
        pump()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    completed: () => completed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer)
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
