import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { RequestPublicOptions } from '@certdeck/core'
import { SECRET_ACCESS_KEY } from './support/deck.js'
import { errorEndpoint } from './support/error-endpoint.js'
import { openRequestDeck, ZONE, type RequestDeck } from './support/request-deck.js'

const names = (count: number) => Array.from({ length: count }, (_, i) => `n${i}.${ZONE}`)

describe('bad requests are refused before any AWS call; AWS refusals are explained', () => {
  let sandbox: Sandbox
  let t: RequestDeck
  let caArn: string

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 0 })
    // The configured quota is above the sandbox's 10 names, so ACM itself refuses a long list.
    t = await openRequestDeck(sandbox.endpoint, { acm: { maxAttempts: 1 }, config: { sanQuota: 12 } })
    caArn = sandbox.control.createCertificateAuthority({
      region: 'us-east-1',
      commonName: 'EC Issuing CA',
      keyAlgorithm: 'EC_secp384r1',
    })
    // A provider whose zones cover the names: choosing it lists its zones, a call (to Route 53 for
    // the real plugin) that bad input must not reach either.
    await t.deck.dns.add({ type: 'memory', name: 'test-dns' })
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })
  beforeEach(() => sandbox.control.resetStats())

  const base: RequestPublicOptions = { credential: 'sandbox', domain: `ok.${ZONE}`, validation: 'DNS' }
  it.each<[string, Partial<RequestPublicOptions>, string, RegExp]>([
    [
      'a common name over 64 octets',
      { domain: `${'a'.repeat(60)}.${ZONE}` },
      'REQUEST_INVALID',
      /is 73 octets; ACM puts it in the common name, which holds at most 64/,
    ],
    [
      'a wildcard inside a name',
      { sans: [`www.*.${ZONE}`] },
      'REQUEST_INVALID',
      /a wildcard is accepted only as the whole leftmost label/,
    ],
    ['an IP address', { sans: ['192.0.2.7'] }, 'REQUEST_INVALID', /IP addresses cannot be requested/],
    [
      'more names than the quota',
      { sans: names(12) },
      'REQUEST_INVALID',
      /The request has 13 names \(the domain and 12 SANs\); the quota is 12/,
    ],
    [
      'a key ACM does not request',
      { keyAlgorithm: 'RSA_4096' as never },
      'REQUEST_INVALID',
      /Accepted: RSA_2048, EC_prime256v1, EC_secp384r1/,
    ],
    [
      'an unknown credential',
      { credential: 'nope' },
      'CREDENTIAL_UNKNOWN',
      /No credential is named "nope"\. Known: sandbox/,
    ],
    ['a bad region', { region: 'moon-base-1' }, 'REGION', /"moon-base-1" is not an AWS region name/],
    [
      'a region AWS does not have',
      { region: 'eu-west-99' },
      'REGION_UNKNOWN',
      /"eu-west-99" is not a region this CertDeck knows\. Valid regions: .*us-east-1.*--allow-unknown-region/,
    ],
    ['a bad tag', { tags: { 'aws:owner': 'x' } }, 'TAG_INVALID', /aws:/],
    ['an unknown DNS provider', { dnsProvider: 'nope' }, 'DNS_PROVIDER_UNKNOWN', /nope/],
    [
      'a DNS provider with email validation',
      { validation: 'EMAIL', dnsProvider: 'nope' },
      'REQUEST_INVALID',
      /EMAIL validation has none/,
    ],
    ['an unknown validation method', { validation: 'HTTP' as never }, 'REQUEST_INVALID', /Accepted: DNS, EMAIL/],
  ])('refuses %s without calling AWS or saving a request', async (_what, change, code, message) => {
    const dnsCalls = t.memory.calls.length
    await expect(t.deck.requests.requestPublic({ ...base, ...change })).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    })
    expect(sandbox.control.calls()).toBe(0)
    expect(t.memory.calls.slice(dnsCalls)).toEqual([])
    expect(await t.deck.requests.list()).toEqual([])
  })

  it('lets a well-spelled region it does not list through with allowUnknownRegion, to AWS', async () => {
    const sent = await t.deck.requests.requestPublic({ ...base, region: 'eu-west-99', allowUnknownRegion: true })
    expect(sandbox.control.calls({ region: 'eu-west-99', operation: 'RequestCertificate' })).toBe(1)
    await t.deck.lifecycle.delete(sent.arn!)
    expect(await t.deck.requests.list()).toEqual([])
  })

  it('check() lists every problem of the names at once, calling nothing', () => {
    expect(t.deck.requests.check({ domain: `*.*.${ZONE}`, sans: ['bad name', `Ok.${ZONE}`, `ok.${ZONE}`] })).toEqual([
      `'*.*.${ZONE}': a wildcard is accepted only as the whole leftmost label (*.example.com).`,
      "'bad name' is not a valid domain name: give labels of letters, digits and hyphens separated by dots " +
        '(www.example.com); IP addresses cannot be requested.',
    ])
    expect(t.deck.requests.check({ domain: `bücher.${ZONE}` })).toEqual([])
  })

  it(
    'refuses a private request whose key does not match the CA, or whose CA is not ACTIVE, without ' +
      'RequestCertificate',
    async () => {
      await expect(
        t.deck.requests.requestPrivate({ credential: 'sandbox', caArn, domain: `p.${ZONE}`, keyAlgorithm: 'RSA_2048' }),
      ).rejects.toMatchObject({
        code: 'REQUEST_INVALID',
        message: expect.stringContaining(
          'has a EC_secp384r1 key; request a key of the same family: EC_prime256v1, EC_secp384r1',
        ),
      })
      const disabled = sandbox.control.createCertificateAuthority({ region: 'us-east-1', commonName: 'Disabled CA' })
      sandbox.control.setCertificateAuthorityStatus(disabled, 'DISABLED')
      await expect(
        t.deck.requests.requestPrivate({ credential: 'sandbox', caArn: disabled, domain: `p.${ZONE}` }),
      ).rejects.toMatchObject({ code: 'CA_NOT_ACTIVE' })
      await expect(
        t.deck.requests.requestPrivate({
          credential: 'sandbox',
          caArn: 'arn:aws:acm:us-east-1:111122223333:certificate/x',
          domain: `p.${ZONE}`,
        }),
      ).rejects.toMatchObject({ code: 'REQUEST_INVALID' })
      expect(sandbox.control.calls({ operation: 'RequestCertificate' })).toBe(0)
      expect(await t.deck.requests.list()).toEqual([])
    },
  )

  it("explains ACM's own name quota and marks the request FAILED with the reason", async () => {
    const error = await t.deck.requests.requestPublic({ ...base, sans: names(11) }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'AWS_QUOTA_EXCEEDED',
      message: expect.stringContaining('Service Quotas console'),
    })
    const [failed] = await t.deck.requests.list()
    expect(failed).toMatchObject({ state: 'FAILED', failureReason: expect.stringContaining('at most 10 domain names') })
    expect(failed.arn).toBeUndefined()
  })

  it('explains a denied policy, naming the permission, and keeps the request to send again', async () => {
    const denied = await errorEndpoint(
      'AccessDeniedException',
      400,
      'User is not authorized to perform acm:RequestCertificate',
    )
    try {
      await t.deck.credentials.add({
        name: 'denied',
        kind: 'static',
        accessKeyId: 'AKIADENIED0000000001',
        secretAccessKey: SECRET_ACCESS_KEY,
        endpoint: denied.endpoint,
      })
      const error = await t.deck.requests
        .requestPublic({ ...base, credential: 'denied', domain: `denied.${ZONE}` })
        .catch((e: unknown) => e)
      expect(error).toMatchObject({
        code: 'AWS_ACCESS_DENIED',
        message: expect.stringContaining('it lacks acm:RequestCertificate'),
      })
      expect(JSON.stringify(error)).not.toContain(SECRET_ACCESS_KEY)
      const saved = (await t.deck.requests.list()).find((r) => r.domain === `denied.${ZONE}`)
      expect(saved).toMatchObject({ state: 'PENDING_VALIDATION' })
      expect(saved?.history.at(-1)?.note).toContain('sends it again')
    } finally {
      await denied.close()
    }
  })
})
