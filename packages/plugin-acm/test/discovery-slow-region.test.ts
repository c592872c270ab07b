import { DeleteCertificateCommand } from '@aws-sdk/client-acm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { openTestDeck, type TestDeck } from './support/deck.js'
import { rawAcm } from './support/raw-acm.js'

describe('discovery with a region that accepts calls and never answers', () => {
  let sandbox: Sandbox
  let t: TestDeck

  beforeAll(async () => {
    sandbox = await startSandbox()
    await sandbox.control.seed({ regions: ['us-east-1', 'eu-west-1'], certsPerRegion: 5, keyTypes: ['RSA_2048'] })
    t = await openTestDeck({ maxAttempts: 2, timeouts: { requestMs: 400 } })
    await t.addCredential(sandbox.endpoint)
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })

  it(
    'saves the regions that answered; the silent one fails ' + 'after its time-out, its records kept and stale',
    async () => {
      expect(await t.deck.cloud.discover({ regions: ['us-east-1', 'eu-west-1'], iam: false })).toMatchObject({
        found: 10,
        failedRegions: [],
      })
      const gone = (await t.deck.cloud.list({ region: 'us-east-1' }))[0].arn
      await rawAcm(sandbox.endpoint, 'us-east-1').send(new DeleteCertificateCommand({ CertificateArn: gone }))
      sandbox.control.setFaults({ regionsDown: { 'eu-west-1': 'hang' } })
      try {
        const summary = await t.deck.cloud.discover({ regions: ['us-east-1', 'eu-west-1'], iam: false })
        expect(summary).toMatchObject({ found: 4, gone: 1 })
        expect(summary.failedRegions).toEqual([
          {
            region: 'eu-west-1',
            credential: 'sandbox',
            code: 'AWS_TIMEOUT',
            error: expect.stringContaining(
              'did not answer ACM ListCertificates in eu-west-1 within 0.4 s (2 attempts)',
            ),
          },
        ])
      } finally {
        sandbox.control.setFaults({})
      }
      expect((await t.deck.cloud.list({ region: 'us-east-1' })).map((c) => c.arn)).not.toContain(gone)
      const west = await t.deck.cloud.list({ region: 'eu-west-1' })
      expect(west).toHaveLength(5)
      expect(west.every((c) => c.stale === true)).toBe(true)
    },
  )
})
