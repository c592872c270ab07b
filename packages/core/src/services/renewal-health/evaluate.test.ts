import { describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { evaluateRenewalHealth } from './evaluate.js'
import type { RenewalPolicy } from './policies.js'

const NOW = new Date('2026-06-01T00:00:00Z')
const base: CloudCertificate = {
  arn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
  store: 'acm',
  region: 'us-east-1',
  accountId: '111122223333',
  credentialId: 'c1',
  kind: 'AMAZON_ISSUED',
  status: 'ISSUED',
  domain: 'www.example.com',
  sans: ['www.example.com'],
  notAfter: '2027-01-01T00:00:00Z',
  inUse: true,
  lastSeenAt: NOW.toISOString(),
}
const atRisk: RenewalPolicy = () => ({ code: 'first', severity: 'at-risk', message: 'a', fix: 'f' })
const failing: RenewalPolicy = () => ({ code: 'second', severity: 'failing', message: 'b', fix: 'f' })

describe('evaluateRenewalHealth', () => {
  it('is ok when no policy finds anything, and says ACM renews it', () => {
    expect(evaluateRenewalHealth(base, { now: NOW })).toEqual({
      state: 'ok',
      reasons: [],
      renewedBy: 'acm',
      renewer: 'ACM (managed renewal)',
      detailed: false,
    })
  })

  it('keeps every reason, worst first, and takes the worst for the state', () => {
    const health = evaluateRenewalHealth(base, { now: NOW, policies: [atRisk, failing] })
    expect(health.state).toBe('failing')
    expect(health.reasons.map((r) => r.code)).toEqual(['second', 'first'])
  })

  it('judges an unused Amazon-issued certificate at risk with the default policies', () => {
    const health = evaluateRenewalHealth({ ...base, inUse: false }, { now: NOW })
    expect(health.state).toBe('at-risk')
    expect(health.reasons.map((r) => r.code)).toEqual(['not-in-use'])
  })

  it('gives no state to a pending request', () => {
    expect(
      evaluateRenewalHealth({ ...base, status: 'PENDING_VALIDATION', inUse: false }, { now: NOW }).state,
    ).toBeUndefined()
  })

  it('says who renews private and imported certificates', () => {
    const imported = evaluateRenewalHealth({ ...base, kind: 'IMPORTED' }, { now: NOW })
    expect(imported).toMatchObject({ renewedBy: 'nobody', reasons: [] })
    expect(imported.state).toBeUndefined()
    expect(imported.renewer).toContain('ACM never renews imported certificates')
    expect(evaluateRenewalHealth({ ...base, kind: 'PRIVATE' }, { now: NOW }).renewedBy).toBe('nobody')
    expect(evaluateRenewalHealth({ ...base, kind: 'PRIVATE' }, { now: NOW, automation: true })).toMatchObject({
      renewedBy: 'certdeck',
    })
  })
})
