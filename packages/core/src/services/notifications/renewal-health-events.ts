import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { NotificationRules } from '../../domain/notification.js'
import type { StoreData } from '../../domain/store-data.js'
import { daysLeft } from '../certificates/index.js'
import { evaluateRenewalHealth } from '../renewal-health/index.js'
import type { NotificationEvent } from './notification-event.js'
import { matchesTags } from './notification-rules.js'

/**
 * The renewal health events of one cloud record: one per reason, `renewal-failing` or
 * `renewal-at-risk` by the reason's severity, the reason code as threshold (so each certificate
 * and reason is told once). Only issued Amazon-issued certificates: an expired one is told by the
 * `expired` event, and private and imported ones have no health state.
 */
function healthEvents(record: CloudCertificate, now: Date): NotificationEvent[] {
  if (record.store !== 'acm' || record.kind !== 'AMAZON_ISSUED' || record.status !== 'ISSUED') return []
  const health = evaluateRenewalHealth(record, { now })
  return health.reasons.map((reason) => ({
    event: reason.severity === 'failing' ? 'renewal-failing' : 'renewal-at-risk',
    subject: `cloud:${record.arn}`,
    threshold: reason.code,
    reason: reason.code,
    name: `${record.domain} (${record.region})`,
    message: `${reason.message}. ${reason.fix}`,
    ...(record.notAfter ? { notAfter: record.notAfter, daysLeft: daysLeft({ notAfter: record.notAfter }, now) } : {}),
  }))
}

/** True when the rules' scope and tag selector cover the record (tags live on the repository entry it is linked to). */
function covered(record: CloudCertificate, data: StoreData, rules: NotificationRules): boolean {
  if (!record.certificateId) return rules.scope !== 'repository' && rules.tags.length === 0
  if (rules.tags.length === 0) return true
  const entry = data.certificates.find((c) => c.id === record.certificateId)
  return entry !== undefined && matchesTags(entry.tags, rules.tags)
}

/**
 * Amazon-issued certificates whose managed renewal is at risk or failing (renewal health),
 * one event per certificate and reason.
 */
export function renewalHealthEvents(input: {
  readonly data: StoreData
  readonly rules: NotificationRules
  readonly now: Date
}): NotificationEvent[] {
  const { data, rules, now } = input
  return data.cloudCertificates.filter((c) => covered(c, data, rules)).flatMap((c) => healthEvents(c, now))
}

/**
 * `<event>|<subject>|<threshold>` of every renewal health event true now, whatever the rules:
 * a sent record not in this set has recovered (or its certificate is gone), so the same reason is
 * told again if it comes back.
 */
export function renewalHealthNow(data: StoreData, now: Date): ReadonlySet<string> {
  return new Set(
    data.cloudCertificates.flatMap((c) => healthEvents(c, now)).map((e) => `${e.event}|${e.subject}|${e.threshold}`),
  )
}
