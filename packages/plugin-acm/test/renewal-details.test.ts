import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CloudCertificate } from '@certdeck/core'
import { openTestDeck, type TestDeck } from './support/deck.js'

/** The records of one discovery, by whether the seed put them in use. */
async function discovered(t: TestDeck): Promise<{ used: CloudCertificate[]; idle: CloudCertificate[] }> {
  const records = await t.deck.cloud.list({ region: 'us-east-1' })
  return { used: records.filter((r) => r.inUse), idle: records.filter((r) => !r.inUse) }
}

describe('the details pass through the ACM plugin and the sandbox (real SDK)', () => {
  let sandbox: Sandbox

  beforeAll(async () => {
    sandbox = await startSandbox()
    await sandbox.control.seed({
      regions: ['us-east-1'],
      certsPerRegion: 20,
      mix: { amazonIssued: 1 },
      inUse: 0.5,
      expiringSoon: 0,
      keyTypes: ['EC_prime256v1'],
    })
  })
  afterAll(() => sandbox.close())

  it('reads what uses each certificate that matters, and judges renewal health from it', async () => {
    const t = await openTestDeck()
    let failingArn = ''
    try {
      await t.addCredential(sandbox.endpoint)
      await t.deck.cloud.discover({ regions: ['us-east-1'], iam: false })
      const { used, idle } = await discovered(t)
      expect(used).toHaveLength(10)
      // Before the pass: the health rests on the list summary alone.
      expect(used.every((r) => r.health?.detailed === false && r.details === undefined)).toBe(true)
      failingArn = used[0].arn
      sandbox.control.setRenewal(failingArn, { status: 'FAILED', reason: 'CAA_ERROR' })

      sandbox.control.resetStats()
      const summary = await t.deck.cloud.readDetails!({ regions: ['us-east-1'] })
      // Idle ones matter when renewal-eligible (exportable) or within 60 days of expiry.
      const soon = Date.now() + 60 * 86_400_000
      const mattering = idle.filter((r) => r.renewalEligibility === 'ELIGIBLE' || Date.parse(r.notAfter!) <= soon)
      expect(mattering.length).toBeLessThan(idle.length)
      expect(summary).toEqual({ read: used.length + mattering.length, failed: 0, throttled: 0 })
      // Only the certificates that matter were described: the others cost no call.
      const answered = sandbox.control
        .stats({ operation: 'DescribeCertificate' })
        .reduce((sum, row) => sum + row.attempts - row.throttled, 0)
      expect(answered).toBe(summary.read)

      const after = await discovered(t)
      for (const record of after.used) {
        expect(record.details?.inUseBy).toEqual([sandbox.control.certificate(record.arn)!.inUseBy[0]])
        expect(record.details?.inUseBy[0]).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:/)
      }
      const failing = after.used.find((r) => r.arn === failingArn)!
      expect(failing.health).toMatchObject({ state: 'failing', detailed: true })
      expect(failing.health?.reasons[0].message).toContain('CAA record')
      expect(after.used.filter((r) => r.arn !== failingArn).every((r) => r.health?.state === 'ok')).toBe(true)

      const unused = after.idle.find((r) => r.renewalEligibility !== 'ELIGIBLE')!
      expect(unused.health).toMatchObject({ state: 'at-risk', reasons: [{ code: 'not-in-use' }] })
      const failingOnes = await t.deck.cloud.list({ renewal: 'failing' })
      expect(failingOnes.map((r) => r.arn)).toContain(failingArn)
      expect(failingOnes.every((r) => r.health?.state === 'failing')).toBe(true)
      const atRisk = await t.deck.cloud.list({ renewal: 'at-risk' })
      expect(atRisk.map((r) => r.arn)).toContain(unused.arn)
      expect(atRisk.every((r) => r.health?.state === 'at-risk')).toBe(true)
      await expect(t.deck.cloud.list({ renewal: 'broken' })).rejects.toThrow(/Accepted: at-risk, failing/)
    } finally {
      if (failingArn) sandbox.control.setRenewal(failingArn, undefined)
      await t.close()
    }
  })

  it('a throttled DescribeCertificate slows the pass but loses nothing', async () => {
    // One SDK attempt per call: every throttling answer reaches the pass, which waits and retries.
    const t = await openTestDeck({ maxAttempts: 1 })
    try {
      await t.addCredential(sandbox.endpoint)
      await t.deck.cloud.discover({ regions: ['us-east-1'], iam: false })
      sandbox.control.resetStats()
      sandbox.control.setFaults({
        rules: [{ service: 'acm', operation: 'DescribeCertificate', errorRate: 0.3, error: 'Throttling' }],
      })
      const summary = await t.deck.cloud.readDetails!()
      const throttledBySandbox = sandbox.control
        .stats({ operation: 'DescribeCertificate' })
        .reduce((sum, row) => sum + row.throttled + row.faulted, 0)
      expect(throttledBySandbox).toBeGreaterThan(0)
      expect(summary.failed).toBe(0)
      expect(summary.throttled).toBe(throttledBySandbox)
      const { used } = await discovered(t)
      expect(used.every((r) => r.details?.inUseBy.length === 1)).toBe(true)
    } finally {
      sandbox.control.setFaults({})
      await t.close()
    }
  })
})
