import { describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { Certificate } from '../../domain/certificate.js'
import { renewVerdict } from './renew-policies.js'

const now = new Date('2030-01-01T00:00:00Z')
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString()
const cloud = (patch: Partial<CloudCertificate> = {}): CloudCertificate => ({
  arn: 'arn:aws:acm:eu-west-1:111122223333:certificate/1',
  store: 'acm',
  region: 'eu-west-1',
  accountId: '111122223333',
  credentialId: 'c1',
  kind: 'PRIVATE',
  status: 'ISSUED',
  domain: 'app.internal.test',
  sans: [],
  notAfter: inDays(20),
  lastSeenAt: now.toISOString(),
  ...patch,
})
const base = { requests: [], now, renewBeforeDays: 30, optOutTags: ['certdeck:auto-renew=off'] }

describe('renewal policies', () => {
  it('renews a private certificate within the window, and says why not otherwise', () => {
    expect(renewVerdict({ ...base, cloud: cloud() })).toMatchObject({ renew: true, reason: 'NearingExpiry' })
    expect(renewVerdict({ ...base, cloud: cloud({ notAfter: inDays(40) }) }).reason).toBe('NotNearingExpiry')
    expect(renewVerdict({ ...base, cloud: cloud({ kind: 'AMAZON_ISSUED' }) }).reason).toBe('NotRenewableKind')
    expect(renewVerdict({ ...base, cloud: cloud({ kind: 'AMAZON_ISSUED', exportOption: 'ENABLED' }) }).renew).toBe(true)
    expect(renewVerdict({ ...base, cloud: cloud({ kind: 'IMPORTED' }) }).reason).toBe('NotRenewableKind')
    expect(renewVerdict({ ...base, cloud: cloud({ status: 'REVOKED' }) }).reason).toBe('NotIssued')
  })

  it('honours an opt-out tag, an underway renewal and the renewed entry’s notAfter', () => {
    const entry = { id: 'e1', tags: { 'certdeck:auto-renew': 'off' }, notAfter: inDays(20) } as unknown as Certificate
    expect(renewVerdict({ ...base, cloud: cloud(), certificate: entry }).reason).toBe('OptedOut')
    const renewed = { ...entry, tags: {}, notAfter: inDays(395) } as Certificate
    expect(renewVerdict({ ...base, cloud: cloud(), certificate: renewed }).reason).toBe('NotNearingExpiry')
    const pending = { purpose: 'renewal', state: 'PENDING_VALIDATION', updatedAt: now.toISOString() }
    expect(renewVerdict({ ...base, cloud: cloud(), requests: [pending as never] }).reason).toBe('RenewalUnderway')
  })
})
