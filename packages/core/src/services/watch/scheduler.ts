import type { WatchRun, WatchTaskKind } from '../../domain/watch.js'
import type { Clock } from '../../ports/clock.js'
import type { Store } from '../../ports/store.js'
import { nextAfter, parseSchedule } from './schedule.js'

/** One task the scheduler can run. */
export interface WatchTask {
  /** The task kind, or `discover:<credential id>`. */
  readonly id: string
  readonly task: WatchTaskKind
  /** The schedule text (see {@link parseSchedule}). */
  readonly every: string
  /** Does the work; resolves with a one-line summary, rejects on failure. */
  run(signal: AbortSignal): Promise<string>
}

/** What one task run did: a log line's worth. */
export interface TaskRunReport {
  readonly id: string
  readonly task: WatchTaskKind
  readonly outcome: 'ok' | 'failed'
  /** The summary, or the failure in plain words. */
  readonly detail: string
  /** ISO 8601. */
  readonly startedAt: string
  readonly durationMs: number
  /** ISO 8601. */
  readonly nextRunAt: string
}

/** Failed runs are retried after 1 min, doubling per failure in a row, up to an hour. */
export function retryDelayMs(failures: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failures - 1), 3_600_000)
}

/** The next due time of a task after a run that started at `startedAt`. */
export function nextRunAfter(task: Pick<WatchTask, 'every'>, startedAt: Date, failures: number): Date {
  if (failures > 0) return new Date(startedAt.getTime() + retryDelayMs(failures))
  return nextAfter(parseSchedule(task.every), startedAt)
}

/** True when the task is due at `now`: never run, or its next run time has come. */
export function isDue(run: WatchRun | undefined, now: Date): boolean {
  return !run?.nextRunAt || Date.parse(run.nextRunAt) <= now.getTime()
}

/** Options of {@link runDueTasks}. */
export interface RunDueOptions {
  /** Run every task, due or not. @default false */
  readonly force?: boolean
  /** Checked between tasks: the task in hand always finishes. */
  readonly stop?: AbortSignal
  /** Given to each task (aborted when the lease is lost). */
  readonly signal?: AbortSignal
  /** Called after each task run. */
  readonly onRun?: (report: TaskRunReport) => void
}

/**
 * Runs each due task once, in order, on the clock port: a task that fails is recorded and the
 * next one runs; the next due time comes from the schedule after this run (so a downtime that
 * missed several slots costs one run), or from the back-off after a failure. State is kept in
 * the repository (`watchRuns`).
 */
export async function runDueTasks(
  tasks: readonly WatchTask[],
  store: Store,
  clock: Clock,
  options: RunDueOptions = {},
): Promise<TaskRunReport[]> {
  const reports: TaskRunReport[] = []
  const signal = options.signal ?? new AbortController().signal
  for (const task of tasks) {
    if (options.stop?.aborted || signal.aborted) break
    const previous = (await store.read()).watchRuns.find((r) => r.id === task.id)
    if (!options.force && !isDue(previous, clock.now())) continue
    const started = clock.now()
    let outcome: 'ok' | 'failed' = 'ok'
    let detail: string
    try {
      detail = await task.run(signal)
    } catch (error) {
      outcome = 'failed'
      detail = error instanceof Error ? error.message : String(error)
    }
    const failures = outcome === 'ok' ? 0 : (previous?.failures ?? 0) + 1
    const next = nextRunAfter(task, started, failures)
    const run: WatchRun = {
      id: task.id,
      task: task.task,
      lastRunAt: started.toISOString(),
      ...(outcome === 'ok' ? { lastSuccessAt: started.toISOString() } : { lastSuccessAt: previous?.lastSuccessAt }),
      lastOutcome: outcome,
      ...(outcome === 'failed' ? { lastError: detail } : { lastDetail: detail }),
      failures,
      failuresTotal: (previous?.failuresTotal ?? 0) + (outcome === 'failed' ? 1 : 0),
      nextRunAt: next.toISOString(),
    }
    await store.update((data) => {
      data.watchRuns = [...data.watchRuns.filter((r) => r.id !== task.id), stripUndefined(run)]
    })
    const report: TaskRunReport = {
      id: task.id,
      task: task.task,
      outcome,
      detail,
      startedAt: started.toISOString(),
      durationMs: clock.now().getTime() - started.getTime(),
      nextRunAt: next.toISOString(),
    }
    reports.push(report)
    options.onRun?.(report)
  }
  return reports
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** The earliest next run among `tasks` (now when one never ran). */
export function nextWake(tasks: readonly WatchTask[], runs: readonly WatchRun[], now: Date): Date {
  let earliest = Number.POSITIVE_INFINITY
  for (const task of tasks) {
    const at = runs.find((r) => r.id === task.id)?.nextRunAt
    earliest = Math.min(earliest, at ? Date.parse(at) : now.getTime())
  }
  return new Date(Number.isFinite(earliest) ? earliest : now.getTime() + 60_000)
}
