import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { SECRET_ACCESS_KEY } from './support/deck.js'
import { openRequestDeck, upsertCname, ZONE, type RequestDeck } from './support/request-deck.js'

describe('requests through openCertDeck, the ACM plugin and the sandbox', () => {
  let sandbox: Sandbox
  let t: RequestDeck

  beforeAll(async () => {
    // Records appear 300 ms after a request: the request service has to poll for them.
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 300 })
    // Two attempts per call: an injected throttle fails fast instead of backing off for seconds.
    t = await openRequestDeck(sandbox.endpoint, { acm: { maxAttempts: 2 } })
    await t.deck.dns.add({ type: 'memory', name: 'test-dns' })
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })
  beforeEach(() => sandbox.control.resetStats())

  it(
    'DNS with a provider: deploy challenge writes one record for a wildcard and its apex, then it is issued ' +
      'into the repository',
    async () => {
      const requested = await t.deck.requests.requestPublic({
        credential: 'sandbox',
        domain: `*.shop.${ZONE}`,
        sans: [`shop.${ZONE}`],
        validation: 'DNS',
        dnsProvider: 'test-dns',
        keyAlgorithm: 'EC_prime256v1',
      })
      expect(requested).toMatchObject({
        state: 'DEPLOY_CHALLENGE',
        kind: 'public',
        domain: `*.shop.${ZONE}`,
        sans: [`shop.${ZONE}`],
        region: 'us-east-1',
      })
      expect(requested.arn).toMatch(/^arn:aws:acm:us-east-1:111122223333:certificate\//)
      expect(requested.validations).toHaveLength(2)
      expect(sandbox.control.calls({ operation: 'DescribeCertificate' })).toBeGreaterThan(1)
      const records = await t.deck.requests.records(requested.id)
      expect(records).toHaveLength(1)
      expect(records[0].name).toMatch(/^_[0-9a-f]{32}\.shop\.example\.test$/)

      const events: string[] = []
      const issued = await t.deck.requests.deployChallenge(requested.id, { onEvent: (e) => events.push(e.type) })
      expect(issued.state).toBe('ISSUED')
      expect(events).toContain('in-sync')
      expect(t.memory.records(ZONE)).toEqual([
        { name: records[0].name, type: 'CNAME', value: records[0].value, ttl: 300 },
      ])
      const states = issued.history.map((h) => h.state).filter((state, i, all) => state !== all[i - 1])
      expect(states).toEqual(['PENDING_VALIDATION', 'DEPLOY_CHALLENGE', 'PENDING_VALIDATION', 'ISSUED'])

      const certificate = await t.deck.certificates.get(issued.certificateId!)
      expect(certificate).toMatchObject({
        origin: 'requested',
        commonName: `*.shop.${ZONE}`,
        keyAlgorithm: 'EC_prime256v1',
      })
      expect(certificate.privateKey).toBeUndefined()
      const [cloud] = await t.deck.cloud
        .list({ kind: 'public' })
        .then((list) => list.filter((c) => c.arn === issued.arn))
      expect(cloud).toMatchObject({
        status: 'ISSUED',
        kind: 'AMAZON_ISSUED',
        certificateId: certificate.id,
        fingerprintSha256: certificate.fingerprintSha256,
      })
    },
  )

  it('DNS without a provider: the records are shown, the user writes them, refresh issues it', async () => {
    const requested = await t.deck.requests.requestPublic({
      credential: 'sandbox',
      domain: `api.${ZONE}`,
      validation: 'DNS',
      dnsProvider: false,
    })
    expect(requested.state).toBe('SYNC_RECORDS')
    const [record] = await t.deck.requests.records(requested.arn!)
    expect((await t.deck.requests.refresh(requested.id))[0].state).toBe('SYNC_RECORDS')

    await upsertCname(t.route53, t.zoneId, record.name, record.value)
    const [issued] = await t.deck.requests.refresh(requested.id)
    expect(issued).toMatchObject({ state: 'ISSUED', certificateId: expect.any(String) })
    expect((await t.deck.certificates.get(issued.certificateId!)).commonName).toBe(`api.${ZONE}`)
    expect((await t.deck.requests.get(requested.id)).state).toBe('ISSUED')
  })

  it('DNS with no provider named: the configured provider whose zones cover every name is chosen', async () => {
    const requested = await t.deck.requests.requestPublic({
      credential: 'sandbox',
      domain: `auto.${ZONE}`,
      validation: 'DNS',
    })
    const [provider] = await t.deck.dns.providers()
    expect(requested).toMatchObject({ state: 'DEPLOY_CHALLENGE', dnsProviderId: provider.id })
    expect(await t.deck.requests.deployChallenge(requested.id)).toMatchObject({ state: 'ISSUED' })

    const outside = await t.deck.requests.requestPublic({
      credential: 'sandbox',
      domain: 'www.elsewhere.test',
      validation: 'DNS',
    })
    expect(outside).toMatchObject({ state: 'SYNC_RECORDS' })
    expect(outside.dnsProviderId).toBeUndefined()
    await expect(t.deck.requests.deployChallenge(outside.id)).rejects.toMatchObject({
      code: 'DNS_PROVIDER_NEEDED',
      message: expect.stringContaining('no configured one has public zones covering all its names'),
    })
    await t.deck.lifecycle.delete(outside.arn!)
  })

  it('EMAIL: shows the addresses, resends the email, and is issued once approved', async () => {
    const requested = await t.deck.requests.requestPublic({
      credential: 'sandbox',
      domain: `mail.${ZONE}`,
      validation: 'EMAIL',
    })
    expect(requested.state).toBe('PENDING_VALIDATION')
    expect(requested.validations[0].emails).toEqual(
      ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((b) => `${b}@mail.${ZONE}`),
    )
    const resent = await t.deck.requests.resendEmail(requested.id)
    expect(resent.emails).toHaveLength(5)
    expect(sandbox.control.resentEmails(requested.arn!)).toBe(1)

    sandbox.control.approveEmail(requested.arn!, `mail.${ZONE}`)
    const [issued] = await t.deck.requests.refresh()
    expect(issued).toMatchObject({ id: requested.id, state: 'ISSUED' })
    await expect(t.deck.requests.resendEmail(requested.id)).rejects.toMatchObject({ code: 'REQUEST_FINISHED' })
  })

  it('EMAIL: a domain already approved gets no resend, with a plain reason', async () => {
    const requested = await t.deck.requests.requestPublic({
      credential: 'sandbox',
      domain: `two.${ZONE}`,
      sans: [`second.${ZONE}`],
      validation: 'EMAIL',
    })
    sandbox.control.approveEmail(requested.arn!, `two.${ZONE}`)
    const [waiting] = await t.deck.requests.refresh(requested.id)
    expect(waiting.state).toBe('PENDING_VALIDATION')
    await expect(t.deck.requests.resendEmail(requested.id, { domain: `two.${ZONE}` })).rejects.toMatchObject({
      code: 'NOTHING_TO_RESEND',
      message: expect.stringContaining('validated already'),
    })
    expect(sandbox.control.resentEmails(requested.arn!)).toBe(0)
    expect((await t.deck.requests.resendEmail(requested.id)).emails).toContain(`admin@second.${ZONE}`)
    await t.deck.lifecycle.delete(requested.arn!)
  })

  it('sends the same IdempotencyToken again after a lost answer, so ACM returns the same ARN', async () => {
    sandbox.control.setFaults({ rules: [{ operation: 'RequestCertificate', errorRate: 1, error: 'Throttling' }] })
    let failure: unknown
    try {
      await t.deck.requests.requestPublic({ credential: 'sandbox', domain: `retry.${ZONE}`, validation: 'EMAIL' })
    } catch (error) {
      failure = error
    } finally {
      sandbox.control.setFaults({})
    }
    expect(failure).toMatchObject({ code: 'AWS_THROTTLED', message: expect.stringContaining('try again in a minute') })
    const [saved] = (await t.deck.requests.list()).filter((r) => r.domain === `retry.${ZONE}`)
    expect(saved).toMatchObject({ state: 'PENDING_VALIDATION' })
    expect(saved.arn).toBeUndefined()
    expect(saved.history.at(-1)?.note).toContain(`certdeck requests refresh ${saved.id}`)

    const [sent] = await t.deck.requests.refresh(saved.id)
    expect(sent.arn).toMatch(/^arn:aws:acm:/)
    expect(sandbox.control.certificate(sent.arn!)?.idempotencyToken).toBe(saved.idempotencyToken)
    expect((await t.deck.requests.refresh(saved.id))[0].arn).toBe(sent.arn)
  })

  it(
    'a credential with unfinished requests is not removed; refreshing every request goes on past one that ' +
      'fails, noting why on it',
    async () => {
      await t.deck.credentials.add({
        name: 'busy',
        kind: 'static',
        accessKeyId: 'AKIASANDBOXTEST0002',
        secretAccessKey: SECRET_ACCESS_KEY,
        endpoint: sandbox.endpoint,
      })
      const pending = await t.deck.requests.requestPublic({
        credential: 'busy',
        domain: `pending.${ZONE}`,
        validation: 'EMAIL',
      })
      await expect(t.deck.credentials.remove('busy')).rejects.toMatchObject({
        code: 'CREDENTIAL_IN_USE',
        message: expect.stringContaining(pending.id),
      })
      await t.deck.lifecycle.delete(pending.arn!)
      await t.deck.credentials.remove('busy')

      // Nothing listens on port 9: every call of this credential fails.
      await t.deck.credentials.add({
        name: 'dead',
        kind: 'static',
        accessKeyId: 'AKIASANDBOXTEST0003',
        secretAccessKey: SECRET_ACCESS_KEY,
        endpoint: 'http://127.0.0.1:9',
      })
      await t.deck.requests
        .requestPublic({ credential: 'dead', domain: `orphan.${ZONE}`, validation: 'EMAIL' })
        .catch(() => undefined)
      const [orphan] = (await t.deck.requests.list()).filter((r) => r.domain === `orphan.${ZONE}`)
      const waiting = await t.deck.requests.requestPublic({
        credential: 'sandbox',
        domain: `waiting.${ZONE}`,
        validation: 'EMAIL',
      })
      sandbox.control.approveEmail(waiting.arn!, `waiting.${ZONE}`)

      const refreshed = await t.deck.requests.refresh()
      expect(refreshed.find((r) => r.id === waiting.id)).toMatchObject({ state: 'ISSUED' })
      const noted = refreshed.find((r) => r.id === orphan.id)
      expect(noted).toMatchObject({ state: 'PENDING_VALIDATION' })
      expect(noted?.history.at(-1)?.note).toMatch(
        /^refresh failed: Could not reach 127\.0\.0\.1:9 for ACM RequestCertificate/,
      )
    },
  )
})
