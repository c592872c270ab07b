import { RenewCertificateCommand } from '@aws-sdk/client-acm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { rawAcm } from './support/raw-acm.js'
import { openRequestDeck, type RequestDeck } from './support/request-deck.js'

describe('a certificate ACM renewed outside CertDeck shows up as drift on re-discovery', () => {
  let sandbox: Sandbox
  let t: RequestDeck

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false })
    t = await openRequestDeck(sandbox.endpoint, { acm: { maxAttempts: 2 } })
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })

  it(
    'marks it renewed-outside, makes the new body the next version, redeploys it, and clears the mark on the ' +
      'next run',
    async () => {
      const caArn = sandbox.control.createCertificateAuthority({
        region: 'us-east-1',
        commonName: 'Outside Renewal CA',
      })
      const requested = await t.deck.requests.requestPrivate({
        credential: 'sandbox',
        caArn,
        domain: 'svc.internal.test',
      })
      const id = requested.certificateId!
      await t.deck.lifecycle.retrieveKey(requested.arn!)
      await t.deck.deployments.deploy({
        certificates: [id],
        credential: 'sandbox',
        regions: ['eu-west-1'],
        autoRedeploy: true,
      })
      await t.deck.cloud.discover({ regions: ['us-east-1'], iam: false })
      expect((await t.deck.cloud.list()).find((c) => c.arn === requested.arn)).toMatchObject({ certificateId: id })
      expect((await t.deck.cloud.list()).find((c) => c.arn === requested.arn)?.drift).toBeUndefined()

      // A renewal a second later expires a second later (X.509 keeps whole seconds); moving the
      // sandbox clock instead would make the body not yet valid for the redeploy's import check.
      await new Promise((resolve) => setTimeout(resolve, 1100))
      await rawAcm(sandbox.endpoint, 'us-east-1').send(new RenewCertificateCommand({ CertificateArn: requested.arn }))
      sandbox.control.resetStats()

      await t.deck.cloud.discover({ regions: ['us-east-1'], iam: false })
      const record = (await t.deck.cloud.list()).find((c) => c.arn === requested.arn)
      expect(record?.drift).toMatchObject({
        reason: 'renewed-outside',
        detail: expect.stringContaining(`version 2 of ${id}`),
      })
      expect(record?.certificateId).toBe(id)
      const entry = await t.deck.certificates.get(id)
      expect(entry).toMatchObject({ version: 2, origin: 'discovered' })
      // X.509 keeps whole seconds; ACM's summary may carry milliseconds.
      expect(Math.floor(Date.parse(entry.notAfter) / 1000)).toBe(Math.floor(Date.parse(record!.notAfter!) / 1000))
      expect(entry.versions[0].notAfter < entry.notAfter).toBe(true)
      expect(entry.privateKey).toBeDefined()
      expect(sandbox.control.calls({ operation: 'ImportCertificate', region: 'eu-west-1' })).toBe(1)
      expect((await t.deck.deployments.list())[0]).toMatchObject({
        state: 'deployed',
        deployedFingerprint: entry.fingerprintSha256,
      })

      await t.deck.cloud.discover({ regions: ['us-east-1'], iam: false })
      const again = (await t.deck.cloud.list()).find((c) => c.arn === requested.arn)
      expect(again?.drift).toBeUndefined()
      expect((await t.deck.certificates.get(id)).version).toBe(2)
    },
  )
})
