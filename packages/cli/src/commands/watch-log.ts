import type { TaskRunReport } from '@certdeck/core'

/** How `watch` writes its log lines on stderr. */
export type LogFormat = 'text' | 'json'

/** Drops control characters: details quote AWS answers and server replies. */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, ' ')
}

/** One log line per task run: `<time> <task> ok|failed <ms>ms: <detail> (next <time>)`. */
export function taskLogLine(report: TaskRunReport, format: LogFormat): string {
  if (format === 'json') {
    return JSON.stringify({
      time: report.startedAt,
      level: report.outcome === 'ok' ? 'info' : 'error',
      task: report.id,
      outcome: report.outcome,
      durationMs: report.durationMs,
      detail: report.detail,
      nextRunAt: report.nextRunAt,
    })
  }
  return printable(
    `${report.startedAt} ${report.id} ${report.outcome} ${report.durationMs}ms: ${report.detail} (next ` +
      `${report.nextRunAt})`,
  )
}

/** A log line about the watcher itself (start, stop, lease). */
export function noticeLine(message: string, at: Date, format: LogFormat): string {
  return format === 'json'
    ? JSON.stringify({ time: at.toISOString(), level: 'info', task: 'watch', detail: message })
    : `${at.toISOString()} watch: ${printable(message)}`
}
