import { terminalSafe } from '@certdeck/core'
import stringWidth from 'string-width'

/**
 * The first visible row after moving the selection to `index`: unchanged while the selection
 * stays inside the window, otherwise the least scroll that shows it. Always within bounds.
 */
export function scrollOffset(offset: number, index: number, height: number, total: number): number {
  if (height <= 0 || total <= 0) return 0
  const maxOffset = Math.max(0, total - height)
  let next = Math.min(Math.max(0, offset), maxOffset)
  if (index < next) next = index
  else if (index >= next + height) next = index - height + 1
  return Math.min(Math.max(0, next), maxOffset)
}

/** The index a motion leads to from `index` in a list of `total` rows shown `height` at a time. */
export function moveIndex(
  index: number,
  motion: 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom',
  height: number,
  total: number,
): number {
  if (total <= 0) return 0
  const page = Math.max(1, height - 1)
  const target =
    motion === 'up'
      ? index - 1
      : motion === 'down'
        ? index + 1
        : motion === 'pageUp'
          ? index - page
          : motion === 'pageDown'
            ? index + page
            : motion === 'top'
              ? 0
              : total - 1
  return Math.min(Math.max(0, target), total - 1)
}

const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/

/** Display width of `text` in terminal cells. */
export function textWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text)
}

/** `text` cut to `width` cells (ending in `…` when cut) and padded to exactly `width`. */
export function fitText(raw: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return ''
  // Every cell and line is drawn through here or wrapText: controls from outside are shown, never obeyed.
  const text = terminalSafe(raw)
  const w = textWidth(text)
  if (w > width) return truncate(text, width)
  const pad = ' '.repeat(width - w)
  return align === 'right' ? pad + text : text + pad
}

function truncate(text: string, width: number): string {
  if (width === 1) return '…'
  if (PRINTABLE_ASCII.test(text)) return `${text.slice(0, width - 1)}…`
  let out = ''
  let used = 0
  for (const char of text) {
    const cw = stringWidth(char)
    if (used + cw > width - 1) break
    out += char
    used += cw
  }
  return `${out}…${' '.repeat(Math.max(0, width - 1 - used))}`
}

/**
 * `text` broken into lines of at most `width` cells, at spaces where it can and inside a word
 * only when the word alone is wider; always at least one line.
 */
export function wrapText(raw: string, width: number): string[] {
  const text = terminalSafe(raw)
  if (width <= 0 || textWidth(text) <= width) return [text]
  const lines: string[] = []
  let line = ''
  const push = () => {
    lines.push(line)
    line = ''
  }
  for (const word of text.split(' ')) {
    let rest = word
    const gap = line ? 1 : 0
    if (line && textWidth(line) + gap + textWidth(rest) > width) push()
    while (textWidth(rest) > width) {
      if (line) push()
      let head = ''
      for (const char of rest) {
        if (textWidth(head + char) > width) break
        head += char
      }
      lines.push(head)
      rest = rest.slice(head.length)
    }
    line = line ? `${line} ${rest}` : rest
  }
  if (line || lines.length === 0) push()
  return lines
}
