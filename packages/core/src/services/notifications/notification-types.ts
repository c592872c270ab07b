import type {
  NotificationChannel,
  NotificationEventKind,
  NotificationLogEntry,
  NotificationRules,
  RuleScope,
  SmtpTls,
  WebhookFormat,
} from '../../domain/notification.js'

/** Options of adding a channel. Secrets come from the caller (stdin), never argv. */
export type AddChannelOptions =
  | {
      readonly kind: 'email'
      readonly name: string
      readonly host: string
      readonly port: number
      readonly tls: SmtpTls
      readonly user?: string
      readonly password?: string
      /** PEM of extra certificate authorities for the server's certificate. */
      readonly caPem?: string
      readonly from: string
      readonly to: readonly string[]
    }
  | {
      readonly kind: 'webhook'
      readonly name: string
      readonly url: string
      /** @default 'json' */
      readonly format?: WebhookFormat
      readonly secret?: string
    }
  | {
      readonly kind: 'command'
      readonly name: string
      /** Absolute path of an executable. */
      readonly script: string
      /** @default 30000 */
      readonly timeoutMs?: number
    }

/** A channel as shown: the sealed secret replaced by whether there is one. */
export type ChannelView = Omit<NotificationChannel, 'email' | 'webhook'> & {
  readonly email?: Omit<NonNullable<NotificationChannel['email']>, 'password'> & { readonly password: boolean }
  readonly webhook?: Omit<NonNullable<NotificationChannel['webhook']>, 'secret'> & { readonly signed: boolean }
}

/** Changes to the rules; absent fields stay. */
export interface RulesPatch {
  readonly thresholds?: readonly number[]
  readonly expired?: boolean
  readonly eligibleThresholds?: readonly number[]
  readonly scope?: RuleScope
  readonly tags?: readonly string[]
  readonly events?: readonly NotificationEventKind[]
  readonly stuckAfterHours?: number
  readonly channels?: readonly string[]
}

/** What one delivery did. */
export interface Delivery {
  readonly channel: string
  readonly ok: boolean
  readonly title: string
  readonly events: number
  /** The server's answer, or why it failed. */
  readonly detail: string
}

/** What one notification run did. */
export interface NotifyRunSummary {
  /** Events found (sent or not before). */
  readonly found: number
  readonly deliveries: readonly Delivery[]
}

/** Notification channels and rules (the expiry notification settings), headless. */
export interface NotificationsApi {
  channels(): Promise<ChannelView[]>
  addChannel(options: AddChannelOptions): Promise<ChannelView>
  removeChannel(name: string): Promise<void>
  /** Sends a sample digest; resolves with the server's answer, rejects with a plain-words reason. */
  testChannel(name: string, options?: { readonly signal?: AbortSignal }): Promise<string>
  rules(): Promise<NotificationRules>
  setRules(patch: RulesPatch): Promise<NotificationRules>
  /** Evaluates the events and sends each channel one digest of what it was not told yet. */
  run(options?: { readonly signal?: AbortSignal }): Promise<NotifyRunSummary>
  /** The latest delivery attempts, newest first. */
  log(limit?: number): Promise<NotificationLogEntry[]>
}
