import { describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { emptyStoreData } from '../../domain/store-data.js'
import type { CloudCertificateSummary } from '../../plugins/cloud-provider.js'
import { accountOfArn, mergeDiscovery, type BodyFacts } from './discovery-merge.js'

const now = new Date('2030-01-01T00:00:00Z')
const arn = (region: string, n: number) => `arn:aws:acm:${region}:111122223333:certificate/${n}`
const summary = (region: string, n: number, extra: Partial<CloudCertificateSummary> = {}): CloudCertificateSummary => ({
  arn: arn(region, n),
  kind: 'IMPORTED',
  status: 'ISSUED',
  domain: `n${n}.example.test`,
  sans: [],
  notAfter: '2030-06-01T00:00:00.000Z',
  ...extra,
})
const record = (region: string, n: number, extra: Partial<CloudCertificate> = {}): CloudCertificate => ({
  ...summary(region, n),
  store: 'acm',
  region,
  accountId: '111122223333',
  credentialId: 'k1',
  lastSeenAt: '2029-12-01T00:00:00.000Z',
  ...extra,
})
const answered = (region: string, summaries: CloudCertificateSummary[], bodies = new Map<string, BodyFacts>()) => ({
  credentialId: 'k1',
  accountId: '111122223333',
  store: 'acm' as const,
  region,
  ok: true as const,
  summaries,
  bodies,
})

describe('mergeDiscovery', () => {
  it('counts new, changed and gone in answered regions and keeps failed ones, marked stale', () => {
    const data = emptyStoreData()
    data.cloudCertificates = [
      record('us-east-1', 1),
      record('us-east-1', 2),
      record('eu-west-1', 3),
      record('ap-south-1', 4),
    ]
    const counts = mergeDiscovery(
      data,
      [
        answered('us-east-1', [summary('us-east-1', 1, { status: 'EXPIRED' }), summary('us-east-1', 5)]),
        { credentialId: 'k1', store: 'acm', region: 'eu-west-1', ok: false, error: 'down', code: 'AWS_UNAVAILABLE' },
      ],
      now,
      new Map(),
    )
    expect(counts).toEqual({ found: 2, new: 1, changed: 1, gone: 1 })
    const byArn = new Map(data.cloudCertificates.map((c) => [c.arn, c]))
    expect([...byArn.keys()].sort()).toEqual(
      [arn('ap-south-1', 4), arn('eu-west-1', 3), arn('us-east-1', 1), arn('us-east-1', 5)].sort(),
    )
    expect(byArn.get(arn('eu-west-1', 3))?.stale).toBe(true)
    expect(byArn.get(arn('ap-south-1', 4))?.stale).toBeUndefined()
    expect(byArn.get(arn('us-east-1', 1))).toMatchObject({ status: 'EXPIRED', lastSeenAt: now.toISOString() })
  })

  it('keeps body facts while the summary is unchanged, links by fingerprint, and drops them after a re-import', () => {
    const data = emptyStoreData()
    data.cloudCertificates = [
      record('us-east-1', 1, { fingerprintSha256: 'ab', serial: '01', importedAt: '2029-01-01T00:00:00.000Z' }),
    ]
    const same = summary('us-east-1', 1, { importedAt: '2029-01-01T00:00:00.000Z' })
    mergeDiscovery(data, [answered('us-east-1', [same])], now, new Map([['ab', 'cert1']]))
    expect(data.cloudCertificates[0]).toMatchObject({ fingerprintSha256: 'ab', serial: '01', certificateId: 'cert1' })
    const reimported = summary('us-east-1', 1, { importedAt: '2029-12-31T00:00:00.000Z' })
    const counts = mergeDiscovery(data, [answered('us-east-1', [reimported])], now, new Map([['ab', 'cert1']]))
    expect(counts.changed).toBe(1)
    expect(data.cloudCertificates[0].fingerprintSha256).toBeUndefined()
    expect(data.cloudCertificates[0].certificateId).toBeUndefined()
  })

  it('takes IAM domains from bodies and drops records without an ARN once their slice answers', () => {
    const data = emptyStoreData()
    data.cloudCertificates = [{ ...record('global', 9), store: 'iam', arn: '' }]
    const iamArn = 'arn:aws:iam::111122223333:server-certificate/legacy'
    const body: BodyFacts = {
      fingerprintSha256: 'cd',
      serial: '02',
      commonName: 'legacy.example.test',
      sans: ['legacy.example.test'],
      notBefore: '2029-01-01T00:00:00.000Z',
      notAfter: '2031-01-01T00:00:00.000Z',
      keyAlgorithm: 'RSA_2048',
    }
    mergeDiscovery(
      data,
      [
        {
          credentialId: 'k1',
          store: 'iam',
          region: 'global',
          ok: true,
          summaries: [{ arn: iamArn, kind: 'IMPORTED', status: 'ISSUED', domain: 'legacy', sans: [] }],
          bodies: new Map([[iamArn, body]]),
        },
      ],
      now,
      new Map(),
    )
    expect(data.cloudCertificates).toEqual([
      expect.objectContaining({
        arn: iamArn,
        store: 'iam',
        domain: 'legacy.example.test',
        sans: ['legacy.example.test'],
        notBefore: body.notBefore,
        notAfter: body.notAfter,
        fingerprintSha256: 'cd',
      }),
    ])
  })
})

describe('accountOfArn', () => {
  it('reads the account field of ACM and IAM ARNs', () => {
    expect(accountOfArn('arn:aws:acm:eu-west-1:111122223333:certificate/x')).toBe('111122223333')
    expect(accountOfArn('arn:aws:iam::444455556666:server-certificate/a/b')).toBe('444455556666')
    expect(accountOfArn('arn:aws:s3:::bucket')).toBeUndefined()
    expect(accountOfArn('not-an-arn')).toBeUndefined()
  })
})
