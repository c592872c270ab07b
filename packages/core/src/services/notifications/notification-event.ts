import type { NotificationEventKind } from '../../domain/notification.js'

/** One thing worth telling, found by a policy. */
export interface NotificationEvent {
  readonly event: NotificationEventKind
  /** What it is about, stable across runs: `certificate:<id>`, `cloud:<arn>`, `request:<id>`, `task:<id>`… */
  readonly subject: string
  /** The threshold in days, `expired`, a version number for `renewed`, or a stable instance key. */
  readonly threshold: string
  /** A short name for people: the common name, the domain, the task. */
  readonly name: string
  /** One line in plain words. */
  readonly message: string
  /** ISO 8601 notAfter of an expiry event: a renewal (another notAfter) resets its thresholds. */
  readonly notAfter?: string
  /** Days left (negative once expired), for expiry events. */
  readonly daysLeft?: number
  /** The reason code of a renewal health event (`not-in-use`, `validation-cname-gone`, …). */
  readonly reason?: string
}

/** The key of a sent (channel, event, subject, threshold). */
export function sentKey(channelId: string, event: NotificationEvent): string {
  return `${channelId}|${event.event}|${event.subject}|${event.threshold}`
}
