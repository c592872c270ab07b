import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { assertExpiryWindow, expiresWithin } from '../certificates/index.js'

/** ACM statuses of certificates that will never serve again: nothing to renew or replace. */
const DEAD_STATUSES: ReadonlySet<string> = new Set(['REVOKED', 'FAILED', 'VALIDATION_TIMED_OUT'])

/**
 * The cloud certificates among `records` whose notAfter falls within `days` of `now` (expired ones
 * included), soonest first. Records linked to a repository certificate are left out (the
 * repository's own expiry check covers them), as are dead ones and those without a notAfter.
 * A window that is not a number of days, 0 or more, is refused.
 */
export function cloudExpiring(records: readonly CloudCertificate[], now: Date, days: number): CloudCertificate[] {
  assertExpiryWindow(days)
  return records
    .filter(
      (c): c is CloudCertificate & { notAfter: string } =>
        c.notAfter !== undefined &&
        !c.certificateId &&
        !DEAD_STATUSES.has(c.status) &&
        expiresWithin({ notAfter: c.notAfter }, now, days),
    )
    .sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter) || a.arn.localeCompare(b.arn))
}
