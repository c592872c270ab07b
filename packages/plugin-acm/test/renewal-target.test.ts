import { ImportCertificateCommand } from '@aws-sdk/client-acm'
import { type Sandbox, startSandbox } from '@certdeck/aws-sandbox'
import { type TestPki, makeTestPki } from '@certdeck/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestDeck, openTestDeck } from './support/deck.js'
import { rawAcm } from './support/raw-acm.js'

const DAY = 86_400_000
const encode = (text: string) => new TextEncoder().encode(text)
const NAME = 'deploy.example.com'

describe('a renewal imported after an outside re-import was discovered', () => {
  let sandbox: Sandbox
  let t: TestDeck
  let pki: TestPki

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: { rates: { acm: { ImportCertificate: 10 } } } })
    t = await openTestDeck({ quotas: { ImportCertificate: { rate: 10 } } })
    await t.addCredential(sandbox.endpoint)
    pki = await makeTestPki()
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })

  it('becomes version 2 of the deployed entry that holds its key, says why, and is redeployed', async () => {
    const now = Date.now()
    // Key K1 (slot 41) deployed to two regions; someone re-imports a K2 certificate over one ARN.
    const first = await pki.leaf({ commonName: NAME, keySlot: 41, notAfter: new Date(now + 60 * DAY) })
    const { certificate: deployed } = await t.importCertificate(first)
    await t.deck.deployments.deploy({
      certificates: [deployed.id],
      credential: 'sandbox',
      regions: ['us-east-1', 'eu-west-1'],
      autoRedeploy: true,
    })
    const euArn = (await t.deck.deployments.list()).find((d) => d.region === 'eu-west-1')!.arn!
    const outside = await pki.leaf({ commonName: NAME, keySlot: 42, notAfter: new Date(now + 75 * DAY) })
    await rawAcm(sandbox.endpoint, 'eu-west-1').send(
      new ImportCertificateCommand({
        CertificateArn: euArn,
        Certificate: encode(outside.pem),
        PrivateKey: encode(outside.keyPem),
        CertificateChain: encode(outside.chainPem.join('')),
      }),
    )
    await t.deck.cloud.discover({ regions: ['us-east-1', 'eu-west-1'], iam: false })
    const sameName = (await t.deck.certificates.list()).filter((c) => c.commonName === NAME)
    expect(sameName.map((c) => [c.fingerprintSha256, c.origin]).sort()).toEqual(
      [
        [first.fingerprint, 'imported'],
        [outside.fingerprint, 'discovered'],
      ].sort(),
    )

    sandbox.control.resetStats()
    const renewal = await pki.leaf({ commonName: NAME, keySlot: 41, notAfter: new Date(now + 90 * DAY) })
    const result = await t.importCertificate(renewal)
    expect(result).toMatchObject({
      outcome: 'renewed',
      certificate: { id: deployed.id, version: 2, fingerprintSha256: renewal.fingerprint },
      renewal: { reason: 'same-key', message: expect.stringContaining(`same key: ${deployed.id}`) },
    })
    // Auto-redeploy followed the renewal to the deployment that still held the entry's certificate.
    expect(sandbox.control.calls({ operation: 'ImportCertificate', region: 'us-east-1' })).toBe(1)
    const us = (await t.deck.deployments.list()).find((d) => d.region === 'us-east-1')
    expect(us).toMatchObject({ state: 'deployed', deployedFingerprint: renewal.fingerprint })
    const discovered = sameName.find((c) => c.origin === 'discovered')!
    expect((await t.deck.certificates.get(discovered.id)).version).toBe(1)
  })
})
