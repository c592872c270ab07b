import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { initCertDeck, openCertDeck, type CertDeck } from '@certdeck/core'
import acm from '@certdeck/plugin-acm'
import route53 from '@certdeck/plugin-route53'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, route53Sandbox, type Route53Sandbox } from './support/sandbox.js'

const PASSPHRASE = 'route53 hostile validation passphrase'
let env: Route53Sandbox
let dataDir: string
let deck: CertDeck
let zoneId: string

beforeEach(async () => {
  env = await route53Sandbox({ validationDelayMs: 0 })
  zoneId = env.zone('example.com')
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-r53-hostile-'))
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

/** A DNS request whose validation records ACM has handed out; returns its id and ARN. */
async function requested(): Promise<{ id: string; arn: string }> {
  const created = await deck.requests.requestPublic({
    credential: 'sandbox',
    domain: 'example.com',
    sans: ['*.example.com', 'www.example.com'],
    validation: 'DNS',
    dnsProvider: 'r53',
  })
  for (let i = 0; i < 100 && (await deck.requests.records(created.id)).length === 0; i++) {
    await deck.requests.refresh(created.id)
  }
  const request = await deck.requests.get(created.id)
  if (!request.arn) throw new Error('the request was not sent')
  return { id: request.id, arn: request.arn }
}

const cnames = async () => (await env.raw(zoneId)).filter((set) => set.type === 'CNAME')

describe('validation records from a hostile endpoint', () => {
  it.each([
    ['a name that is not a "_" label (a takeover of www)', { name: 'www.example.com.', value: 'evil.example.net.' }],
    ['a target outside acm-validations.aws', { name: '_0123abcd.www.example.com.', value: 'evil.example.net.' }],
    ['a name under another domain', { name: '_0123abcd.example.net.', value: '_x.acm-validations.aws.' }],
    ['a name two labels down', { name: '_a._b.www.example.com.', value: '_x.acm-validations.aws.' }],
    ['a type other than CNAME', { name: '_0123abcd.www.example.com.', value: '_x.acm-validations.aws.', type: 'NS' }],
    ['a newline in the value', { name: '_0123abcd.www.example.com.', value: '_x.acm-validations.aws.\nevil' }],
  ])('%s is refused with the record shown, nothing written and an audit event', async (_, crafted) => {
    const { id, arn } = await requested()
    env.sandbox.control.craftValidationRecord(arn, 'www.example.com', crafted)
    await deck.requests.refresh(id)
    env.sandbox.control.resetStats()
    const error = await rejection(deck.requests.deployChallenge(id))
    expect(error).toMatchObject({ code: 'VALIDATION_RECORD_REFUSED' })
    expect(error.message).toContain(JSON.stringify(crafted.name.replace(/\.$/, '')))
    expect(error.message).toContain('Nothing was written to DNS')
    expect(env.sandbox.control.calls({ service: 'route53', operation: 'ChangeResourceRecordSets' })).toBe(0)
    expect(await cnames()).toEqual([])
    const [event] = (await deck.auditEvents()).filter((e) => e.action === 'request.validation-refused')
    expect(event).toMatchObject({ target: arn, outcome: 'failed' })
    expect(event.detail).toContain(JSON.stringify(crafted.name.replace(/\.$/, '')))
  })

  it('a genuine answer is written, and another target passes only with allowAnyValidationTarget', async () => {
    const { id, arn } = await requested()
    const crafted = { name: '_0123abcd.www.example.com.', value: '_target.validation.example.net.' }
    env.sandbox.control.craftValidationRecord(arn, 'www.example.com', crafted)
    await deck.requests.refresh(id)
    expect(await rejection(deck.requests.deployChallenge(id))).toMatchObject({ code: 'VALIDATION_RECORD_REFUSED' })
    const done = await deck.requests.deployChallenge(id, { allowAnyValidationTarget: true })
    expect(done.state).toBe('ISSUED')
    expect((await cnames()).map((set) => set.name.replace(/\.$/, ''))).toContain('_0123abcd.www.example.com')
  })
})
