import { describe, expect, it } from 'vitest'
import type { CertificateRequest, DomainValidation } from '../../domain/certificate-request.js'
import type { IssuedStatus } from '../../plugins/certificate-issuer.js'
import { stateOf, toDnsRecord, transition, uniqueRecords } from './request-state.js'

const AT = '2030-01-01T00:00:00.000Z'
const record = { name: '_abc.example.com.', type: 'CNAME' as const, value: '_def.xyz.acm-validations.aws.' }
const request = (over: Partial<CertificateRequest> = {}): CertificateRequest => ({
  id: 'r1',
  kind: 'public',
  credentialId: 'c1',
  region: 'us-east-1',
  arn: 'arn:aws:acm:us-east-1:111122223333:certificate/x',
  domain: 'example.com',
  sans: ['*.example.com'],
  validationMethod: 'DNS',
  state: 'PENDING_VALIDATION',
  validations: [],
  history: [{ at: AT, state: 'PENDING_VALIDATION' }],
  createdAt: AT,
  updatedAt: AT,
  ...over,
})
const validation = (domain: string, withRecord: boolean, status = 'PENDING_VALIDATION'): DomainValidation => ({
  domain,
  validationDomain: domain,
  status,
  ...(withRecord ? { record } : {}),
})
const status = (acm: string, validations: DomainValidation[] = []): IssuedStatus => ({
  arn: 'arn:aws:acm:us-east-1:111122223333:certificate/x',
  status: acm,
  type: 'AMAZON_ISSUED',
  domain: 'example.com',
  sans: ['example.com', '*.example.com'],
  validations,
})

describe('stateOf', () => {
  const both = [validation('example.com', true), validation('*.example.com', true)]

  it('waits while the DNS records are not known yet', () => {
    expect(
      stateOf(
        request(),
        status('PENDING_VALIDATION', [validation('example.com', true), validation('*.example.com', false)]),
        false,
      ),
    ).toBe('PENDING_VALIDATION')
  })

  it('asks to deploy the challenge with a provider, to sync the records without one', () => {
    expect(stateOf(request({ dnsProviderId: 'p1' }), status('PENDING_VALIDATION', both), false)).toBe(
      'DEPLOY_CHALLENGE',
    )
    expect(stateOf(request(), status('PENDING_VALIDATION', both), false)).toBe('SYNC_RECORDS')
    expect(
      stateOf(request({ dnsProviderId: 'p1', challengeDeployedAt: AT }), status('PENDING_VALIDATION', both), false),
    ).toBe('PENDING_VALIDATION')
  })

  it('keeps email, private and renewal requests pending until ACM decides', () => {
    expect(stateOf(request({ validationMethod: 'EMAIL' }), status('PENDING_VALIDATION', both), false)).toBe(
      'PENDING_VALIDATION',
    )
    expect(
      stateOf(request({ kind: 'private', validationMethod: undefined }), status('PENDING_VALIDATION'), false),
    ).toBe('PENDING_VALIDATION')
    expect(stateOf(request({ purpose: 'renewal' }), status('ISSUED'), false)).toBe('PENDING_VALIDATION')
  })

  it("is ISSUED only once the body is held; maps ACM's end states", () => {
    expect(stateOf(request(), status('ISSUED', both), true)).toBe('ISSUED')
    expect(stateOf(request(), status('ISSUED', both), false)).toBe('SYNC_RECORDS')
    expect(stateOf(request(), status('FAILED'), false)).toBe('FAILED')
    expect(stateOf(request(), status('VALIDATION_TIMED_OUT'), false)).toBe('VALIDATION_TIMED_OUT')
    expect(stateOf(request(), status('REVOKED'), true)).toBe('REVOKED')
  })
})

describe('transition', () => {
  it('adds a history entry per change of state or note, none for a repeat', () => {
    const later = '2030-01-02T00:00:00.000Z'
    const synced = transition(request(), 'SYNC_RECORDS', later)
    expect(synced.history.map((h) => h.state)).toEqual(['PENDING_VALIDATION', 'SYNC_RECORDS'])
    expect(transition(synced, 'SYNC_RECORDS', later).history).toHaveLength(2)
    expect(transition(synced, 'SYNC_RECORDS', later, 'checked').history.at(-1)).toEqual({
      at: later,
      state: 'SYNC_RECORDS',
      note: 'checked',
    })
    expect(synced).toMatchObject({ state: 'SYNC_RECORDS', updatedAt: later })
  })
})

describe('validation records', () => {
  it('are de-duplicated (a wildcard and its apex share one) and written without trailing dots', () => {
    const records = uniqueRecords([
      validation('example.com', true),
      validation('*.example.com', true),
      validation('other.example.com', false),
    ])
    expect(records).toEqual([record])
    expect(toDnsRecord(record)).toEqual({
      name: '_abc.example.com',
      type: 'CNAME',
      value: '_def.xyz.acm-validations.aws',
      ttl: 300,
    })
  })
})
