import type { NotificationRules } from '../../domain/notification.js'
import type { StoreData } from '../../domain/store-data.js'
import { evaluateExpiry } from './expiry-policies.js'
import type { NotificationEvent } from './notification-event.js'
import { matchesTags } from './notification-rules.js'
import { renewalHealthEvents, renewalHealthNow } from './renewal-health-events.js'

/** What every event policy looks at. */
export interface EvaluationInput {
  readonly data: StoreData
  readonly rules: NotificationRules
  readonly now: Date
}

/** One named check over the document, returning the events it finds. */
export type EventPolicy = (input: EvaluationInput) => NotificationEvent[]

/** The tag CertDeck puts on entries it revoked. */
const REVOKED_TAG = 'certdeck:revoked'
/** Events about something that happened (renewed, failed) are told only when recent. */
const RECENT_MS = 7 * 86_400_000
const EMAIL_WINDOW_WARN_MS = 60 * 3_600_000
const INACTIVE_CLOUD_STATES = new Set(['REVOKED', 'FAILED', 'VALIDATION_TIMED_OUT', 'INACTIVE'])
const UNFINISHED = new Set(['PENDING_VALIDATION', 'DEPLOY_CHALLENGE', 'SYNC_RECORDS'])

function recent(at: string | undefined, now: Date): boolean {
  return at !== undefined && now.getTime() - Date.parse(at) <= RECENT_MS
}

/** Repository certificates crossing a threshold or expired (ACM-managed ones at the eligible thresholds only). */
export const RepositoryExpiry: EventPolicy = ({ data, rules, now }) => {
  if (rules.scope === 'cloud') return []
  const managed = new Set(
    data.cloudCertificates
      .filter((c) => c.certificateId && c.kind === 'AMAZON_ISSUED' && c.renewalEligibility === 'ELIGIBLE')
      .map((c) => c.certificateId),
  )
  return data.certificates.flatMap((c) => {
    if (c.tags[REVOKED_TAG] !== undefined || !matchesTags(c.tags, rules.tags)) return []
    const isManaged = managed.has(c.id)
    const finding = evaluateExpiry({
      notAfter: new Date(c.notAfter),
      now,
      thresholds: isManaged ? rules.eligibleThresholds : rules.thresholds,
      expired: rules.expired,
      managedRenewal: isManaged,
    })
    return finding ? [{ ...finding, subject: `certificate:${c.id}`, name: c.commonName, notAfter: c.notAfter }] : []
  })
}

/** Cloud certificates not held in the repository, crossing a threshold or expired. */
export const CloudExpiry: EventPolicy = ({ data, rules, now }) => {
  // Cloud records carry no tags: a tag selector keeps to the repository.
  if (rules.scope === 'repository' || rules.tags.length > 0) return []
  return data.cloudCertificates.flatMap((c) => {
    if (c.certificateId || !c.notAfter || INACTIVE_CLOUD_STATES.has(c.status)) return []
    const isManaged = c.kind === 'AMAZON_ISSUED' && c.renewalEligibility === 'ELIGIBLE'
    const finding = evaluateExpiry({
      notAfter: new Date(c.notAfter),
      now,
      thresholds: isManaged ? rules.eligibleThresholds : rules.thresholds,
      expired: rules.expired,
      managedRenewal: isManaged,
    })
    const name = `${c.domain} (${c.region})`
    return finding ? [{ ...finding, subject: `cloud:${c.arn}`, name, notAfter: c.notAfter }] : []
  })
}

/** ACM's own renewal of an Amazon-issued certificate is at risk or failing: once per certificate and reason. */
export const RenewalHealth: EventPolicy = renewalHealthEvents

/** A certificate got a new version lately. */
export const Renewed: EventPolicy = ({ data, rules, now }) =>
  data.certificates
    .filter((c) => c.versions.length > 0 && recent(c.addedAt, now) && matchesTags(c.tags, rules.tags))
    .map((c) => ({
      event: 'renewed',
      subject: `certificate:${c.id}`,
      threshold: `v${c.version}`,
      name: c.commonName,
      message: `renewed: version ${c.version} is valid until ${c.notAfter}.`,
    }))

/** A renewal request failed lately. */
export const RenewalFailed: EventPolicy = ({ data, now }) =>
  data.requests
    .filter((r) => r.purpose === 'renewal' && r.state === 'FAILED' && recent(r.updatedAt, now))
    .map((r) => ({
      event: 'renewal-failed',
      subject: `request:${r.id}`,
      threshold: 'failed',
      name: r.domain,
      message: `the renewal failed: ${r.failureReason ?? 'ACM gave no reason'}.`,
    }))

