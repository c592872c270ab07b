import type { NotificationLogEntry } from '../../domain/notification.js'
import type { WatchRun } from '../../domain/watch.js'
import type { TaskRunReport } from './scheduler.js'
import type { WatchConfig, WatchConfigPatch } from './watch-settings.js'

/** One task as `watch status` shows it. */
export interface WatchTaskStatus extends Partial<WatchRun> {
  readonly id: string
  readonly task: WatchRun['task']
  readonly every: string
  /** ISO 8601; `now` when it never ran. */
  readonly nextRunAt: string
}

/** What `watch status` shows. */
export interface WatchStatus {
  readonly tasks: readonly WatchTaskStatus[]
  /** Latest delivery attempts, newest first. */
  readonly notifications: readonly NotificationLogEntry[]
  /** Who holds the watcher lease, when a watcher runs (file store). */
  readonly watcher?: string
}

/** Options of {@link WatchApi.runOnce}. */
export interface RunOnceOptions {
  /** Run every task, due or not. @default false */
  readonly force?: boolean
  readonly signal?: AbortSignal
  readonly onRun?: (report: TaskRunReport) => void
}

/** Options of {@link WatchApi.run}. */
export interface RunLoopOptions {
  /** Aborting it stops the loop once the task in hand has finished. */
  readonly stop: AbortSignal
  readonly onRun?: (report: TaskRunReport) => void
  /** Told when the loop waits for another watcher's lease, or lost it. */
  readonly onNotice?: (message: string) => void
  /** Called at each turn of the loop (health). */
  readonly onTick?: () => void
}

/** The scheduler, headless: `certdeck watch`, `--once`, `status` and `config`. */
export interface WatchApi {
  config(): Promise<WatchConfig>
  configure(patch: WatchConfigPatch): Promise<WatchConfig>
  status(): Promise<WatchStatus>
  /**
   * Runs each due task once under the watcher lease; `WATCH_BUSY` when another watcher holds it.
   * Resolves with a report per task run.
   */
  runOnce(options?: RunOnceOptions): Promise<TaskRunReport[]>
  /** Runs due tasks until `stop` is aborted; waits while another watcher holds the lease. */
  run(options: RunLoopOptions): Promise<void>
}
