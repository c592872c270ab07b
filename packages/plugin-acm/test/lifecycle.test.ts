import { createPrivateKey, X509Certificate } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { Certificate, CertificateRequest } from '@certdeck/core'
import { openRequestDeck, type RequestDeck } from './support/request-deck.js'

describe('private requests and the lifecycle of a certificate: retrieve key, renew, revoke, forget', () => {
  let sandbox: Sandbox
  let t: RequestDeck
  let caArn: string
  let requested: CertificateRequest
  let withKey: Certificate

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false })
    t = await openRequestDeck(sandbox.endpoint, { acm: { maxAttempts: 2 } })
    caArn = sandbox.control.createCertificateAuthority({
      region: 'us-east-1',
      commonName: 'CertDeck Test Issuing CA',
      keyAlgorithm: 'EC_prime256v1',
    })
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })

  it('lists the ACTIVE private CAs and issues a private certificate into the repository', async () => {
    const disabled = sandbox.control.createCertificateAuthority({ region: 'us-east-1', commonName: 'Old CA' })
    sandbox.control.setCertificateAuthorityStatus(disabled, 'DISABLED')
    const authorities = await t.deck.requests.authorities('sandbox', 'us-east-1')
    expect(authorities.map((a) => [a.arn, a.status])).toEqual([[caArn, 'ACTIVE']])

    requested = await t.deck.requests.requestPrivate({
      credential: 'sandbox',
      caArn,
      domain: 'app.internal.test',
      sans: ['api.internal.test'],
    })
    expect(requested).toMatchObject({ kind: 'private', state: 'ISSUED', keyAlgorithm: 'EC_prime256v1', caArn })
    const certificate = await t.deck.certificates.get(requested.certificateId!)
    expect(certificate).toMatchObject({
      origin: 'requested',
      commonName: 'app.internal.test',
      sans: ['app.internal.test', 'api.internal.test'],
    })
    expect(certificate.issuer).toContain('CertDeck Test Issuing CA')
    expect(certificate.privateKey).toBeUndefined()
  })

  it(
    'retrieves the private key: it matches the certificate, ' + 'is sealed, and no secret reaches the audit log',
    async () => {
      withKey = await t.deck.lifecycle.retrieveKey(requested.id)
      expect(withKey.id).toBe(requested.certificateId)
      expect(withKey.privateKey).toBeDefined()
      const keyPem = await t.deck.certificates.privateKeyPem(withKey.id)
      const key = createPrivateKey(keyPem)
      expect(new X509Certificate(withKey.pem).checkPrivateKey(key)).toBe(true)
      expect(sandbox.control.certificate(requested.arn!)?.exported).toBe(true)
      const base64 = keyPem.split('\n').filter((line) => line.length > 40)
      const files = await Promise.all(
        ['certdeck.json', 'audit.jsonl'].map((f) => readFile(join(t.dataDir, f), 'utf8').catch(() => '')),
      )
      for (const text of files) for (const line of base64) expect(text).not.toContain(line)
      const audit = (await t.deck.auditEvents()).filter((e) => e.action === 'certificate.retrieve-key')
      expect(audit).toMatchObject([{ outcome: 'ok', target: requested.arn }])
      expect(JSON.stringify(audit)).not.toMatch(/-----BEGIN|[A-Za-z0-9+/]{40}/)
    },
  )

  it('renews: the issued body becomes a new version (keeping the key) and auto-redeploy re-imports it', async () => {
    const [deployed] = await t.deck.deployments.deploy({
      certificates: [withKey.id],
      credential: 'sandbox',
      regions: ['eu-west-1'],
      autoRedeploy: true,
    })
    expect(deployed.action).toBe('imported')
    sandbox.control.resetStats()

    const renewal = await t.deck.lifecycle.renew(withKey.id)
    expect(renewal).toMatchObject({
      purpose: 'renewal',
      state: 'ISSUED',
      arn: requested.arn,
      certificateId: withKey.id,
    })
    const renewed = await t.deck.certificates.get(withKey.id)
    expect(renewed.version).toBe(2)
    expect(renewed.fingerprintSha256).not.toBe(withKey.fingerprintSha256)
    expect(renewed.privateKey).toBeDefined()
    expect(sandbox.control.calls({ operation: 'RenewCertificate' })).toBe(1)
    expect(sandbox.control.calls({ operation: 'ImportCertificate', region: 'eu-west-1' })).toBe(1)
    const [deployment] = await t.deck.deployments.list()
    expect(deployment).toMatchObject({
      arn: deployed.arn,
      deployedFingerprint: renewed.fingerprintSha256,
      state: 'deployed',
    })
  })

  it(
    'revokes through ACM Private CA: the cloud record and the requests are REVOKED and the entry leaves the ' +
      'active views',
    async () => {
      await t.deck.lifecycle.revoke(requested.arn!, 'KEY_COMPROMISE')
      expect(sandbox.control.certificate(requested.arn!)?.status).toBe('REVOKED')
      expect(sandbox.control.calls({ operation: 'RevokeCertificate', service: 'acm-pca' })).toBe(1)
      const [cloud] = (await t.deck.cloud.list()).filter((c) => c.arn === requested.arn)
      expect(cloud.status).toBe('REVOKED')
      expect((await t.deck.requests.list()).filter((r) => r.arn === requested.arn).map((r) => r.state)).toEqual([
        'REVOKED',
        'REVOKED',
      ])
      expect((await t.deck.certificates.list()).map((c) => c.id)).not.toContain(withKey.id)
      const all = await t.deck.certificates.list({ includeRevoked: true })
      expect(all.find((c) => c.id === withKey.id)?.tags['certdeck:revoked']).toMatch(/^\d{4}-\d\d-\d\d KEY_COMPROMISE$/)
      await expect(t.deck.lifecycle.revoke(requested.arn!, 'SUPERSEDED')).rejects.toMatchObject({
        code: 'ALREADY_REVOKED',
      })
      const audit = (await t.deck.auditEvents()).filter((e) => e.action === 'certificate.revoke')
      expect(audit).toMatchObject([{ outcome: 'ok', target: requested.arn, detail: 'revoked (KEY_COMPROMISE)' }])
    },
  )

  it('forgets a certificate in CertDeck only: ACM keeps it', async () => {
    await t.deck.lifecycle.delete(requested.arn!)
    expect((await t.deck.cloud.list()).some((c) => c.arn === requested.arn)).toBe(false)
    expect((await t.deck.requests.list()).some((r) => r.arn === requested.arn)).toBe(false)
    await expect(t.deck.certificates.get(withKey.id)).rejects.toMatchObject({ code: 'CERT_NOT_FOUND' })
    expect(sandbox.control.certificate(requested.arn!)).toBeDefined()
    expect(sandbox.control.calls({ operation: 'DeleteCertificate' })).toBe(0)
    const audit = (await t.deck.auditEvents()).filter((e) => e.action === 'certificate.forget')
    expect(audit).toMatchObject([
      {
        outcome: 'ok',
        target: requested.arn,
        detail: `removed from CertDeck with certificate ${withKey.id}; ACM keeps the certificate`,
      },
    ])
  })
})
