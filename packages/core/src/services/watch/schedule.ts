import { Cron } from 'croner'
import { CertDeckError } from '../../errors.js'

/** A parsed schedule: a fixed interval, or a cron expression (croner). */
export type Schedule =
  | { readonly kind: 'interval'; readonly text: string; readonly ms: number }
  | { readonly kind: 'cron'; readonly text: string; readonly cron: Cron }

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
/** The shortest interval accepted. */
const MIN_INTERVAL_MS = 60_000

/**
 * Parses `every`: an interval (`90s`, `5m`, `6h`, `1d`; at least one minute) or a 5- or 6-field
 * cron expression (`0 *\/6 * * *`, UTC). A clear `WATCH_SCHEDULE_INVALID` error otherwise.
 */
export function parseSchedule(every: string, what = 'schedule'): Schedule {
  const text = every.trim()
  const interval = /^(\d{1,6})([smhd])$/.exec(text)
  if (interval) {
    const ms = Number(interval[1]) * (UNITS[interval[2] as string] as number)
    if (ms < MIN_INTERVAL_MS) {
      throw new CertDeckError(
        'WATCH_SCHEDULE_INVALID',
        `The ${what} ${JSON.stringify(every)} is shorter than a minute. Give 1m or more (e.g. 5m, 6h, 1d).`,
      )
    }
    return { kind: 'interval', text, ms }
  }
  if (text.split(/\s+/).length >= 5 && text.split(/\s+/).length <= 6) {
    try {
      return { kind: 'cron', text, cron: new Cron(text, { paused: true, timezone: 'UTC' }) }
    } catch (error) {
      throw new CertDeckError(
        'WATCH_SCHEDULE_INVALID',
        `The ${what} ${JSON.stringify(every)} is not a valid cron expression (${(error as Error).message}). ` +
          'Give an interval like 5m, 6h or 1d, or five cron fields like "0 */6 * * *".',
        { cause: error },
      )
    }
  }
  throw new CertDeckError(
    'WATCH_SCHEDULE_INVALID',
    `The ${what} ${JSON.stringify(every)} is neither an interval nor a cron expression. ` +
      'Give an interval like 5m, 6h or 1d, or five cron fields like "0 */6 * * *" (UTC).',
  )
}

/** The first due time strictly after `from`. */
export function nextAfter(schedule: Schedule, from: Date): Date {
  if (schedule.kind === 'interval') return new Date(from.getTime() + schedule.ms)
  return schedule.cron.nextRun(from) ?? new Date(from.getTime() + 365 * 86_400_000)
}
