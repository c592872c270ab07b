import { createPrivateKey, X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CertificateIssuer, CloudSession } from '@certdeck/core'
import { awsProvider, rejection, staticCredential } from './support/aws.js'

const PASSPHRASE = 'Private-export-5678'
const serialOf = (pem: string) => new X509Certificate(pem).serialNumber.toLowerCase()

describe('ACM issuer, private certificates and ACM Private CA, over the real SDK and the sandbox', () => {
  let sandbox: Sandbox
  let session: CloudSession
  let issuer: CertificateIssuer
  let caArn: string

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
    caArn = sandbox.control.createCertificateAuthority({
      region: 'eu-central-1',
      commonName: 'Internal Root CA',
      keyAlgorithm: 'EC_prime256v1',
    })
    session = awsProvider().connect(staticCredential(sandbox.endpoint))
    issuer = session.issuer!
  })
  afterAll(async () => {
    session.close?.()
    await sandbox.close()
  })

  it('lists the private CAs of a region with their status, key and type, and none elsewhere', async () => {
    const disabled = sandbox.control.createCertificateAuthority({
      region: 'eu-central-1',
      commonName: 'Old RSA CA',
      keyAlgorithm: 'RSA_2048',
    })
    sandbox.control.setCertificateAuthorityStatus(disabled, 'DISABLED')
    const authorities = await issuer.listAuthorities('eu-central-1')
    expect(authorities).toEqual([
      {
        arn: caArn,
        commonName: 'Internal Root CA',
        status: 'ACTIVE',
        type: 'ROOT',
        keyAlgorithm: 'EC_prime256v1',
        usageMode: 'GENERAL_PURPOSE',
      },
      {
        arn: disabled,
        commonName: 'Old RSA CA',
        status: 'DISABLED',
        type: 'ROOT',
        keyAlgorithm: 'RSA_2048',
        usageMode: 'GENERAL_PURPOSE',
      },
    ])
    expect(await issuer.listAuthorities('eu-west-3')).toEqual([])
  })

  it('lists past one page of 1,000 authorities', async () => {
    const arns = Array.from({ length: 1001 }, (_, i) =>
      sandbox.control.createCertificateAuthority({ region: 'ca-central-1', commonName: `CA ${i}` }),
    )
    sandbox.control.resetStats()
    const authorities = await issuer.listAuthorities('ca-central-1')
    expect(authorities.map((ca) => ca.arn)).toEqual(arns)
    expect(sandbox.control.calls({ operation: 'ListCertificateAuthorities' })).toBe(2)
  })

  it('requests a private certificate that is issued by the CA, with its serial, and exports its key', async () => {
    const arn = await issuer.request('eu-central-1', {
      kind: 'private',
      domain: 'db.internal.test',
      sans: ['db-replica.internal.test'],
      caArn,
      keyAlgorithm: 'EC_prime256v1',
      idempotencyToken: 'private1',
    })
    const status = await issuer.describe('eu-central-1', arn)
    expect(status).toMatchObject({
      arn,
      status: 'ISSUED',
      type: 'PRIVATE',
      caArn,
      exportOption: 'ENABLED',
      validations: [],
    })
    expect(status.sans).toEqual(['db.internal.test', 'db-replica.internal.test'])
    expect(status.serial).toMatch(/^[0-9a-f]+$/)

    const exported = await issuer.exportCertificate('eu-central-1', arn, PASSPHRASE)
    expect(serialOf(exported.pem)).toBe(status.serial)
    const key = createPrivateKey({ key: exported.encryptedPrivateKeyPem, format: 'pem', passphrase: PASSPHRASE })
    expect(new X509Certificate(exported.pem).checkPrivateKey(key)).toBe(true)
    expect(new X509Certificate(exported.chainPem.at(-1)!).subject).toContain('CN=Internal Root CA')
  })

  it('renews a private certificate: same ARN, a new serial, renewal SUCCESS', async () => {
    const arn = await issuer.request('eu-central-1', {
      kind: 'private',
      domain: 'renew.internal.test',
      sans: [],
      caArn,
      keyAlgorithm: 'RSA_2048',
      idempotencyToken: 'private2',
    })
    const before = await issuer.describe('eu-central-1', arn)
    await issuer.renew('eu-central-1', arn)
    const after = await issuer.describe('eu-central-1', arn)
    expect(after.status).toBe('ISSUED')
    expect(after.renewalStatus).toBe('SUCCESS')
    expect(after.serial).not.toBe(before.serial)
  })

  it(
    'revokes a private certificate through ACM Private CA ' + 'by its serial; a second revocation is explained',
    async () => {
      const arn = await issuer.request('eu-central-1', {
        kind: 'private',
        domain: 'revoke.internal.test',
        sans: [],
        caArn,
        keyAlgorithm: 'EC_prime256v1',
        idempotencyToken: 'private3',
      })
      const { serial } = await issuer.describe('eu-central-1', arn)
      sandbox.control.resetStats()
      await issuer.revokePrivate('eu-central-1', caArn, serial!, 'KEY_COMPROMISE')
      expect(sandbox.control.calls({ service: 'acm-pca', operation: 'RevokeCertificate' })).toBe(1)
      const revoked = await issuer.describe('eu-central-1', arn)
      expect(revoked.status).toBe('REVOKED')
      expect(sandbox.control.certificate(arn)!.revocationReason).toBe('KEY_COMPROMISE')

      const again = await rejection(issuer.revokePrivate('eu-central-1', caArn, serial!, 'KEY_COMPROMISE'))
      expect(again.code).toBe('AWS_ALREADY_DONE')
      expect(again.message).toContain('ACM-PCA RevokeCertificate in eu-central-1 was refused: this was already done')
    },
  )

  it('reports a request against a disabled CA as FAILED with the reason', async () => {
    const ca = sandbox.control.createCertificateAuthority({ region: 'eu-central-1', commonName: 'Paused CA' })
    sandbox.control.setCertificateAuthorityStatus(ca, 'DISABLED')
    const arn = await issuer.request('eu-central-1', {
      kind: 'private',
      domain: 'paused.internal.test',
      sans: [],
      caArn: ca,
      keyAlgorithm: 'EC_prime256v1',
      idempotencyToken: 'private4',
    })
    const status = await issuer.describe('eu-central-1', arn)
    expect(status.status).toBe('FAILED')
    expect(status.failureReason).toBe('PCA_INVALID_STATE')
  })

  it('refuses a private request without a CA before any call', async () => {
    sandbox.control.resetStats()
    const error = await rejection(
      issuer.request('eu-central-1', {
        kind: 'private',
        domain: 'noca.internal.test',
        sans: [],
        keyAlgorithm: 'RSA_2048',
        idempotencyToken: 'private5',
      }),
    )
    expect(error.code).toBe('REQUEST_CA_MISSING')
    expect(sandbox.control.calls()).toBe(0)
  })
})
