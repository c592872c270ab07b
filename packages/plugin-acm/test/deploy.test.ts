import { DeleteCertificateCommand, GetCertificateCommand, ImportCertificateCommand } from '@aws-sdk/client-acm'
import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { makeTestPki, type TestPki } from '@certdeck/core/testing'
import { openTestDeck, type TestDeck } from './support/deck.js'
import { rawAcm } from './support/raw-acm.js'

const DAY = 86_400_000
const encode = (text: string) => new TextEncoder().encode(text)
const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase()

describe('deploy to ACM through openCertDeck, the ACM plugin and the sandbox', () => {
  let sandbox: Sandbox
  let t: TestDeck
  let pki: TestPki

  beforeAll(async () => {
    // Imports at 10/s keep the suite short; the 1/s quota is exercised by the plugin tests.
    sandbox = await startSandbox({ quotas: { rates: { acm: { ImportCertificate: 10 } } } })
    t = await openTestDeck({ quotas: { ImportCertificate: { rate: 10 } } })
    await t.addCredential(sandbox.endpoint)
    pki = await makeTestPki()
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })
  beforeEach(() => sandbox.control.resetStats())

  it('deploys to two regions, tags each copy, and finds nothing to do the second time', async () => {
    const leaf = await pki.leaf({ commonName: 'two.example.test', keyAlgorithm: 'EC_prime256v1', keySlot: 10 })
    const { certificate } = await t.importCertificate(leaf)
    const results = await t.deck.deployments.deploy({
      certificates: [certificate.id],
      credential: 'sandbox',
      regions: ['us-east-1', 'eu-west-1'],
    })
    expect(results.map((r) => [r.region, r.action])).toEqual([
      ['us-east-1', 'imported'],
      ['eu-west-1', 'imported'],
    ])
    for (const result of results) {
      expect(result.arn).toMatch(new RegExp(`^arn:aws:acm:${result.region}:111122223333:certificate/`))
      expect(sandbox.control.certificate(result.arn!)?.tags).toEqual([
        { Key: 'certdeck:certificate-id', Value: certificate.id },
      ])
    }
    const deployments = await t.deck.deployments.list()
    expect(deployments.map((d) => [d.region, d.state, d.deployedFingerprint])).toEqual([
      ['us-east-1', 'deployed', leaf.fingerprint],
      ['eu-west-1', 'deployed', leaf.fingerprint],
    ])
    sandbox.control.resetStats()
    const again = await t.deck.deployments.deploy({
      certificates: [certificate.id],
      credential: 'sandbox',
      regions: ['us-east-1', 'eu-west-1'],
    })
    expect(again.map((r) => r.action)).toEqual(['unchanged', 'unchanged'])
    expect(sandbox.control.calls({ operation: 'ImportCertificate' })).toBe(0)
    const audit = (await t.deck.auditEvents()).filter((e) => e.action === 'deployment.import')
    expect(audit.map((e) => e.target).sort()).toEqual(results.map((r) => r.arn).sort())
  })

  it('reports an earlier version as existing, and re-imports onto its ARN with replace', async () => {
    const first = await pki.leaf({ commonName: 'replace.example.test', keyAlgorithm: 'RSA_2048', keySlot: 11 })
    const { certificate } = await t.importCertificate(first)
    const [deployed] = await t.deck.deployments.deploy({
      certificates: [certificate.id],
      credential: 'sandbox',
      regions: ['ap-northeast-1'],
    })
    const renewed = await pki.leaf({
      commonName: 'replace.example.test',
      keyAlgorithm: 'RSA_2048',
      keySlot: 11,
      notAfter: new Date(Date.now() + 200 * DAY),
    })
    expect((await t.importCertificate(renewed)).outcome).toBe('renewed')
    sandbox.control.resetStats()
    const [exists] = await t.deck.deployments.deploy({
      certificates: [certificate.id],
      credential: 'sandbox',
      regions: ['ap-northeast-1'],
    })
    expect(exists).toMatchObject({ action: 'exists', arn: deployed.arn })
    expect(exists.message).toContain('--replace')
    expect(sandbox.control.calls({ operation: 'ImportCertificate' })).toBe(0)
    const [replaced] = await t.deck.deployments.deploy({
      certificates: [certificate.id],
      credential: 'sandbox',
      regions: ['ap-northeast-1'],
      replace: true,
    })
    expect(replaced).toMatchObject({ action: 'reimported', arn: deployed.arn })
    const body = await rawAcm(sandbox.endpoint, 'ap-northeast-1').send(
      new GetCertificateCommand({ CertificateArn: deployed.arn }),
    )
    expect(fingerprintOf(body.Certificate!)).toBe(renewed.fingerprint)
    expect(sandbox.control.counts().byRegion['111122223333:ap-northeast-1']).toBe(1)
  })

  it('refuses a certificate without its private key, calling nothing', async () => {
    const leaf = await pki.leaf({ commonName: 'nokey.example.test', keySlot: 3 })
    const { certificate } = await t.importCertificate(leaf, { withKey: false })
    await expect(
      t.deck.deployments.deploy({ certificates: [certificate.id], credential: 'sandbox', regions: ['us-east-1'] }),
    ).rejects.toMatchObject({
      code: 'PRIVATE_KEY_MISSING',
      message: expect.stringContaining('ACM imports need one'),
    })
    expect(sandbox.control.calls()).toBe(0)
  })

  it('refuses an expired certificate before any call', async () => {
    const leaf = await pki.leaf({
      commonName: 'expired.example.test',
      keySlot: 12,
      notBefore: new Date(Date.now() - 100 * DAY),
      notAfter: new Date(Date.now() - DAY),
    })
    const { certificate } = await t.importCertificate(leaf)
    await expect(
      t.deck.deployments.deploy({
        certificates: [certificate.id],
        credential: 'sandbox',
        regions: ['us-east-1', 'eu-west-1'],
      }),
    ).rejects.toMatchObject({ code: 'CERT_EXPIRED' })
    expect(sandbox.control.calls({ operation: 'ImportCertificate' })).toBe(0)
    expect(sandbox.control.calls()).toBe(0)
  })

  it('a dry run reads but calls no mutating API and records nothing', async () => {
    const leaf = await pki.leaf({ commonName: 'dry.example.test', keySlot: 13 })
    const { certificate } = await t.importCertificate(leaf)
    const before = (await t.deck.deployments.list()).length
    const results = await t.deck.deployments.deploy({
      certificates: [certificate.id],
      credential: 'sandbox',
      regions: ['us-west-2', 'eu-central-1'],
      dryRun: true,
    })
    expect(results).toEqual([
      {
        certificateId: certificate.id,
        region: 'us-west-2',
        action: 'imported',
        message: 'would import into ACM us-west-2',
        dryRun: true,
      },
      {
        certificateId: certificate.id,
        region: 'eu-central-1',
        action: 'imported',
        message: 'would import into ACM eu-central-1',
        dryRun: true,
      },
    ])
    const mutating = sandbox.control.stats().filter((row) => !/^(List|Get|Describe)/.test(row.operation))
    expect(mutating).toEqual([])
    expect(sandbox.control.calls({ operation: 'ListCertificates' })).toBe(2)
    expect((await t.deck.deployments.list()).length).toBe(before)
  })

  it('auto-redeploys a new version onto the same ARN, and shows a failure on the deployment', async () => {
    const first = await pki.leaf({ commonName: 'auto.example.test', keyAlgorithm: 'EC_prime256v1', keySlot: 14 })
    const { certificate } = await t.importCertificate(first)
    const [deployed] = await t.deck.deployments.deploy({
      certificates: [certificate.id],
      credential: 'sandbox',
      regions: ['eu-west-2'],
      autoRedeploy: true,
    })
    const second = await pki.leaf({
      commonName: 'auto.example.test',
      keyAlgorithm: 'EC_prime256v1',
      keySlot: 14,
      notAfter: new Date(Date.now() + 150 * DAY),
    })
    expect((await t.importCertificate(second)).outcome).toBe('renewed')
    const body = await rawAcm(sandbox.endpoint, 'eu-west-2').send(
      new GetCertificateCommand({ CertificateArn: deployed.arn }),
    )
    expect(fingerprintOf(body.Certificate!)).toBe(second.fingerprint)
    const record = (await t.deck.deployments.list()).find((d) => d.arn === deployed.arn)
    expect(record).toMatchObject({ state: 'deployed', deployedFingerprint: second.fingerprint, autoRedeploy: true })
    expect(
      (await t.deck.auditEvents()).some(
        (e) => e.action === 'deployment.auto-redeploy' && e.target === deployed.arn && e.outcome === 'ok',
      ),
    ).toBe(true)

    // ACM cannot change the key type on re-import: the renewal is refused and the deployment says why.
    const third = await pki.leaf({
      commonName: 'auto.example.test',
      keyAlgorithm: 'RSA_2048',
      keySlot: 15,
      notAfter: new Date(Date.now() + 300 * DAY),
    })
    expect((await t.importCertificate(third)).outcome).toBe('renewed')
    const failed = (await t.deck.deployments.list()).find((d) => d.arn === deployed.arn)
    expect(failed).toMatchObject({ state: 'failed', deployedFingerprint: second.fingerprint })
    expect(failed?.lastError).toContain('cannot change the key type')
  })

  it(
    'marks drift after an out-of-band re-import and after ' + 'a deletion; redeploy and re-discovery clear it',
    async () => {
      const leaf = await pki.leaf({ commonName: 'drift.example.test', keyAlgorithm: 'EC_prime256v1', keySlot: 16 })
      const { certificate } = await t.importCertificate(leaf)
      const [a, b] = await t.deck.deployments.deploy({
        certificates: [certificate.id],
        credential: 'sandbox',
        regions: ['sa-east-1', 'ca-central-1'],
      })
      const outsider = await pki.leaf({
        commonName: 'drift.example.test',
        keyAlgorithm: 'EC_prime256v1',
        keySlot: 7,
        notAfter: new Date(Date.now() + 365 * DAY),
      })
      await rawAcm(sandbox.endpoint, 'sa-east-1').send(
        new ImportCertificateCommand({
          CertificateArn: a.arn,
          Certificate: encode(outsider.pem),
          PrivateKey: encode(outsider.keyPem),
          CertificateChain: encode(outsider.chainPem.join('')),
        }),
      )
      await rawAcm(sandbox.endpoint, 'ca-central-1').send(new DeleteCertificateCommand({ CertificateArn: b.arn }))
      await t.deck.cloud.discover({ regions: ['sa-east-1', 'ca-central-1'], iam: false })
      const drifted = await t.deck.deployments.list()
      expect(drifted.find((d) => d.arn === a.arn)?.drift).toMatchObject({ reason: 'renewed-outside' })
      expect(drifted.find((d) => d.arn === b.arn)?.drift).toMatchObject({ reason: 'vanished' })
      expect((await t.deck.cloud.list({ drift: true })).map((c) => c.arn)).toEqual([a.arn])

      const redeployed = await t.deck.deployments.deploy({
        certificates: [certificate.id],
        credential: 'sandbox',
        regions: ['sa-east-1', 'ca-central-1'],
        replace: true,
      })
      expect(redeployed.map((r) => r.action)).toEqual(['reimported', 'imported'])
      expect(redeployed[0].arn).toBe(a.arn)
      await t.deck.cloud.discover({ regions: ['sa-east-1', 'ca-central-1'], iam: false })
      const clear = (await t.deck.deployments.list()).filter((d) => d.certificateId === certificate.id)
      expect(clear.map((d) => d.drift)).toEqual([undefined, undefined])
      expect(await t.deck.cloud.list({ drift: true })).toEqual([])
    },
  )

  it('refuses to remove a credential that deployments use', async () => {
    await expect(t.deck.credentials.remove('sandbox')).rejects.toMatchObject({
      code: 'CREDENTIAL_IN_USE',
      message: expect.stringContaining('certdeck deployments remove'),
    })
    expect((await t.deck.credentials.list()).map((c) => c.name)).toEqual(['sandbox'])
  })
})
