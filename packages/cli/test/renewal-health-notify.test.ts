import { writeFile } from 'node:fs/promises'
import { type IncomingMessage, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ACMClient, DescribeCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm'
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53'
import { type Sandbox, startSandbox } from '@certdeck/aws-sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliHome, requireBuiltBin } from './cli-harness.js'
import { changeCname } from './sandbox-dns.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYRISKKEY01'
const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef'

interface PostedEvent {
  readonly event: string
  readonly subject: string
  readonly threshold: string
  readonly name: string
  readonly message: string
  readonly reason?: string
}

interface Post {
  readonly title: string
  readonly events: readonly PostedEvent[]
}

/** `certdeck watch --once` through the built bin: discovery, the details pass, then a webhook. */
describe('renewal health notifications end to end: sandbox, watch --once, a webhook', () => {
  let sandbox: Sandbox
  let h: CliHome
  let server: Server
  const posts: Post[] = []
  let route53: Route53Client
  let zoneId: string
  let usedArn: string
  let cname: { Name: string; Value: string }
  const run = (args: string[], input?: string) =>
    h.run(args, { subprocess: true, ...(input !== undefined ? { input } : {}) })

  beforeAll(async () => {
    requireBuiltBin()
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 0 })
    const config = {
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAOUTOFBAND0000002', secretAccessKey: 'out-of-band' },
    }
    const acm = new ACMClient(config)
    route53 = new Route53Client(config)
    zoneId = (await route53.send(new CreateHostedZoneCommand({ Name: 'risk.example.com', CallerReference: 'r' })))
      .HostedZone?.Id as string
    const { CertificateArn } = await acm.send(
      new RequestCertificateCommand({ DomainName: 'www.risk.example.com', ValidationMethod: 'DNS' }),
    )
    usedArn = CertificateArn as string
    const detail = await acm.send(new DescribeCertificateCommand({ CertificateArn }))
    const record = detail.Certificate?.DomainValidationOptions?.[0]?.ResourceRecord
    cname = { Name: record?.Name as string, Value: record?.Value as string }
    await changeCname(route53, zoneId, 'UPSERT', cname.Name, cname.Value)
    sandbox.control.setInUse(usedArn, [LB])

    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Post)
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certdeck`

    h = await CliHome.create({ init: true })
    const steps = [
      await run(
        ['credentials', 'add', 'sbx', '--kind', 'static', '--access-key-id', 'AKIARISKTEST00000001'].concat([
          '--secret-stdin',
          '--endpoint',
          sandbox.endpoint,
          '--region',
          'us-east-1',
        ]),
        `${SECRET}\n`,
      ),
      await run(['dns', 'add', 'route53', '--name', 'r53', '--credential', 'sbx']),
      await run(['notify', 'add', 'webhook', 'hook', '--url', url]),
    ]
    await writeFile(join(h.dataDir, 'config.json'), JSON.stringify({ regions: ['us-east-1'] }), { mode: 0o600 })
    expect(steps.map((s) => [s.code, s.stderr])).toEqual(steps.map(() => [0, '']))
  }, 120_000)
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await h?.dispose()
    await sandbox?.close()
  })

  it('nothing for a healthy certificate; its deleted validation CNAME is told once as renewal at risk', async () => {
    const first = await run(['watch', '--once', '--force'])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/discover:\S+ ok \d+ms: sbx: 1 found, 1 new, .*; 1 described/)
    expect(posts).toEqual([])

    await changeCname(route53, zoneId, 'DELETE', cname.Name, cname.Value)
    const second = await run(['watch', '--once', '--force'])
    expect(second.code).toBe(0)
    expect(posts.map((p) => p.title)).toEqual(['[CertDeck] ACM renewal at risk for 1 certificate'])
    const name = cname.Name.replace(/\.$/, '')
    expect(posts[0]?.events).toEqual([
      expect.objectContaining({
        event: 'renewal-at-risk',
        subject: `cloud:${usedArn}`,
        threshold: 'validation-cname-gone',
        reason: 'validation-cname-gone',
        name: 'www.risk.example.com (us-east-1)',
        message: expect.stringContaining(`the validation CNAME ${name} (zone risk.example.com) is gone`),
      }),
    ])

    const third = await run(['watch', '--once', '--force'])
    expect(third.code).toBe(0)
    expect(posts).toHaveLength(1)
  }, 120_000)
})
