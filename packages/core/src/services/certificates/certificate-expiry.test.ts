import { describe, expect, it } from 'vitest'
import { daysLeft, expiryLevel } from './certificate-expiry.js'

const now = new Date('2030-03-01T12:00:00Z')
const endingIn = (hours: number) => ({ notAfter: new Date(now.getTime() + hours * 3_600_000).toISOString() })

describe('daysLeft', () => {
  it('counts whole days: 0 on the last day, negative once expired', () => {
    expect(daysLeft(endingIn(24 * 30 + 1), now)).toBe(30)
    expect(daysLeft(endingIn(23), now)).toBe(0)
    expect(daysLeft(endingIn(-1), now)).toBe(-1)
  })
})

describe('expiryLevel', () => {
  it('names the smallest default threshold the certificate is within', () => {
    expect(expiryLevel(endingIn(24 * 31), now)).toEqual({ daysLeft: 31, level: 'ok' })
    expect(expiryLevel(endingIn(24 * 30), now)).toEqual({ daysLeft: 30, level: 'expiring', threshold: 30 })
    expect(expiryLevel(endingIn(24 * 10), now)).toEqual({ daysLeft: 10, level: 'expiring', threshold: 14 })
    expect(expiryLevel(endingIn(24 * 7 + 1), now)).toEqual({ daysLeft: 7, level: 'expiring', threshold: 14 })
    expect(expiryLevel(endingIn(5), now)).toEqual({ daysLeft: 0, level: 'expiring', threshold: 1 })
    expect(expiryLevel(endingIn(0), now)).toEqual({ daysLeft: 0, level: 'expired' })
  })

  it('uses configured thresholds', () => {
    expect(expiryLevel(endingIn(24 * 50), now, [60, 45])).toEqual({ daysLeft: 50, level: 'expiring', threshold: 60 })
    expect(expiryLevel(endingIn(24 * 50), now, [])).toEqual({ daysLeft: 50, level: 'ok' })
  })
})
