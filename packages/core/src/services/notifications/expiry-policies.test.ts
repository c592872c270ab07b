import { describe, expect, it } from 'vitest'
import { CrossedThreshold, Expired, evaluateExpiry } from './expiry-policies.js'

const now = new Date('2030-01-01T00:00:00Z')
const day = 86_400_000
const input = (days: number, managed = false) => ({
  notAfter: new Date(now.getTime() + days * day),
  now,
  thresholds: [30, 14, 7, 1],
  expired: true,
  managedRenewal: managed,
})

describe('expiry policies', () => {
  it('CrossedThreshold names the smallest threshold crossed', () => {
    expect(CrossedThreshold(input(5))).toMatchObject({ event: 'expiring', threshold: '7', daysLeft: 5 })
    expect(CrossedThreshold(input(14))).toMatchObject({ threshold: '14' })
    expect(CrossedThreshold(input(31))).toBeUndefined()
    expect(CrossedThreshold(input(-1))).toBeUndefined()
  })

  it('Expired finds a passed notAfter unless expired notices are off', () => {
    expect(Expired(input(-3))).toMatchObject({ event: 'expired', threshold: 'expired' })
    expect(Expired({ ...input(-3), expired: false })).toBeUndefined()
    expect(Expired(input(2))).toBeUndefined()
  })

  it('says ACM should have renewed a managed certificate', () => {
    expect(evaluateExpiry({ ...input(5, true), thresholds: [7, 1] })?.message).toContain('should have renewed')
    expect(evaluateExpiry({ ...input(20, true), thresholds: [7, 1] })).toBeUndefined()
  })
})
