import { terminalSafe, terminalSafeJson } from '@certdeck/core/text'
/** The streams and environment the CLI works with: the process's own, or buffers in tests. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown }
  readonly stderr: { write(chunk: string): unknown }
  /** Read for secrets given with `--…-stdin` flags and for confirmations on a terminal. */
  readonly stdin: NodeJS.ReadableStream & {
    readonly isTTY?: boolean
    setRawMode?(mode: boolean): unknown
  }
  readonly env: Readonly<Record<string, string | undefined>>
  /** True when stdout is a terminal (the full-screen UI needs one). */
  readonly stdoutIsTty: boolean
  /**
   * Replaces this process with the same command run by Node with `nodeFlags` (exec: same pid,
   * terminal and environment), unless it already runs with them. Absent where the CLI does not own
   * its process (tests) or the platform cannot exec (Windows, Node before 22.15): nothing changes.
   */
  readonly rerunWith?: (nodeFlags: readonly string[]) => void
}

/** The current process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    ...(typeof process.execve === 'function' && process.platform !== 'win32' ? { rerunWith } : {}),
  }
}

function rerunWith(nodeFlags: readonly string[]): void {
  if (nodeFlags.every((flag) => process.execArgv.includes(flag))) return
  const args = [...nodeFlags, ...process.execArgv, ...process.argv.slice(1)]
  try {
    process.execve?.(process.execPath, [process.execPath, ...args], process.env as Record<string, string>)
  } catch {
    // The flags only tune memory: when exec is refused, the command goes on as it is.
  }
}

/** Writes a command's result: `value` as JSON when `json` is set, else the human text. */
export function writeResult(io: CliIo, json: boolean | undefined, value: unknown, human: () => string): void {
  if (json) {
    io.stdout.write(`${terminalSafeJson(value, 2)}\n`)
    return
  }
  const text = human()
  if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
}

/** A plain text table with a header row; columns are padded to their widest cell. */
export function formatTable(headers: readonly string[], cells: readonly (readonly string[])[]): string {
  // A line feed or tab inside a cell would break the table: every control of a cell is escaped.
  const rows = cells.map((row) => row.map((cell) => terminalSafe(cell)))
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}

/** Key/value lines with the keys aligned, for `show`-style output. */
export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([key]) => key.length))
  return fields.map(([key, value]) => `${key.padEnd(width)}  ${terminalSafe(value)}`).join('\n')
}
