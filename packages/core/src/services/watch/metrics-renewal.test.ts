import { describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { withRenewalHealth } from '../renewal-health/index.js'
import { certdeckRegistry, type MetricsDeck } from './metrics.js'

const NOW = new Date('2030-06-01T00:00:00Z')
const record = (name: string, patch: Partial<CloudCertificate>): CloudCertificate =>
  withRenewalHealth(
    {
      arn: `arn:aws:acm:us-east-1:111122223333:certificate/${name}`,
      store: 'acm',
      region: 'us-east-1',
      accountId: '111122223333',
      credentialId: 'c1',
      kind: 'AMAZON_ISSUED',
      status: 'ISSUED',
      domain: `${name}.example.com`,
      sans: [],
      notAfter: '2031-01-01T00:00:00Z',
      inUse: true,
      lastSeenAt: NOW.toISOString(),
      ...patch,
    },
    { now: NOW },
  )

describe('the renewal health metric', () => {
  it('is 1 for each Amazon-issued certificate with its state and worst reason; private ones have none', async () => {
    const cloud = [
      record('web', {}),
      record('idle', { inUse: false, renewalEligibility: 'INELIGIBLE' }),
      record('internal', { kind: 'PRIVATE' }),
    ]
    const deck = {
      certificates: { list: async () => [] },
      cloud: { list: async () => cloud },
      requests: { list: async () => [] },
    } as unknown as MetricsDeck
    const text = await certdeckRegistry(deck).metrics()
    const lines = text.split('\n').filter((l) => l.startsWith('certdeck_cloud_certificate_renewal_health{'))
    const arn = (name: string) => `arn:aws:acm:us-east-1:111122223333:certificate/${name}`
    expect(lines).toEqual([
      `certdeck_cloud_certificate_renewal_health{arn="${arn('web')}",region="us-east-1",domain="web.example.com",` +
        'state="ok",reason=""} 1',
      `certdeck_cloud_certificate_renewal_health{arn="${arn('idle')}",region="us-east-1",domain="idle.example.com",` +
        'state="at-risk",reason="not-in-use"} 1',
    ])
  })
})
