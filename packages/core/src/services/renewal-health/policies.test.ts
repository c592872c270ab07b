import { describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { CloudCertificateDetails } from '../../domain/renewal-health.js'
import {
  certificateExpired,
  emailValidation,
  notInUse,
  renewalFailed,
  renewalPendingValidation,
  validationCnameGone,
} from './policies.js'

const NOW = new Date('2026-06-01T00:00:00Z')
const DAY = 86_400_000

function record(overrides: Partial<CloudCertificate> = {}): CloudCertificate {
  return {
    arn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
    store: 'acm',
    region: 'us-east-1',
    accountId: '111122223333',
    credentialId: 'c1',
    kind: 'AMAZON_ISSUED',
    status: 'ISSUED',
    domain: 'www.example.com',
    sans: ['www.example.com'],
    notAfter: new Date(NOW.getTime() + 200 * DAY).toISOString(),
    inUse: true,
    lastSeenAt: NOW.toISOString(),
    ...overrides,
  }
}

function details(overrides: Partial<CloudCertificateDetails> = {}): CloudCertificateDetails {
  return {
    readAt: NOW.toISOString(),
    inUseBy: ['arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/1'],
    validations: [],
    ...overrides,
  }
}

const dnsValidation = (status = 'SUCCESS') => ({
  domain: 'www.example.com',
  validationDomain: 'www.example.com',
  status,
  method: 'DNS' as const,
  record: { name: '_a.www.example.com', type: 'CNAME' as const, value: '_b.acm-validations.aws' },
})

describe('certificateExpired', () => {
  it('fails an expired certificate and passes an issued one', () => {
    expect(certificateExpired({ record: record({ status: 'EXPIRED' }), now: NOW })).toMatchObject({
      code: 'expired',
      severity: 'failing',
    })
    expect(certificateExpired({ record: record(), now: NOW })).toBeUndefined()
  })
})

describe('renewalFailed', () => {
  it("fails with ACM's reason in plain words, keeping the code", () => {
    const reason = renewalFailed({
      record: record({ details: details({ renewal: { status: 'FAILED', reason: 'CAA_ERROR', validations: [] } }) }),
      now: NOW,
    })
    expect(reason).toMatchObject({ code: 'renewal-failed', severity: 'failing' })
    expect(reason?.message).toBe(
      "ACM's renewal failed: a CAA record of the domain does not allow Amazon's CAs to issue (ACM: CAA_ERROR)",
    )
    expect(reason?.fix).toContain('CAA')
  })

  it('never repeats a reason code it cannot read', () => {
    const reason = renewalFailed({
      record: record({ details: details({ renewal: { status: 'FAILED', reason: 'X\u001b[2J', validations: [] } }) }),
      now: NOW,
    })
    expect(reason?.message).toBe("ACM's renewal failed: ACM gave a reason CertDeck cannot read")
  })

  it('passes a renewal that succeeded or is pending', () => {
    for (const status of ['SUCCESS', 'PENDING_AUTO_RENEWAL', 'PENDING_VALIDATION']) {
      expect(
        renewalFailed({ record: record({ details: details({ renewal: { status, validations: [] } }) }), now: NOW }),
      ).toBeUndefined()
    }
  })
})

describe('renewalPendingValidation', () => {
  it('names the names ACM is waiting for', () => {
    const reason = renewalPendingValidation({
      record: record({
        details: details({
          renewal: {
            status: 'PENDING_VALIDATION',
            validations: [dnsValidation('PENDING_VALIDATION'), { ...dnsValidation(), domain: 'ok.example.com' }],
          },
        }),
      }),
      now: NOW,
    })
    expect(reason).toMatchObject({ code: 'renewal-pending-validation', severity: 'at-risk' })
    expect(reason?.message).toBe("ACM's renewal is waiting for validation of www.example.com")
  })

  it('passes without a pending renewal', () => {
    expect(renewalPendingValidation({ record: record({ details: details() }), now: NOW })).toBeUndefined()
  })
})

describe('notInUse', () => {
  it('puts an unused, never exported certificate at risk', () => {
    expect(notInUse({ record: record({ inUse: false }), now: NOW })).toMatchObject({
      code: 'not-in-use',
      severity: 'at-risk',
      message: 'not in use and never exported: ACM will not renew it',
    })
  })

  it('fails it once the 60-day renewal window has opened (time from the input, not the system clock)', () => {
    const soon = record({ inUse: false, notAfter: new Date(NOW.getTime() + 20 * DAY).toISOString() })
    expect(notInUse({ record: soon, now: NOW })).toMatchObject({ severity: 'failing' })
    expect(notInUse({ record: soon, now: new Date(NOW.getTime() - 100 * DAY) })).toMatchObject({ severity: 'at-risk' })
  })

  it('passes one in use or exported', () => {
    expect(notInUse({ record: record(), now: NOW })).toBeUndefined()
    expect(notInUse({ record: record({ inUse: false, exported: true }), now: NOW })).toBeUndefined()
    expect(notInUse({ record: record({ inUse: false, renewalEligibility: 'ELIGIBLE' }), now: NOW })).toBeUndefined()
  })
})

describe('validationCnameGone', () => {
  it('names the missing CNAME and its zone', () => {
    const reason = validationCnameGone({
      record: record({
        details: details({
          recordChecks: [
            { name: '_a.www.example.com', value: '_b.acm-validations.aws', state: 'missing', zone: 'example.com' },
            { name: '_c.api.example.com', value: '_d.acm-validations.aws', state: 'present', zone: 'example.com' },
          ],
        }),
      }),
      now: NOW,
    })
    expect(reason).toMatchObject({ code: 'validation-cname-gone', severity: 'at-risk' })
    expect(reason?.message).toBe(
      'the validation CNAME _a.www.example.com (zone example.com) is gone: ACM cannot validate the renewal',
    )
  })

  it('does not take an unknown record for a missing one', () => {
    const unknown = details({ recordChecks: [{ name: '_a.x.example.com', value: '_b', state: 'unknown' }] })
    expect(validationCnameGone({ record: record({ details: unknown }), now: NOW })).toBeUndefined()
  })
})

describe('emailValidation', () => {
  it('puts an email-validated certificate at risk', () => {
    const emailed = details({
      validations: [
        { domain: 'mail.example.com', validationDomain: 'example.com', status: 'SUCCESS', method: 'EMAIL' },
      ],
    })
    expect(emailValidation({ record: record({ details: emailed }), now: NOW })).toMatchObject({
      code: 'email-validation',
      severity: 'at-risk',
      message: 'validated by email (mail.example.com): a person must approve every renewal',
    })
  })

  it('passes a DNS-validated one', () => {
    expect(
      emailValidation({ record: record({ details: details({ validations: [dnsValidation()] }) }), now: NOW }),
    ).toBeUndefined()
  })
})
