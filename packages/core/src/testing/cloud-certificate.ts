import type { CloudCertificate } from '../domain/cloud-certificate.js'

/**
 * A cloud certificate record for tests: an ACM certificate in eu-west-1 of account 111122223333
 * whose ARN ends in `name` and whose domain is `name.example.test`; `patch` changes any field.
 */
export function cloudCertificate(name: string, patch: Partial<CloudCertificate> = {}): CloudCertificate {
  return {
    arn: `arn:aws:acm:eu-west-1:111122223333:certificate/${name}`,
    store: 'acm',
    region: 'eu-west-1',
    accountId: '111122223333',
    credentialId: 'cred',
    kind: 'AMAZON_ISSUED',
    status: 'ISSUED',
    domain: `${name}.example.test`,
    sans: [],
    lastSeenAt: '2026-12-01T00:00:00.000Z',
    ...patch,
  }
}
