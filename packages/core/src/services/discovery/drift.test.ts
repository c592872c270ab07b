import { describe, expect, it } from 'vitest'
import type { Certificate, CertificateVersion } from '../../domain/certificate.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { Deployment } from '../../domain/deployment.js'
import { judgeDrift } from './drift.js'

const now = new Date('2030-01-01T00:00:00Z')

const version = (n: number, fingerprint: string, notAfter: string): CertificateVersion => ({
  version: n,
  fingerprintSha256: fingerprint,
  serial: `0${n}`,
  subject: 'CN=a.test',
  commonName: 'a.test',
  sans: ['a.test'],
  issuer: 'CN=ca',
  notBefore: '2029-01-01T00:00:00.000Z',
  notAfter,
  keyAlgorithm: 'EC_prime256v1',
  selfSigned: false,
  pem: '',
  chainPem: [],
  origin: 'imported',
  addedAt: '2029-01-01T00:00:00.000Z',
})

const v1 = version(1, 'aa'.repeat(32), '2030-06-01T00:00:00.000Z')
const v2 = version(2, 'bb'.repeat(32), '2030-09-01T00:00:00.000Z')
const certificate: Certificate = {
  ...v2,
  id: 'c1',
  versions: [v1],
  tags: {},
  createdAt: v1.addedAt,
  updatedAt: v2.addedAt,
}
const deployment: Deployment = {
  id: 'd1',
  certificateId: 'c1',
  credentialId: 'k1',
  region: 'eu-west-1',
  arn: 'arn:aws:acm:eu-west-1:111122223333:certificate/x',
  replaceIfExists: false,
  autoRedeploy: false,
  deployedFingerprint: v1.fingerprintSha256,
  state: 'deployed',
  updatedAt: v1.addedAt,
}
const cloud = (fingerprint: string, notAfter: string, serial = '99'): CloudCertificate => ({
  arn: deployment.arn!,
  store: 'acm',
  region: 'eu-west-1',
  accountId: '111122223333',
  credentialId: 'k1',
  kind: 'IMPORTED',
  status: 'ISSUED',
  domain: 'a.test',
  sans: ['a.test'],
  notAfter,
  serial,
  fingerprintSha256: fingerprint,
  lastSeenAt: now.toISOString(),
})

describe('judgeDrift', () => {
  it('finds no drift when the cloud holds what was deployed', () => {
    expect(judgeDrift(deployment, cloud(v1.fingerprintSha256, v1.notAfter), certificate, now)).toEqual({})
  })

  it('accepts the current version found in the cloud as deployed', () => {
    expect(judgeDrift(deployment, cloud(v2.fingerprintSha256, v2.notAfter), certificate, now)).toEqual({
      deployedFingerprint: v2.fingerprintSha256,
    })
  })

  it('reports a vanished copy', () => {
    expect(judgeDrift(deployment, undefined, certificate, now).drift).toMatchObject({
      reason: 'vanished',
      detectedAt: now.toISOString(),
    })
  })

  it('tells a renewal outside CertDeck from another change', () => {
    const later = judgeDrift(deployment, cloud('cc'.repeat(32), '2031-01-01T00:00:00.000Z'), certificate, now).drift
    expect(later?.reason).toBe('renewed-outside')
    expect(later?.detail).toContain('serial: cloud 99, deployed 01')
    const other = judgeDrift(deployment, cloud('dd'.repeat(32), v1.notAfter), certificate, now).drift
    expect(other?.reason).toBe('changed')
    expect(other?.detail).toContain('fingerprint differs: cloud dddddddddddd…')
  })

  it('keeps the first detection time while the drift persists', () => {
    const earlier = {
      ...deployment,
      drift: { reason: 'vanished' as const, detail: 'x', detectedAt: '2029-12-01T00:00:00.000Z' },
    }
    expect(judgeDrift(earlier, undefined, certificate, now).drift?.detectedAt).toBe('2029-12-01T00:00:00.000Z')
  })
})
