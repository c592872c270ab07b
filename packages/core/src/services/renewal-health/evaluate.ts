import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { RenewalHealth, RenewalHealthReason, RenewalHealthState } from '../../domain/renewal-health.js'
import { RENEWAL_POLICIES, type RenewalPolicy } from './policies.js'

/** What the evaluation needs besides the record. */
export interface HealthContext {
  /** From the Clock port. */
  readonly now: Date
  /** True when CertDeck's automation renews private certificates (the `watch` scheduler). @default false */
  readonly automation?: boolean
  /** The policies to run. @default RENEWAL_POLICIES */
  readonly policies?: readonly RenewalPolicy[]
}

/** Statuses of an Amazon-issued certificate whose renewal health means something. */
const JUDGED: ReadonlySet<string> = new Set(['ISSUED', 'EXPIRED'])

const RANK: Readonly<Record<RenewalHealthState, number>> = { ok: 0, 'at-risk': 1, failing: 2 }

/**
 * The renewal health of one cloud record. Every policy runs (not only the first that finds
 * something): an admin fixing one reason should see the others at the same time. The state is
 * the worst reason's; reasons are listed worst first, in policy order. Private and imported
 * certificates get no state, only who renews them.
 */
export function evaluateRenewalHealth(record: CloudCertificate, context: HealthContext): RenewalHealth {
  const detailed = record.details !== undefined
  if (record.kind === 'PRIVATE') {
    return context.automation
      ? { reasons: [], renewedBy: 'certdeck', renewer: 'CertDeck (automation renews it before expiry)', detailed }
      : {
          reasons: [],
          renewedBy: 'nobody',
          renewer: 'nobody: renew it with certdeck renew, or set up automation',
          detailed,
        }
  }
  if (record.kind === 'IMPORTED') {
    return {
      reasons: [],
      renewedBy: 'nobody',
      renewer: 'nobody: ACM never renews imported certificates; renew it where it was issued and deploy it again',
      detailed,
    }
  }
  const renewer = 'ACM (managed renewal)'
  if (!JUDGED.has(record.status)) return { reasons: [], renewedBy: 'acm', renewer, detailed }
  const found: RenewalHealthReason[] = []
  for (const policy of context.policies ?? RENEWAL_POLICIES) {
    const reason = policy({ record, now: context.now })
    if (reason) found.push(reason)
  }
  const reasons = found
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => RANK[b.reason.severity] - RANK[a.reason.severity] || a.index - b.index)
    .map(({ reason }) => reason)
  const state: RenewalHealthState = reasons[0]?.severity ?? 'ok'
  return { state, reasons, renewedBy: 'acm', renewer, detailed }
}

/** The record with its {@link RenewalHealth} attached. */
export function withRenewalHealth(record: CloudCertificate, context: HealthContext): CloudCertificate {
  return { ...record, health: evaluateRenewalHealth(record, context) }
}

/** `--renewal` filter values. */
export const RENEWAL_FILTERS = ['at-risk', 'failing'] as const

/** A `--renewal` filter value. */
export type RenewalFilter = (typeof RENEWAL_FILTERS)[number]

/** True for `at-risk` and `failing`. */
export function isRenewalFilter(value: string): value is RenewalFilter {
  return (RENEWAL_FILTERS as readonly string[]).includes(value)
}
