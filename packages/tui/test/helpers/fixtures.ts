import type { AuditEvent, Certificate, CloudCertificate } from '@certdeck/core'
import { NOW, leafEntry } from './certificates.js'

const DAY = 86_400_000

/** A small repository: one per expiry level, one without a key, one RSA. */
export async function sampleCertificates(): Promise<Certificate[]> {
  return Promise.all([
    leafEntry('c0ffee01', 'www.example.com', 200, { sans: ['www.example.com', 'example.com'] }),
    leafEntry('c0ffee02', 'api.example.com', 20, { sans: ['api.example.com'] }),
    leafEntry('c0ffee03', 'mail.example.com', 5, { keyAlgorithm: 'RSA_2048' }),
    leafEntry('c0ffee04', 'old.example.com', -3),
    leafEntry('c0ffee05', 'nokey.example.com', 90, { withKey: false }),
  ])
}

/** A cloud certificate seen by discovery. */
export function cloudCert(domain: string, region: string, extra: Partial<CloudCertificate> = {}): CloudCertificate {
  const store = extra.store ?? 'acm'
  return {
    arn:
      store === 'iam'
        ? `arn:aws:iam::111122223333:server-certificate/${domain}`
        : `arn:aws:acm:${region}:111122223333:certificate/${domain}-${region}`,
    store,
    region,
    accountId: '111122223333',
    credentialId: 'cred-prod',
    kind: 'AMAZON_ISSUED',
    status: 'ISSUED',
    domain,
    sans: [domain],
    keyAlgorithm: 'RSA_2048',
    notAfter: new Date(NOW.getTime() + 120 * DAY).toISOString(),
    inUse: true,
    lastSeenAt: NOW.toISOString(),
    ...extra,
  }
}

/** An audit event. */
export function auditEvent(
  id: string,
  action: string,
  minutesAgo: number,
  outcome: 'ok' | 'failed' = 'ok',
): AuditEvent {
  return {
    id,
    at: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    actor: 'alice',
    action,
    target: 'c0ffee01',
    outcome,
  }
}
