import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the STS stand-in received. */
export interface StsCall {
  readonly params: URLSearchParams
  readonly authorization: string
}

/**
 * A loopback STS answering AssumeRole (Query protocol, as AWS renders it) with fixed temporary
 * credentials, recording each call; the sandbox does not emulate STS.
 */
export async function stsEndpoint(): Promise<{ endpoint: string; calls: StsCall[]; close(): Promise<void> }> {
  const calls: StsCall[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      calls.push({ params: new URLSearchParams(body), authorization: String(req.headers.authorization ?? '') })
      const xml =
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>` +
        `<AccessKeyId>ASIATEMPORARY0000001</AccessKeyId><SecretAccessKey>temporary-secret</SecretAccessKey>` +
        `<SessionToken>temporary-session-token</SessionToken>` +
        `<Expiration>${new Date(Date.now() + 3_600_000).toISOString()}</Expiration>` +
        `</Credentials><AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/CertDeck/certdeck</Arn>` +
        `<AssumedRoleId>AROATEST:certdeck</AssumedRoleId></AssumedRoleUser>` +
        `</AssumeRoleResult><ResponseMetadata><RequestId>0</RequestId></ResponseMetadata></AssumeRoleResponse>`
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) })
      res.end(xml)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
