import { describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { CertificateRequest } from '../../domain/certificate-request.js'
import { type StoreData, emptyStoreData } from '../../domain/store-data.js'
import { CloudExpiry, RenewalFailed, RequestStuck, TaskFailed, evaluateEvents, sentInForce } from './event-policies.js'
import { DEFAULT_RULES } from './notification-rules.js'

const now = new Date('2030-06-01T00:00:00Z')
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString()

function cloud(arn: string, days: number, kind: CloudCertificate['kind'], eligibility?: string): CloudCertificate {
  return {
    arn,
    store: 'acm',
    region: 'eu-west-1',
    accountId: '111122223333',
    credentialId: 'c1',
    kind,
    status: 'ISSUED',
    domain: `${arn}.example.test`,
    sans: [],
    notAfter: inDays(days),
    lastSeenAt: now.toISOString(),
    ...(eligibility ? { renewalEligibility: eligibility } : {}),
  }
}

describe('event policies', () => {
  it('Amazon-issued ELIGIBLE certificates only at the eligible thresholds, saying ACM should have renewed them', () => {
    const data = {
      ...emptyStoreData(),
      cloudCertificates: [
        cloud('managed-20', 20, 'AMAZON_ISSUED', 'ELIGIBLE'),
        cloud('managed-5', 5, 'AMAZON_ISSUED', 'ELIGIBLE'),
        cloud('imported-20', 20, 'IMPORTED', 'INELIGIBLE'),
      ],
    }
    const events = CloudExpiry({ data, rules: DEFAULT_RULES, now })
    expect(events.map((e) => [e.subject, e.threshold])).toEqual([
      ['cloud:managed-5', '7'],
      ['cloud:imported-20', '30'],
    ])
    expect(events[0]?.message).toContain('ACM renews this certificate by itself and should have renewed it')
    expect(CloudExpiry({ data, rules: { ...DEFAULT_RULES, scope: 'repository' }, now })).toEqual([])
  })

  it('finds failed renewals, stuck requests and failing tasks; the rules pick the events', () => {
    const request = (id: string, patch: Partial<CertificateRequest>): CertificateRequest => ({
      id,
      kind: 'private',
      credentialId: 'c1',
      region: 'eu-west-1',
      domain: `${id}.example.test`,
      sans: [],
      state: 'PENDING_VALIDATION',
      validations: [],
      history: [],
      createdAt: inDays(-2),
      updatedAt: inDays(-1),
      ...patch,
    })
    const data: StoreData = {
      ...emptyStoreData(),
      requests: [
        request('r1', { purpose: 'renewal', state: 'FAILED', failureReason: 'CA disabled' }),
        request('r2', {}),
        request('r3', { createdAt: inDays(-0.5) }),
      ],
      watchRuns: [
        {
          id: 'refresh',
          task: 'refresh' as const,
          lastOutcome: 'failed' as const,
          failures: 2,
          failuresTotal: 2,
          lastError: 'timeout',
        },
      ],
    }
    const input = { data, rules: DEFAULT_RULES, now }
    expect(RenewalFailed(input).map((e) => e.message)).toEqual(['the renewal failed: CA disabled.'])
    expect(RequestStuck(input).map((e) => e.subject)).toEqual(['request:r2'])
    expect(TaskFailed(input)[0]?.message).toContain('2 time(s) in a row: timeout')
    expect(
      evaluateEvents({ ...input, rules: { ...DEFAULT_RULES, events: ['task-failed'] } }).map((e) => e.event),
    ).toEqual(['task-failed'])
    // A task that recovered lets its failure be told again next time.
    const sent = [
      {
        key: 'k',
        channelId: 'ch',
        event: 'task-failed' as const,
        subject: 'task:refresh',
        threshold: 'failing',
        sentAt: now.toISOString(),
      },
    ]
    expect(sentInForce({ ...data, notificationsSent: sent }, now)).toHaveLength(1)
    const recovered = {
      ...data,
      notificationsSent: sent,
      watchRuns: data.watchRuns.map((r) => ({ ...r, lastOutcome: 'ok' as const })),
    }
    expect(sentInForce(recovered, now)).toEqual([])
  })
})
