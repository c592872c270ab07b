import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { MANAGED_RENEWAL_WINDOW_DAYS } from './policies.js'

const DAY_MS = 24 * 3600 * 1000

/** Statuses whose details the background pass reads. */
const DESCRIBED: ReadonlySet<string> = new Set(['ISSUED', 'EXPIRED'])

/**
 * True for the ACM certificates the background details pass describes: in use, Amazon-issued
 * within 60 days of expiry, or renewal-eligible. The others keep to their list summary.
 */
export function needsDetails(record: CloudCertificate, now: Date): boolean {
  if (record.store !== 'acm' || !DESCRIBED.has(record.status)) return false
  if (record.inUse === true || record.renewalEligibility === 'ELIGIBLE') return true
  if (record.kind !== 'AMAZON_ISSUED' || !record.notAfter) return false
  return Date.parse(record.notAfter) - now.getTime() <= MANAGED_RENEWAL_WINDOW_DAYS * DAY_MS
}
