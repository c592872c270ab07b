/**
 * Text from outside (ACM names and tags, AWS error text, certificate subjects, audit details,
 * file names) may carry terminal control sequences: an OSC title change, SGR colours, an OSC 52
 * clipboard write, an OSC 8 link. Everything human-readable passes through here before it
 * reaches a terminal, so such text is shown, never obeyed.
 */

// C0 controls, DEL and C1 controls.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/
const CONTROLS_ALL = /[\u0000-\u001f\u007f-\u009f]/g
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const DEL_AND_C1 = /[\u007f-\u009f]/g

const visible = (char: string) => NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`

/** Options of {@link terminalSafe}. */
export interface TerminalSafeOptions {
  /** Keeps line feeds and tabs (a block of lines); otherwise they are escaped too (a cell). @default false */
  readonly keepLayout?: boolean
}

/**
 * `text` with every C0 control, DEL and C1 control shown as a visible escape (`\x1b`, `\x9b`,
 * `\n`…), so that it cannot move the cursor, recolour, retitle or write to the clipboard of the
 * terminal that shows it. Text without controls comes back as is.
 */
export function terminalSafe(text: string, options: TerminalSafeOptions = {}): string {
  if (!CONTROLS.test(text)) return text
  return text.replace(options.keepLayout ? CONTROLS_BUT_LAYOUT : CONTROLS_ALL, visible)
}

/**
 * `JSON.stringify(value, null, space)` with DEL and C1 controls written as `\u` escapes
 * (JSON.stringify escapes only C0): the same JSON value, and safe to show on a terminal.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    DEL_AND_C1,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
