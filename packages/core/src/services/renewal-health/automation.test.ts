import { describe, expect, it } from 'vitest'
import type { Certificate } from '../../domain/certificate.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { emptyStoreData, type StoreData } from '../../domain/store-data.js'
import type { WatchRun } from '../../domain/watch.js'
import { automationRenews } from './automation.js'
import { evaluateRenewalHealth } from './evaluate.js'

const NOW = new Date('2026-06-01T00:00:00Z')
const DAY = 86_400_000
const record: CloudCertificate = {
  arn: 'arn:aws:acm:us-east-1:111122223333:certificate/private',
  store: 'acm',
  region: 'us-east-1',
  accountId: '111122223333',
  credentialId: 'c1',
  kind: 'PRIVATE',
  status: 'ISSUED',
  domain: 'api.internal',
  sans: ['api.internal'],
  notAfter: '2027-01-01T00:00:00Z',
  certificateId: 'e1',
  lastSeenAt: NOW.toISOString(),
}
const renewRun = (daysAgo: number): WatchRun => ({
  id: 'renew',
  task: 'renew',
  lastRunAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
  lastSuccessAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
  lastOutcome: 'ok',
  failures: 0,
  failuresTotal: 0,
})
const entry = (tags: Record<string, string>) => ({ id: 'e1', tags }) as unknown as Certificate

function renewedBy(data: StoreData): string {
  return evaluateRenewalHealth(record, { now: NOW, automation: automationRenews(data, NOW)(record) }).renewedBy
}

describe('who renews a private certificate', () => {
  it('CertDeck once the watcher renews; nobody without it, a week after it stopped, or opted out', () => {
    const data = emptyStoreData()
    expect(renewedBy(data)).toBe('nobody')
    expect(renewedBy({ ...data, watchRuns: [renewRun(0.5)], certificates: [entry({})] })).toBe('certdeck')
    expect(renewedBy({ ...data, watchRuns: [renewRun(8)], certificates: [entry({})] })).toBe('nobody')
    const optedOut = { ...data, watchRuns: [renewRun(0.5)], certificates: [entry({ 'certdeck:auto-renew': 'off' })] }
    expect(renewedBy(optedOut)).toBe('nobody')
    // The opt-out tags are the watch settings' when set.
    const custom = {
      ...optedOut,
      watchSettings: [{ task: 'renew' as const, every: '1h', optOutTags: ['team=legacy'] }],
    }
    expect(renewedBy(custom)).toBe('certdeck')
  })
})
