import { Text } from 'ink'
import type { Notice } from '../context.js'
import { MARK } from '../theme.js'
import { wrapText } from '../windowing.js'
import { Tone } from './Tone.js'

const PREFIX = {
  error: `${MARK.failed} Error: `,
  warning: `${MARK.warning} `,
  progress: `${MARK.running} `,
  info: `${MARK.ok} `,
} as const
const TONE = { error: 'danger', warning: 'warn', progress: 'accent', info: 'ok' } as const
const DISMISS = '(Esc to dismiss)'

/** The notice as the lines it takes at `width`: the mark first, an error's dismiss hint last. */
export function noticeLines(notice: Notice, width: number): string[] {
  return wrapText(`${PREFIX[notice.kind]}${notice.text}${notice.kind === 'error' ? ` ${DISMISS}` : ''}`, width)
}

/**
 * Rows the notice takes: a note up to 3, an error up to a third of the terminal, so that what
 * it says to do (usually its end) stays on screen.
 */
export function noticeHeight(notice: Notice, columns: number, rows: number): number {
  const most = notice.kind === 'error' ? Math.max(3, Math.floor(rows / 3)) : 3
  return Math.min(most, noticeLines(notice, columns).length)
}

/** The message lines: an error (with how to dismiss it) or a note, wrapped at `width`. */
export function NoticeLine({ notice, width }: { readonly notice: Notice; readonly width: number }) {
  const prefix = PREFIX[notice.kind]
  return noticeLines(notice, width).map((line, i, lines) => {
    const head = i === 0 ? line.slice(0, prefix.length) : ''
    const dim = notice.kind === 'error' && i === lines.length - 1 && line.endsWith(DISMISS) ? DISMISS : ''
    return (
      <Text key={i} wrap="truncate-end">
        {head ? (
          <Tone tone={TONE[notice.kind]} bold={notice.kind === 'error' || notice.kind === 'warning'}>
            {head}
          </Tone>
        ) : null}
        {line.slice(head.length, line.length - dim.length)}
        {dim ? <Text dimColor>{dim}</Text> : null}
      </Text>
    )
  })
}
