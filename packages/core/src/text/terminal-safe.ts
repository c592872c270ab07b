/**
 * Text from outside (ACM names and tags, AWS error text, certificate subjects, audit details,
 * file names) may carry terminal control sequences: an OSC title change, SGR colours, an OSC 52
 * clipboard write, an OSC 8 link; or Unicode bidirectional controls, which make a terminal show
 * text in another order than it is (`moc.elpmaxe` shown as `example.com`). Everything
 * human-readable passes through here before it reaches a terminal, so such text is shown, never
 * obeyed.
 */

// C0 controls, DEL, C1 controls, and the bidirectional marks, embeddings, overrides and isolates
// (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069'
const CONTROLS = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]`)
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g')
const CONTROLS_BUT_LAYOUT = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`, 'g')
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const DEL_C1_AND_BIDI = new RegExp(`[\\u007f-\\u009f${BIDI}]`, 'g')

const hex = (char: string, digits: number) => char.charCodeAt(0).toString(16).padStart(digits, '0')
const visible = (char: string) =>
  NAMED[char] ?? (char.charCodeAt(0) < 0x100 ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`)

/** Options of {@link terminalSafe}. */
export interface TerminalSafeOptions {
  /** Keeps line feeds and tabs (a block of lines); otherwise they are escaped too (a cell). @default false */
  readonly keepLayout?: boolean
}

/**
 * `text` with every C0 control, DEL, C1 control and bidirectional control shown as a visible
 * escape (`\x1b`, `\x9b`, `\n`, `\u202e`…), so that it cannot move the cursor, recolour,
 * retitle, write to the clipboard of the terminal that shows it, or reorder what it shows. Text
 * without them comes back as is.
 */
export function terminalSafe(text: string, options: TerminalSafeOptions = {}): string {
  if (!CONTROLS.test(text)) return text
  return text.replace(options.keepLayout ? CONTROLS_BUT_LAYOUT : CONTROLS_ALL, visible)
}

/**
 * `JSON.stringify(value, null, space)` with DEL, C1 and bidirectional controls written as `\u`
 * escapes (JSON.stringify escapes only C0): the same JSON value, and safe to show on a terminal.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(DEL_C1_AND_BIDI, (char) => `\\u${hex(char, 4)}`)
}
