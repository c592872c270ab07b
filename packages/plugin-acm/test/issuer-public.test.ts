import { createPrivateKey, X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CertificateIssuer, CloudSession } from '@certdeck/core'
import { awsProvider, rejection, staticCredential } from './support/aws.js'

const ACCOUNT = '111122223333'
const PASSPHRASE = 'export-Passphrase-1234'

describe('ACM issuer, public certificates, over the real SDK and the sandbox', () => {
  let sandbox: Sandbox
  let session: CloudSession
  let issuer: CertificateIssuer

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true, validationDelayMs: 2000 })
    session = awsProvider().connect(staticCredential(sandbox.endpoint))
    issuer = session.issuer!
  })
  afterAll(async () => {
    session.close?.()
    await sandbox.close()
  })

  it(
    'requests a DNS-validated certificate whose CNAMEs appear after a delay, then issues once they are in a ' +
      'public zone',
    async () => {
      const arn = await issuer.request('eu-west-1', {
        kind: 'public',
        domain: 'shop.example.test',
        sans: ['*.shop.example.test', 'api.example.test'],
        validationMethod: 'DNS',
        keyAlgorithm: 'EC_prime256v1',
        idempotencyToken: 'dnsrequest1',
        tags: { team: 'web' },
      })
      expect(arn).toMatch(new RegExp(`^arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/`))
      const stored = sandbox.control.certificate(arn)!
      expect(stored.sans).toEqual(['shop.example.test', '*.shop.example.test', 'api.example.test'])
      expect(stored.keyAlgorithm).toBe('EC_prime256v1')
      expect(stored.exportOption).toBe('DISABLED')
      expect(stored.tags).toEqual([{ Key: 'team', Value: 'web' }])

      const early = await issuer.describe('eu-west-1', arn)
      expect(early).toMatchObject({
        arn,
        status: 'PENDING_VALIDATION',
        type: 'AMAZON_ISSUED',
        domain: 'shop.example.test',
      })
      expect(early.sans).toEqual(['shop.example.test', '*.shop.example.test', 'api.example.test'])
      expect(early.validations.map((v) => [v.domain, v.status, v.record])).toEqual([
        ['shop.example.test', 'PENDING_VALIDATION', undefined],
        ['*.shop.example.test', 'PENDING_VALIDATION', undefined],
        ['api.example.test', 'PENDING_VALIDATION', undefined],
      ])

      sandbox.control.advanceTime(2000)
      const later = await issuer.describe('eu-west-1', arn)
      const records = later.validations.map((v) => v.record!)
      for (const record of records) {
        expect(record.type).toBe('CNAME')
        expect(record.name).toMatch(/^_[0-9a-f]{32}\.[a-z.]+[a-z]$/)
        expect(record.value).toMatch(/\.acm-validations\.aws$/)
      }
      // A wildcard and its apex share one record.
      expect(records[1]).toEqual(records[0])
      expect(records[0].name.endsWith('.shop.example.test')).toBe(true)

      const zone = sandbox.control.world.route53.createHostedZone(ACCOUNT, { name: 'example.test' })
      sandbox.control.world.route53.upsertRecords(
        ACCOUNT,
        zone.id,
        [records[0], records[2]].map((r) => ({ name: r.name, type: 'CNAME', ttl: 300, values: [r.value] })),
      )
      const issued = await issuer.describe('eu-west-1', arn)
      expect(issued.status).toBe('ISSUED')
      expect(issued.validations.map((v) => v.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS'])
      expect(issued.serial).toMatch(/^[0-9a-f]+$/)
      expect(issued.serial).toBe(sandbox.control.certificate(arn)!.serial!.replaceAll(':', ''))
      expect(Date.parse(issued.notAfter!)).toBeGreaterThan(Date.now())
      expect(issued.exportOption).toBe('DISABLED')
      expect(issued.inUseBy).toEqual([])
    },
  )

  it('returns the same ARN for a retried request with the same idempotency token', async () => {
    const input = {
      kind: 'public',
      domain: 'retry.example.test',
      sans: [],
      validationMethod: 'DNS',
      keyAlgorithm: 'RSA_2048',
      idempotencyToken: 'retry_token_1',
    } as const
    const first = await issuer.request('us-east-1', input)
    const second = await issuer.request('us-east-1', input)
    expect(second).toBe(first)
    const other = await issuer.request('us-east-1', { ...input, idempotencyToken: 'retry_token_2' })
    expect(other).not.toBe(first)
  })

  it(
    'requests an EMAIL-validated certificate, lists the ' + 'addresses, resends the email, and issues on approval',
    async () => {
      const arn = await issuer.request('ap-northeast-1', {
        kind: 'public',
        domain: 'mail.example.test',
        sans: ['www.mail.example.test'],
        validationMethod: 'EMAIL',
        keyAlgorithm: 'RSA_2048',
        idempotencyToken: 'emailrequest1',
      })
      const pending = await issuer.describe('ap-northeast-1', arn)
      expect(pending.validations[0]).toEqual({
        domain: 'mail.example.test',
        validationDomain: 'mail.example.test',
        status: 'PENDING_VALIDATION',
        method: 'EMAIL',
        emails: ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map(
          (box) => `${box}@mail.example.test`,
        ),
      })
      const { domain, validationDomain } = pending.validations[1]
      await issuer.resendValidationEmail('ap-northeast-1', arn, domain, validationDomain)
      expect(sandbox.control.resentEmails(arn)).toBe(1)

      sandbox.control.approveEmail(arn, 'mail.example.test')
      expect((await issuer.describe('ap-northeast-1', arn)).status).toBe('PENDING_VALIDATION')
      sandbox.control.approveEmail(arn, 'www.mail.example.test')
      expect((await issuer.describe('ap-northeast-1', arn)).status).toBe('ISSUED')

      const late = await rejection(issuer.resendValidationEmail('ap-northeast-1', arn, domain, validationDomain))
      expect(late.code).toBe('AWS_INVALID_STATE')
      expect(late.message).toContain('ACM ResendValidationEmail in ap-northeast-1 was refused')
    },
  )

  it(
    'exports an exportable public certificate whose key ' + 'decrypts and matches, then revokes it through ACM',
    async () => {
      const arn = await issuer.request('us-west-2', {
        kind: 'public',
        domain: 'export.example.test',
        sans: [],
        validationMethod: 'EMAIL',
        keyAlgorithm: 'EC_secp384r1',
        exportable: true,
        idempotencyToken: 'exportable1',
      })
      expect(sandbox.control.certificate(arn)!.exportOption).toBe('ENABLED')
      sandbox.control.approveEmail(arn, 'export.example.test')

      const exported = await issuer.exportCertificate('us-west-2', arn, PASSPHRASE)
      expect(exported.encryptedPrivateKeyPem).toMatch(
        /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n[\s\S]+-----END ENCRYPTED PRIVATE KEY-----\n$/,
      )
      const key = createPrivateKey({ key: exported.encryptedPrivateKeyPem, format: 'pem', passphrase: PASSPHRASE })
      const leaf = new X509Certificate(exported.pem)
      expect(leaf.checkPrivateKey(key)).toBe(true)
      expect(leaf.subject).toContain('CN=export.example.test')
      expect(exported.chainPem.length).toBeGreaterThan(0)
      expect(leaf.checkIssued(new X509Certificate(exported.chainPem[0]))).toBe(true)
      expect(() =>
        createPrivateKey({ key: exported.encryptedPrivateKeyPem, format: 'pem', passphrase: 'wrong passphrase' }),
      ).toThrow()

      await issuer.revokePublic('us-west-2', arn, 'SUPERSEDED')
      expect((await issuer.describe('us-west-2', arn)).status).toBe('REVOKED')
      expect(sandbox.control.certificate(arn)!.revocationReason).toBe('SUPERSEDED')
    },
  )

  it('refuses a bad export passphrase before any call, without naming it', async () => {
    sandbox.control.resetStats()
    for (const bad of ['abc', 'has$dollar', 'x'.repeat(129), 'naïve-passphrase']) {
      const error = await rejection(
        issuer.exportCertificate('us-west-2', 'arn:aws:acm:us-west-2:111122223333:certificate/none', bad),
      )
      expect(error.code).toBe('EXPORT_PASSPHRASE_INVALID')
      expect(error.message).toContain('4 to 128 printable ASCII characters without #, $ or %')
      expect(error.message).not.toContain(bad)
    }
    expect(sandbox.control.calls()).toBe(0)
  })

  it('explains a certificate that cannot be exported yet, and one that does not exist', async () => {
    const arn = await issuer.request('us-west-2', {
      kind: 'public',
      domain: 'notyet.example.test',
      sans: [],
      validationMethod: 'EMAIL',
      keyAlgorithm: 'RSA_2048',
      exportable: true,
      idempotencyToken: 'notyet1',
    })
    const early = await rejection(issuer.exportCertificate('us-west-2', arn, PASSPHRASE))
    expect(early.code).toBe('AWS_REQUEST_IN_PROGRESS')
    expect(early.message).toContain('not issued yet')
    expect(early.message).not.toContain(PASSPHRASE)
    const missing = await rejection(issuer.describe('us-west-2', `${arn.slice(0, -4)}0000`))
    expect(missing.code).toBe('CLOUD_NOT_FOUND')
  })
})
