import type { Key } from 'ink'

/**
 * Every key the TUI understands, by name. Handlers compare against these names (via
 * {@link keyName}) so a binding is written once and the help, footer and palette agree with it.
 */
export const KEY = {
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  home: 'home',
  end: 'end',
  enter: 'enter',
  escape: 'escape',
  tab: 'tab',
  shiftTab: 'shiftTab',
  backspace: 'backspace',
  space: 'space',
} as const

/** A named non-printing key. */
export type NamedKey = (typeof KEY)[keyof typeof KEY]

/** Printable keys with a meaning of their own. */
export const CHAR = {
  quit: 'q',
  help: '?',
  palette: ':',
  filter: '/',
  sort: 's',
  sortReverse: 'S',
  top: 'g',
  bottom: 'G',
  down: 'j',
  up: 'k',
  prevTab: '[',
  nextTab: ']',
  refresh: 'r',
  all: 'a',
  none: 'n',
  yes: 'y',
  no: 'n',
} as const

/**
 * The bytes a terminal sends for each key, for tests, the benchmark and the end-to-end run
 * (xterm sequences, as a pseudo-terminal delivers them).
 */
export const SEQ = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  backspace: '\u007F',
  space: ' ',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
} as const

/** The named key of an Ink key event, or undefined for a printable character. */
export function keyName(input: string, key: Key): NamedKey | undefined {
  if (key.upArrow) return KEY.up
  if (key.downArrow) return KEY.down
  if (key.leftArrow) return KEY.left
  if (key.rightArrow) return KEY.right
  if (key.pageUp) return KEY.pageUp
  if (key.pageDown) return KEY.pageDown
  if (key.home) return KEY.home
  if (key.end) return KEY.end
  if (key.return) return KEY.enter
  if (key.escape) return KEY.escape
  if (key.tab) return key.shift ? KEY.shiftTab : KEY.tab
  if (key.backspace || key.delete) return KEY.backspace
  if (input === ' ') return KEY.space
  return undefined
}

/** Movement a list understands, from arrows, vi keys and paging keys. */
export type Motion = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom'

/** The list motion a key event asks for, if any. */
export function motionOf(input: string, key: Key): Motion | undefined {
  const named = keyName(input, key)
  if (named === KEY.up || input === CHAR.up) return 'up'
  if (named === KEY.down || input === CHAR.down) return 'down'
  if (named === KEY.pageUp) return 'pageUp'
  if (named === KEY.pageDown) return 'pageDown'
  if (named === KEY.home || input === CHAR.top) return 'top'
  if (named === KEY.end || input === CHAR.bottom) return 'bottom'
  return undefined
}
