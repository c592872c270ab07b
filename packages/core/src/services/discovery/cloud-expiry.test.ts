import { describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { cloudCertificate } from '../../testing/cloud-certificate.js'
import { cloudExpiring } from './cloud-expiry.js'

const now = new Date('2030-03-01T12:00:00Z')
const DAY = 86_400_000

function record(name: string, days: number | undefined, extra: Partial<CloudCertificate> = {}): CloudCertificate {
  return cloudCertificate(name, {
    arn: `arn:aws:acm:us-east-1:111122223333:certificate/${name}`,
    region: 'us-east-1',
    ...(days === undefined ? {} : { notAfter: new Date(now.getTime() + days * DAY).toISOString() }),
    lastSeenAt: now.toISOString(),
    ...extra,
  })
}

describe('cloudExpiring', () => {
  it('keeps unlinked live records inside the window, expired ones first, soonest first', () => {
    const records = [
      record('twenty', 20),
      record('far', 31),
      record('expired', -2, { status: 'EXPIRED' }),
      record('edge', 30),
      record('linked', 3, { certificateId: 'abc123' }),
      record('revoked', 4, { status: 'REVOKED' }),
      record('failed', 4, { status: 'FAILED' }),
      record('timed-out', 4, { status: 'VALIDATION_TIMED_OUT' }),
      record('pending', undefined, { status: 'PENDING_VALIDATION' }),
      record('five', 5, { status: 'INACTIVE' }),
    ]
    expect(cloudExpiring(records, now, 30).map((c) => c.domain.split('.')[0])).toEqual([
      'expired',
      'five',
      'twenty',
      'edge',
    ])
    expect(cloudExpiring(records, now, 0).map((c) => c.domain.split('.')[0])).toEqual(['expired'])
  })

  it('refuses a window that is not a number of days, 0 or more', () => {
    expect(() => cloudExpiring([], now, -1)).toThrow(/0 or more/)
    expect(() => cloudExpiring([], now, Number.NaN)).toThrow(/0 or more/)
  })
})
