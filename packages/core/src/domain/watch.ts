/** The tasks `certdeck watch` runs. `discover` runs once per credential. */
export type WatchTaskKind = 'discover' | 'refresh' | 'renew' | 'notify'

/** Every task kind, in the order a run takes them (notify last, so it reports the others). */
export const WATCH_TASK_KINDS: readonly WatchTaskKind[] = ['discover', 'refresh', 'renew', 'notify']

/** The settings of one task kind. The repository holds at most one per kind; without it the defaults apply. */
export interface WatchSchedule {
  readonly task: WatchTaskKind
  /** An interval (`90s`, `5m`, `6h`, `1d`) or a 5/6-field cron expression. */
  readonly every: string
}

/** The tag that keeps a certificate out of automatic renewal. */
export const OPT_OUT_TAG = 'certdeck:auto-renew=off'

/** Settings of the renewal task, kept as the `renew` entry's extra fields. */
export interface RenewSettings {
  /** Renew this many days before notAfter. @default 30 */
  readonly renewBeforeDays: number
  /**
   * Certificates carrying any of these tags (`key` or `key=value`) are never renewed automatically.
   * @default ['certdeck:auto-renew=off']
   */
  readonly optOutTags: readonly string[]
}

/** Where a task stands, kept in the repository so every watcher and `watch status` see it. */
export interface WatchRun {
  /** The task kind, or `discover:<credential id>`. */
  readonly id: string
  readonly task: WatchTaskKind
  /** ISO 8601 of the last start. */
  readonly lastRunAt?: string
  /** ISO 8601 of the last success. */
  readonly lastSuccessAt?: string
  readonly lastOutcome?: 'ok' | 'failed'
  /** Plain words, no secret. */
  readonly lastError?: string
  readonly lastDetail?: string
  /** Failures in a row (the back-off grows with it). */
  readonly failures: number
  /** Failures since the repository was created, for metrics. */
  readonly failuresTotal: number
  /** ISO 8601 of the next due time. */
  readonly nextRunAt?: string
}

/** The document's automation settings: schedules per task kind and the renewal settings. */
export type WatchSetting = WatchSchedule & Partial<RenewSettings>
