import {
  ExportCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
  RevokeCertificateCommand,
} from '@aws-sdk/client-acm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { makeTestPki } from '@certdeck/core/testing'
import { openTestDeck, type TestDeck } from './support/deck.js'
import { rawAcm } from './support/raw-acm.js'

const DAY = 86_400_000
const encode = (text: string) => new TextEncoder().encode(text)

describe('cloud.expiring after a discovery through the ACM plugin and the sandbox', () => {
  let sandbox: Sandbox
  let t: TestDeck
  let soonArns: string[]
  let revokedArn: string
  let linkedArn: string

  beforeAll(async () => {
    sandbox = await startSandbox()
    // us-east-1: every certificate expires within 29 days; eu-west-1: none within 30.
    await sandbox.control.seed({
      regions: ['us-east-1'],
      certsPerRegion: 10,
      mix: { amazonIssued: 1 },
      expiringSoon: 1,
      inUse: 0,
      keyTypes: ['EC_prime256v1'],
    })
    await sandbox.control.seed({
      regions: ['eu-west-1'],
      certsPerRegion: 6,
      mix: { amazonIssued: 1 },
      expiringSoon: 0,
      keyTypes: ['EC_prime256v1'],
    })
    const east = rawAcm(sandbox.endpoint, 'us-east-1')
    const seeded = (await east.send(new ListCertificatesCommand({ Includes: { keyTypes: ['EC_prime256v1'] } })))
      .CertificateSummaryList!
    expect(seeded).toHaveLength(10)
    // ACM revokes only exported public certificates.
    revokedArn = seeded.find((s) => s.ExportOption === 'ENABLED')!.CertificateArn!
    await east.send(new ExportCertificateCommand({ CertificateArn: revokedArn, Passphrase: encode('export pass') }))
    await east.send(new RevokeCertificateCommand({ CertificateArn: revokedArn, RevocationReason: 'SUPERSEDED' }))
    soonArns = seeded.map((s) => s.CertificateArn!).filter((arn) => arn !== revokedArn)

    t = await openTestDeck()
    await t.addCredential(sandbox.endpoint)
    // A repository certificate expiring in 5 days, also in ACM: the repository check covers it.
    const leaf = await (await makeTestPki()).leaf({
      commonName: 'linked-soon.example.test',
      notAfter: new Date(Date.now() + 5 * DAY),
    })
    await t.importCertificate(leaf)
    linkedArn = (
      await east.send(
        new ImportCertificateCommand({
          Certificate: encode(leaf.pem),
          PrivateKey: encode(leaf.keyPem),
          CertificateChain: encode(leaf.chainPem.join('')),
        }),
      )
    ).CertificateArn!
    const summary = await t.deck.cloud.discover({ regions: ['us-east-1', 'eu-west-1'], iam: false })
    expect(summary).toMatchObject({ found: 17, failedRegions: [] })
  })
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  it('returns the unlinked, live cloud certificates expiring within the window, soonest first', async () => {
    const all = await t.deck.cloud.list()
    // The left-out records are there, as discovery saw them.
    expect(all.find((c) => c.arn === revokedArn)?.status).toBe('REVOKED')
    expect(all.find((c) => c.arn === linkedArn)?.certificateId).toBeDefined()
    expect(all.filter((c) => c.region === 'eu-west-1')).toHaveLength(6)

    const expiring = await t.deck.cloud.expiring(30)
    expect(expiring.map((c) => c.arn).sort()).toEqual([...soonArns].sort())
    const notAfters = expiring.map((c) => Date.parse(c.notAfter!))
    expect(notAfters).toEqual([...notAfters].sort((a, b) => a - b))
    for (const c of expiring) expect(Date.parse(c.notAfter!)).toBe(sandbox.control.certificate(c.arn)!.notAfter)
  })

  it('narrows with the window and refuses a negative one', async () => {
    const week = await t.deck.cloud.expiring(7)
    const expected = soonArns.filter((arn) => sandbox.control.certificate(arn)!.notAfter! - Date.now() <= 7 * DAY)
    expect(week.map((c) => c.arn).sort()).toEqual(expected.sort())
    await expect(t.deck.cloud.expiring(-1)).rejects.toMatchObject({ code: 'EXPIRY_WINDOW_INVALID' })
  })
})
