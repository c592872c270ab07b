import type { SealedSecret } from './sealed-secret.js'

/** The kinds of notification channel. */
export type ChannelKind = 'email' | 'webhook' | 'command'

/** Every channel kind, in the order the CLI lists them. */
export const CHANNEL_KINDS: readonly ChannelKind[] = ['email', 'webhook', 'command']

/** How an email channel reaches its SMTP server. */
export type SmtpTls = 'none' | 'starttls' | 'tls'

/** SMTP settings of an email channel; the password is sealed in the vault. */
export interface EmailSettings {
  readonly host: string
  readonly port: number
  readonly tls: SmtpTls
  readonly user?: string
  /** Sealed for `notify-secret` of the channel id. */
  readonly password?: SealedSecret
  /** PEM of extra certificate authorities the server's certificate may chain to (an internal relay). */
  readonly caPem?: string
  readonly from: string
  readonly to: readonly string[]
}

/** Payload shapes a webhook channel posts. */
export type WebhookFormat = 'json' | 'slack' | 'teams'

/** Webhook settings; the signing secret is sealed in the vault. */
export interface WebhookSettings {
  readonly url: string
  readonly format: WebhookFormat
  /** Sealed for `notify-secret` of the channel id: signs the body (`X-CertDeck-Signature`). */
  readonly secret?: SealedSecret
}

/** A script run with the event batch as JSON on stdin. */
export interface CommandSettings {
  /** Absolute path of an executable. */
  readonly script: string
  /** @default 30000 */
  readonly timeoutMs?: number
}

/** A named place notifications go. Exactly one of the settings matches `kind`. */
export interface NotificationChannel {
  readonly id: string
  readonly name: string
  readonly kind: ChannelKind
  readonly email?: EmailSettings
  readonly webhook?: WebhookSettings
  readonly command?: CommandSettings
  /** ISO 8601. */
  readonly createdAt: string
  /** Digests the channel accepted, since it was added. */
  readonly delivered?: number
  /** Digests the channel did not accept, since it was added. */
  readonly failed?: number
}

/**
 * What a notification is about. `renewal-at-risk` and `renewal-failing` are the renewal health of
 * an Amazon-issued certificate (ACM's own renewal), told once per certificate and reason.
 */
export type NotificationEventKind =
  | 'expiring'
  | 'expired'
  | 'renewal-at-risk'
  | 'renewal-failing'
  | 'renewed'
  | 'renewal-failed'
  | 'request-stuck'
  | 'deploy-failed'
  | 'drift'
  | 'discovery-failed'
  | 'task-failed'

/** Every event kind, in digest order. */
export const NOTIFICATION_EVENT_KINDS: readonly NotificationEventKind[] = [
  'expired',
  'expiring',
  'renewal-failing',
  'renewal-at-risk',
  'renewal-failed',
  'renewed',
  'request-stuck',
  'deploy-failed',
  'drift',
  'discovery-failed',
  'task-failed',
]

/** Which certificates expiry rules cover. */
export type RuleScope = 'repository' | 'cloud' | 'both'

/** The expiry notification settings. The repository holds at most one; without it the defaults apply. */
export interface NotificationRules {
  readonly id: 'default'
  /** Days before notAfter, each notified once. @default [30, 14, 7, 1] */
  readonly thresholds: readonly number[]
  /** Notify once a certificate has expired. @default true */
  readonly expired: boolean
  /** Thresholds of Amazon-issued certificates ACM renews by itself (renewal eligibility ELIGIBLE). @default [7, 1] */
  readonly eligibleThresholds: readonly number[]
  /** @default 'both' */
  readonly scope: RuleScope
  /** Only certificates carrying every one of these tags (`key` or `key=value`). @default none */
  readonly tags: readonly string[]
  /** The events sent. @default every kind */
  readonly events: readonly NotificationEventKind[]
  /** A request pending validation longer than this many hours is stuck. @default 24 */
  readonly stuckAfterHours: number
  /** Channel names the rules send to; empty: every channel. @default [] */
  readonly channels: readonly string[]
}

/** One (channel, event, subject, threshold) that was delivered: it is not sent again. */
export interface NotificationSent {
  /** `<channel id>|<event>|<subject>|<threshold>`. */
  readonly key: string
  readonly channelId: string
  readonly event: NotificationEventKind
  readonly subject: string
  /** The threshold in days, `expired`, or a version for `renewed`. */
  readonly threshold: string
  /** The certificate's notAfter when sent: a renewal (another notAfter) resets the expiry thresholds. */
  readonly notAfter?: string
  /** ISO 8601. */
  readonly sentAt: string
}

/** One delivery attempt of a digest, for `watch status` and the TUI. */
export interface NotificationLogEntry {
  /** ISO 8601. */
  readonly at: string
  readonly channel: string
  readonly title: string
  readonly events: number
  readonly ok: boolean
  /** The server's answer (ok) or the reason of the failure, without secrets. */
  readonly detail: string
}
