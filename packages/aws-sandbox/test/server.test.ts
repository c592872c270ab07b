import { afterEach, describe, expect, it } from 'vitest'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import {
  DescribeCertificateCommand,
  GetAccountConfigurationCommand,
  GetCertificateCommand,
  ListCertificatesCommand,
  RequestCertificateCommand,
} from '@aws-sdk/client-acm'
import { ListServerCertificatesCommand } from '@aws-sdk/client-iam'
import { ListHostedZonesByNameCommand, ListHostedZonesCommand } from '@aws-sdk/client-route-53'
import { parseServeArgs, serveSandbox, startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { sdkClients } from './support/sdk-clients.js'

const running: Sandbox[] = []
async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  running.push(sandbox)
  return sandbox
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
})

describe('the sandbox server', () => {
  it('listens on 127.0.0.1 only', async () => {
    const sandbox = await start()
    expect(sandbox.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('throttles above the ListCertificates quota (8/s) and the SDK retries until every call succeeds', async () => {
    const sandbox = await start()
    const { acm } = sdkClients(sandbox.endpoint, { maxAttempts: 10 })
    const results = await Promise.all(Array.from({ length: 20 }, () => acm.send(new ListCertificatesCommand({}))))
    expect(results.every((r) => Array.isArray(r.CertificateSummaryList))).toBe(true)
    const [row] = sandbox.control.stats({ service: 'acm', operation: 'ListCertificates' })
    expect(row.throttled).toBeGreaterThanOrEqual(12)
    expect(row.attempts).toBe(20 + row.throttled)
    expect(sandbox.control.calls({ operation: 'ListCertificates' })).toBe(row.attempts)
  })

  it('throttles Route 53 at 5/s per account across operations and IAM per operation, in their XML shape', async () => {
    const sandbox = await start()
    const { route53, iam } = sdkClients(sandbox.endpoint, { maxAttempts: 10 })
    await Promise.all([
      ...Array.from({ length: 6 }, () => route53.send(new ListHostedZonesCommand({}))),
      ...Array.from({ length: 6 }, () => route53.send(new ListHostedZonesByNameCommand({}))),
      ...Array.from({ length: 14 }, () => iam.send(new ListServerCertificatesCommand({}))),
    ])
    const route53Rows = sandbox.control.stats({ service: 'route53' })
    expect(route53Rows.reduce((n, r) => n + r.throttled, 0)).toBeGreaterThanOrEqual(7)
    expect(route53Rows.reduce((n, r) => n + r.attempts - r.throttled, 0)).toBe(12)
    expect(sandbox.control.stats({ service: 'iam' })[0].throttled).toBeGreaterThanOrEqual(4)
    const once = sdkClients(sandbox.endpoint, { maxAttempts: 1 }).route53
    const burst = await Promise.allSettled(Array.from({ length: 8 }, () => once.send(new ListHostedZonesCommand({}))))
    expect(burst.some((r) => r.status === 'rejected' && (r.reason as Error).name === 'Throttling')).toBe(true)
  })

  it('answers ThrottlingException to a client that does not retry, and nothing once quotas are off', async () => {
    const sandbox = await start({ quotas: 0.125 })
    const { acm } = sdkClients(sandbox.endpoint, { maxAttempts: 1 })
    await acm.send(new ListCertificatesCommand({}))
    await expect(acm.send(new ListCertificatesCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    })
    sandbox.control.setQuotas(false)
    await Promise.all(Array.from({ length: 30 }, () => acm.send(new ListCertificatesCommand({}))))
    expect(sandbox.control.stats({ operation: 'ListCertificates' })[0].throttled).toBe(1)
  })

  it('injects errors deterministically under a seed, per service and operation', async () => {
    const pattern = async (): Promise<boolean[]> => {
      const sandbox = await start({
        quotas: false,
        randomSeed: 42,
        faults: {
          rules: [{ service: 'acm', operation: 'ListCertificates', errorRate: 0.5, error: 'ServiceUnavailable' }],
        },
      })
      const { acm } = sdkClients(sandbox.endpoint, { maxAttempts: 1 })
      const outcomes: boolean[] = []
      for (let i = 0; i < 16; i++) {
        outcomes.push(
          await acm.send(new ListCertificatesCommand({})).then(
            () => true,
            (e: { name: string; $metadata: { httpStatusCode: number } }) => {
              expect([e.name, e.$metadata.httpStatusCode]).toEqual(['ServiceUnavailable', 503])
              return false
            },
          ),
        )
      }
      await acm
        .send(new GetCertificateCommand({ CertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/none' }))
        .catch((e: Error) => expect(e.name).toBe('ResourceNotFoundException'))
      return outcomes
    }
    const first = await pattern()
    expect(await pattern()).toEqual(first)
    expect(first).toContain(true)
    expect(first).toContain(false)
  })

  it('lets the SDK retry injected 500s and counts each attempt', async () => {
    const sandbox = await start({ quotas: false, faults: { rules: [{ operation: 'ListCertificates', errorRate: 1 }] } })
    const { acm } = sdkClients(sandbox.endpoint, { maxAttempts: 3 })
    await expect(acm.send(new ListCertificatesCommand({}))).rejects.toMatchObject({
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500, attempts: 3 },
    })
    expect(sandbox.control.stats({ operation: 'ListCertificates' })[0]).toMatchObject({ attempts: 3, faulted: 3 })
  })

  it('takes a region down at the connection or with 503s while other regions answer', async () => {
    const sandbox = await start({ quotas: false, faults: { regionsDown: { 'eu-west-1': 'connection' } } })
    const down = sdkClients(sandbox.endpoint, { region: 'eu-west-1', maxAttempts: 1 }).acm
    const up = sdkClients(sandbox.endpoint, { region: 'us-east-1', maxAttempts: 1 }).acm
    await expect(down.send(new ListCertificatesCommand({}))).rejects.toThrow(/socket hang up|ECONNRESET/)
    await expect(up.send(new ListCertificatesCommand({}))).resolves.toBeDefined()
    sandbox.control.setFaults({ regionsDown: { 'eu-west-1': 'unavailable' } })
    await expect(down.send(new ListCertificatesCommand({}))).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    })
  })

  it('names an unimplemented operation and an unknown service', async () => {
    const sandbox = await start()
    const { acm } = sdkClients(sandbox.endpoint, { maxAttempts: 1 })
    await expect(acm.send(new GetAccountConfigurationCommand({}))).rejects.toThrow(
      /does not implement ACM operation GetAccountConfiguration/,
    )
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/does not emulate service 's3'/)
  })

  it('maps access keys to accounts', async () => {
    const sandbox = await start({
      quotas: false,
      accounts: ['111122223333', { id: '444455556666', accessKeyPrefix: 'AKIAOTHER' }],
    })
    const other = sdkClients(sandbox.endpoint, { accessKeyId: 'AKIAOTHER123', maxAttempts: 1 }).acm
    const main = sdkClients(sandbox.endpoint, { accessKeyId: 'AKIAANYTHING', maxAttempts: 1 }).acm
    const { CertificateArn } = await other.send(
      new RequestCertificateCommand({
        DomainName: 'acct.example.com',
        ValidationMethod: 'DNS',
        KeyAlgorithm: 'EC_prime256v1',
      }),
    )
    expect(CertificateArn).toMatch(/^arn:aws:acm:us-east-1:444455556666:certificate\//)
    await expect(main.send(new DescribeCertificateCommand({ CertificateArn }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
    await expect(startSandbox({ accounts: ['12345'] })).rejects.toThrow(/not 12 digits/)
  })

  it('saves its state to a 0600 file and loads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'))
    try {
      const file = join(dir, 'state.json')
      const first = await start({
        quotas: false,
        dataFile: file,
        seed: { certsPerRegion: 5, keyTypes: ['EC_prime256v1'] },
      })
      const arns = (
        await sdkClients(first.endpoint).acm.send(
          new ListCertificatesCommand({ Includes: { keyTypes: ['EC_prime256v1'] } }),
        )
      ).CertificateSummaryList!.map((s) => s.CertificateArn)
      const body = await sdkClients(first.endpoint).acm.send(
        new GetCertificateCommand({ CertificateArn: arns.find((a) => first.control.certificate(a!)!.certificatePem) }),
      )
      await first.close()
      expect((await stat(file)).mode & 0o777).toBe(0o600)

      const second = await start({ quotas: false, dataFile: file, seed: 'demo' })
      const again = (
        await sdkClients(second.endpoint).acm.send(
          new ListCertificatesCommand({ Includes: { keyTypes: ['EC_prime256v1'] } }),
        )
      ).CertificateSummaryList!.map((s) => s.CertificateArn)
      expect(again).toEqual(arns)
      expect(second.control.counts().certificates).toBe(5)
      const arn = arns.find((a) => second.control.certificate(a!)!.certificatePem)
      expect(
        (await sdkClients(second.endpoint).acm.send(new GetCertificateCommand({ CertificateArn: arn }))).Certificate,
      ).toBe(body.Certificate)
    } finally {
      await Promise.all(running.splice(0).map((s) => s.close()))
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('serves for the CLI: parses its flags and prints how to reach it', async () => {
    expect(parseServeArgs(['--port', '4570', '--seed', 'demo', '--data', 'x.json'])).toEqual({
      port: 4570,
      seed: 'demo',
      data: 'x.json',
    })
    expect(() => parseServeArgs(['--port', 'eighty'])).toThrow(/--port must be an integer/)
    expect(() => parseServeArgs(['--bogus'])).toThrow()
    await expect(serveSandbox({ port: 0, seed: 'nope' })).rejects.toThrow(/Unknown seed 'nope'. Available seeds: demo/)

    const out = new PassThrough()
    let printed = ''
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()))
    const served = await serveSandbox({ port: 0, out })
    try {
      expect(printed).toContain(`export AWS_ENDPOINT_URL=${served.endpoint}`)
      await expect(sdkClients(served.endpoint).acm.send(new ListCertificatesCommand({}))).resolves.toMatchObject({
        CertificateSummaryList: [],
      })
    } finally {
      await served.close()
    }
    expect(process.listenerCount('SIGINT')).toBe(0)
  })
})
