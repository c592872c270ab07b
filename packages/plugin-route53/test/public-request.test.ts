import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChangeResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53'
import { initCertDeck, openCertDeck, type CertDeck } from '@certdeck/core'
import acm from '@certdeck/plugin-acm'
import route53 from '@certdeck/plugin-route53'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, route53Sandbox, type Route53Sandbox } from './support/sandbox.js'

const PASSPHRASE = 'route53 request test passphrase'
let env: Route53Sandbox
let dataDir: string
let deck: CertDeck
let zoneId: string

beforeEach(async () => {
  env = await route53Sandbox({ validationDelayMs: 0 })
  zoneId = env.zone('example.com')
  // A private zone of the same name must not take the records: ACM checks public DNS.
  env.zone('example.com', { private: true })
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-r53-request-'))
  await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
  deck = await openCertDeck({
    dataDir,
    passphrase: PASSPHRASE,
    plugins: [acm({ maxAttempts: 2 }), route53({ maxAttempts: 2, syncIntervalMs: 50 })],
  })
  await deck.credentials.add({
    name: 'sandbox',
    kind: 'static',
    accessKeyId: 'AKIASANDBOXTEST0001',
    secretAccessKey: 'sandbox-secret-value',
    endpoint: env.endpoint,
  })
  await deck.dns.add({ type: 'route53', name: 'r53', credential: 'sandbox' })
})
afterEach(async () => {
  await env.close()
  await rm(dataDir, { recursive: true, force: true })
})

const request = () =>
  deck.requests.requestPublic({
    credential: 'sandbox',
    domain: 'example.com',
    sans: ['*.example.com', 'www.example.com'],
    validation: 'DNS',
    dnsProvider: 'r53',
  })

/** Waits until ACM has handed out the validation records. */
async function withRecords(id: string): Promise<void> {
  while ((await deck.requests.records(id)).length === 0) {
    await deck.requests.refresh(id)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('a public DNS request through Route 53', () => {
  it(
    'a pinned zone id given as Route 53 prints it ' +
      '(/hostedzone/…) is stored bare, and the provider tests ' +
      'fine',
    async () => {
      const pinned = await deck.dns.add({
        type: 'route53',
        name: 'r53-pinned',
        credential: 'sandbox',
        settings: { zoneId: `/hostedzone/${zoneId}` },
      })
      expect(pinned.settings.zoneId).toBe(zoneId)
      expect((await deck.dns.test('r53-pinned')).zones.map((z) => z.id)).toEqual([zoneId])
    },
  )

  it('writes the apex and wildcard CNAME once, in one batch to the public zone, and reaches ISSUED', async () => {
    const created = await request()
    await withRecords(created.id)
    const done = await deck.requests.deployChallenge(created.id)
    expect(done.state).toBe('ISSUED')
    const cnames = (await env.raw(zoneId)).filter((set) => set.type === 'CNAME')
    // example.com and *.example.com share one validation record; www.example.com has its own.
    expect(cnames).toHaveLength(2)
    expect(env.sandbox.control.calls({ service: 'route53', operation: 'ChangeResourceRecordSets' })).toBe(1)
    expect(await deck.requests.records(created.id)).toHaveLength(2)
  })

  it('awaitIssuance false returns once the records are in sync, without asking ACM again; a refresh issues', async () => {
    const created = await request()
    await withRecords(created.id)
    env.sandbox.control.resetStats()
    const deployed = await deck.requests.deployChallenge(created.id, { awaitIssuance: false })
    expect(deployed).toMatchObject({ state: 'PENDING_VALIDATION', challengeDeployedAt: expect.any(String) })
    expect(env.sandbox.control.calls({ service: 'route53', operation: 'ChangeResourceRecordSets' })).toBe(1)
    // Describe calls before the write (checking the records) are fine; none after it.
    const describes = env.sandbox.control.calls({ operation: 'DescribeCertificate' })
    const [issued] = await deck.requests.refresh(created.id)
    expect(issued?.state).toBe('ISSUED')
    expect(env.sandbox.control.calls({ operation: 'DescribeCertificate' })).toBe(describes + 1)
  })

  it(
    'throttling that outlasts the retries fails the deploy in plain words; the request stays retryable and ' +
      'then issues',
    async () => {
      const created = await request()
      await withRecords(created.id)
      env.sandbox.control.setFaults({
        rules: [{ service: 'route53', operation: 'ChangeResourceRecordSets', errorRate: 1, error: 'Throttling' }],
      })
      const error = await rejection(deck.requests.deployChallenge(created.id))
      expect(error.message).toContain('Route 53')
      expect(error.message).toContain('try again')
      const after = await deck.requests.get(created.id)
      expect(['PENDING_VALIDATION', 'DEPLOY_CHALLENGE']).toContain(after.state)
      env.sandbox.control.setFaults({})
      expect((await deck.requests.deployChallenge(created.id)).state).toBe('ISSUED')
    },
  )

  it('a rejected change batch names the conflict; once fixed, the same request issues', async () => {
    const created = await request()
    await withRecords(created.id)
    const [record] = await deck.requests.records(created.id)
    const conflict = {
      Name: record.name,
      Type: 'TXT' as const,
      TTL: 300,
      ResourceRecords: [{ Value: '"someone else"' }],
    }
    const client = new Route53Client({
      endpoint: env.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAOUTOFBAND0000001', secretAccessKey: 'x' },
    })
    const change = (Action: 'CREATE' | 'DELETE') =>
      client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: { Changes: [{ Action, ResourceRecordSet: conflict }] },
        }),
      )
    await change('CREATE')
    const error = await rejection(deck.requests.deployChallenge(created.id))
    expect(error.message).toContain('Route 53 rejected the change batch')
    expect(error.message).toContain('conflicts with other records')
    expect(['PENDING_VALIDATION', 'DEPLOY_CHALLENGE']).toContain((await deck.requests.get(created.id)).state)
    await change('DELETE')
    client.destroy()
    expect((await deck.requests.deployChallenge(created.id)).state).toBe('ISSUED')
  })
})