/** A request waits for validation longer than the rules allow, or its validation email window is closing. */
export const RequestStuck: EventPolicy = ({ data, rules, now }) =>
  data.requests.flatMap((r) => {
    if (!UNFINISHED.has(r.state)) return []
    const age = now.getTime() - Date.parse(r.createdAt)
    if (r.validationMethod === 'EMAIL' && age >= EMAIL_WINDOW_WARN_MS) {
      return [
        {
          event: 'request-stuck' as const,
          subject: `request:${r.id}`,
          threshold: 'email-window',
          name: r.domain,
          message:
            `the validation email window (72 h) closes soon; resend it or validate now (certdeck request ` +
            `resend ${r.id}).`,
        },
      ]
    }
    if (age < rules.stuckAfterHours * 3_600_000) return []
    return [
      {
        event: 'request-stuck' as const,
        subject: `request:${r.id}`,
        threshold: 'stuck',
        name: r.domain,
        message: `waits in ${r.state} for more than ${rules.stuckAfterHours} h.`,
      },
    ]
  })

/** A deployment (or an auto-redeploy) failed. */
export const DeployFailed: EventPolicy = ({ data }) =>
  data.deployments
    .filter((d) => d.state === 'failed')
    .map((d) => ({
      event: 'deploy-failed',
      subject: `deployment:${d.id}`,
      threshold: d.updatedAt,
      name: `${data.certificates.find((c) => c.id === d.certificateId)?.commonName ?? d.certificateId} → ${d.region}`,
      message: `the deployment failed: ${d.lastError ?? 'no reason recorded'}.`,
    }))

/** A deployed certificate and its cloud copy differ. */
export const DriftDetected: EventPolicy = ({ data }) =>
  data.deployments
    .filter((d) => d.drift)
    .map((d) => ({
      event: 'drift',
      subject: `deployment:${d.id}`,
      threshold: d.drift?.detectedAt ?? '',
      name: `${data.certificates.find((c) => c.id === d.certificateId)?.commonName ?? d.certificateId} → ${d.region}`,
      message: `drift: ${d.drift?.detail ?? d.drift?.reason}.`,
    }))

/** A region of a credential did not answer at the last discovery. */
export const DiscoveryFailed: EventPolicy = ({ data }) =>
  data.regionScans
    .filter((s) => s.lastFailureAt && (!s.lastSuccessAt || s.lastFailureAt > s.lastSuccessAt))
    .map((s) => ({
      event: 'discovery-failed',
      subject: `scan:${s.credentialId}:${s.region}`,
      threshold: 'failing',
      name: `${data.credentials.find((c) => c.id === s.credentialId)?.name ?? s.credentialId} ${s.region}`,
      message: `discovery failed: ${s.lastError ?? 'no reason recorded'}.`,
    }))

/** A watch task failed at its last run. */
export const TaskFailed: EventPolicy = ({ data }) =>
  data.watchRuns
    .filter((r) => r.lastOutcome === 'failed')
    .map((r) => ({
      event: 'task-failed',
      subject: `task:${r.id}`,
      threshold: 'failing',
      name: r.id,
      message: `the watch task failed ${r.failures} time(s) in a row: ${r.lastError ?? 'no reason recorded'}.`,
    }))

/** Every event policy, in digest order. */
export const EVENT_POLICIES: readonly EventPolicy[] = [
  RepositoryExpiry,
  CloudExpiry,
  RenewalHealth,
  Renewed,
  RenewalFailed,
  RequestStuck,
  DeployFailed,
  DriftDetected,
  DiscoveryFailed,
  TaskFailed,
]

/** Every event the rules ask for. */
export function evaluateEvents(
  input: EvaluationInput,
  policies: readonly EventPolicy[] = EVENT_POLICIES,
): NotificationEvent[] {
  const wanted = new Set(input.rules.events)
  return policies.flatMap((policy) => policy(input)).filter((e) => wanted.has(e.event))
}

/**
 * The sent records still in force: an expiry record whose certificate now has another notAfter
 * (it was renewed) is dropped, so its thresholds are told again; so is a failure record whose
 * subject recovered (a task, a region, a renewal health reason), and anything older than a year.
 */
export function sentInForce(data: StoreData, now: Date): StoreData['notificationsSent'] {
  const notAfter = new Map<string, string | undefined>([
    ...data.certificates.map((c) => [`certificate:${c.id}`, c.notAfter] as const),
    ...data.cloudCertificates.map((c) => [`cloud:${c.arn}`, c.notAfter] as const),
  ])
  const failing = new Set([
    ...data.watchRuns.filter((r) => r.lastOutcome === 'failed').map((r) => `task:${r.id}`),
    ...data.regionScans
      .filter((s) => s.lastFailureAt && (!s.lastSuccessAt || s.lastFailureAt > s.lastSuccessAt))
      .map((s) => `scan:${s.credentialId}:${s.region}`),
  ])
  const health = renewalHealthNow(data, now)
  return data.notificationsSent.filter((sent) => {
    if (now.getTime() - Date.parse(sent.sentAt) > 366 * 86_400_000) return false
    if (sent.event === 'expiring' || sent.event === 'expired') return notAfter.get(sent.subject) === sent.notAfter
    if (sent.event === 'task-failed' || sent.event === 'discovery-failed') return failing.has(sent.subject)
    if (sent.event === 'renewal-at-risk' || sent.event === 'renewal-failing')
      return health.has(`${sent.event}|${sent.subject}|${sent.threshold}`)
    return true
  })
}
