import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { RenewalHealthReason } from '../../domain/renewal-health.js'
import { awsReasonWords } from './aws-reasons.js'

const DAY_MS = 24 * 3600 * 1000

/** ACM starts renewing an eligible Amazon-issued certificate this many days before it expires. */
export const MANAGED_RENEWAL_WINDOW_DAYS = 60

/** What every renewal policy is given: one Amazon-issued record and the time (from the Clock port). */
export interface PolicyInput {
  readonly record: CloudCertificate
  readonly now: Date
}

/**
 * One reason ACM's renewal may not happen: returns it, or nothing when the record is fine on
 * that count. Each policy looks at one thing only and is tested alone.
 */
export type RenewalPolicy = (input: PolicyInput) => RenewalHealthReason | undefined

const names = (list: readonly string[]): string =>
  list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`

/** An expired certificate: ACM never renews one. */
export const certificateExpired: RenewalPolicy = ({ record }) =>
  record.status === 'EXPIRED'
    ? {
        code: 'expired',
        severity: 'failing',
        message: 'it has expired: ACM does not renew an expired certificate',
        fix: 'Request a new certificate (certdeck requests public) and move the resources using this one to it.',
      }
    : undefined

/** ACM's managed renewal FAILED, with the reason ACM gave. */
export const renewalFailed: RenewalPolicy = ({ record }) => {
  const renewal = record.details?.renewal
  if (renewal?.status !== 'FAILED') return undefined
  const { words, fix } = awsReasonWords(renewal.reason)
  return { code: 'renewal-failed', severity: 'failing', message: `ACM's renewal failed: ${words}`, fix }
}

/** ACM's managed renewal is waiting for names to validate (PENDING_VALIDATION). */
export const renewalPendingValidation: RenewalPolicy = ({ record }) => {
  const renewal = record.details?.renewal
  if (renewal?.status !== 'PENDING_VALIDATION') return undefined
  const waiting = renewal.validations.filter((v) => v.status !== 'SUCCESS').map((v) => v.domain)
  const reason = renewal.reason ? `; ${awsReasonWords(renewal.reason).words}` : ''
  return {
    code: 'renewal-pending-validation',
    severity: 'at-risk',
    message: `ACM's renewal is waiting for validation${waiting.length ? ` of ${names(waiting)}` : ''}${reason}`,
    fix:
      'Restore the validation CNAME of each name (certdeck aws show ARN lists them), ' +
      'or approve the validation email; ACM retries by itself.',
  }
}

/**
 * Not in use and never exported: ACM will not renew it. Once the renewal window has opened
 * (60 days before expiry) ACM has already passed it by, so the renewal is failing.
 */
export const notInUse: RenewalPolicy = ({ record, now }) => {
  if (record.status !== 'ISSUED' || record.inUse === true || record.exported === true) return undefined
  // ACM's own word wins: it counts exports CertDeck's list may not show.
  if (record.renewalEligibility === 'ELIGIBLE') return undefined
  if (record.details && record.details.inUseBy.length > 0) return undefined
  const daysLeft = record.notAfter ? (Date.parse(record.notAfter) - now.getTime()) / DAY_MS : Number.POSITIVE_INFINITY
  const inWindow = daysLeft <= MANAGED_RENEWAL_WINDOW_DAYS
  return {
    code: 'not-in-use',
    severity: inWindow ? 'failing' : 'at-risk',
    message: inWindow
      ? `not in use and never exported, and it expires in ${Math.max(0, Math.floor(daysLeft))} days: ` +
        'ACM will not renew it'
      : 'not in use and never exported: ACM will not renew it',
    fix:
      'Attach it to the resource it is meant for (load balancer, CloudFront, API Gateway), ' +
      'or delete it if nothing needs it.',
  }
}

/** A DNS-validated name whose validation CNAME its DNS provider no longer holds. */
export const validationCnameGone: RenewalPolicy = ({ record }) => {
  const gone = (record.details?.recordChecks ?? []).filter((check) => check.state === 'missing')
  if (gone.length === 0) return undefined
  const where = gone.map((check) => `${check.name}${check.zone ? ` (zone ${check.zone})` : ''}`)
  return {
    code: 'validation-cname-gone',
    severity: 'at-risk',
    message: `the validation CNAME ${names(where)} is gone: ACM cannot validate the renewal`,
    fix:
      'Write the CNAME again (certdeck aws show ARN gives name and value; a DNS provider can write it), ' +
      'and keep it after issuance.',
  }
}

/** Email validation: a person must approve every renewal. */
export const emailValidation: RenewalPolicy = ({ record }) => {
  const emailed = (record.details?.validations ?? []).filter((v) => v.method === 'EMAIL').map((v) => v.domain)
  if (emailed.length === 0) return undefined
  return {
    code: 'email-validation',
    severity: 'at-risk',
    message: `validated by email (${names(emailed)}): a person must approve every renewal`,
    fix: 'Watch the admin mailboxes from 45 days before expiry, or request a DNS-validated replacement.',
  }
}

/** The policies of an Amazon-issued certificate, in the order their reasons are shown. */
export const RENEWAL_POLICIES: readonly RenewalPolicy[] = [
  certificateExpired,
  renewalFailed,
  renewalPendingValidation,
  notInUse,
  validationCnameGone,
  emailValidation,
]
