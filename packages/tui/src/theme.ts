import { createContext, useContext } from 'react'

/** What a piece of text means; the theme decides its colour. */
export type Tone = 'plain' | 'ok' | 'warn' | 'danger' | 'accent' | 'muted'

const COLORS: Record<Tone, string | undefined> = {
  plain: undefined,
  ok: 'green',
  warn: 'yellow',
  danger: 'red',
  accent: 'cyan',
  muted: 'gray',
}

/** How the TUI paints. Colour only ever repeats what a mark or word already says. */
export interface Theme {
  /** True when `NO_COLOR` is set: every colour is dropped, marks and inverse video remain. */
  readonly noColor: boolean
}

/** The Ink colour of a tone, or undefined when colour is off (or the tone has none). */
export function toneColor(tone: Tone, theme: Theme): string | undefined {
  return theme.noColor ? undefined : COLORS[tone]
}

/** True when the environment asks for no colour (https://no-color.org: set and not empty). */
export function noColorRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return typeof env.NO_COLOR === 'string' && env.NO_COLOR !== ''
}

/** Marks that carry state in monochrome, next to (never instead of) colour. */
export const MARK = {
  drift: '≠',
  expired: '✗',
  critical: '‼',
  warning: '!',
  ok: '✓',
  failed: '✗',
  running: '…',
  waiting: '·',
  selected: '›',
  checked: '[x]',
  unchecked: '[ ]',
} as const

/** The theme context; {@link App} provides it. */
export const ThemeContext = createContext<Theme>({ noColor: false })

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext)
}
