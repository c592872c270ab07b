import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback endpoint that answers the first `refusals` Route 53 calls with an AWS error (REST-XML,
 * as Route 53 renders it) and forwards the rest to `target` (the sandbox): for the refusals the
 * sandbox does not emulate (PriorRequestNotComplete, AccessDenied).
 */
export async function refusingProxy(
  target: string,
  code: string,
  refusals = Number.POSITIVE_INFINITY,
  status = 400,
): Promise<{ endpoint: string; refused(): number; close(): Promise<void> }> {
  let refused = 0
  const server: Server = createServer((req, res) => {
    if (refused < refusals) {
      refused += 1
      req.resume()
      const xml =
        `<?xml version="1.0"?><ErrorResponse ` +
        `xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>` +
        `<Code>${code}</Code><Message>refused by the test ` +
        `endpoint</Message></Error><RequestId>0</RequestId></ErrorResponse>`
      res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) })
      res.end(xml)
      return
    }
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, answer.headers)
      answer.pipe(res)
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
