import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ClientBase } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** Bytes handed to the server per chunk: the server takes in one while the next is built. */
const CHUNK_BYTES = 64 * 1024

const SPECIAL = /[\\\n\r\t\0]/
const SPECIALS = /[\\\n\r\t\0]/g
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\uFFFD' }

/**
 * One value in COPY's text format: `\N` for null, else the text with backslash, tab and line
 * breaks escaped (a NUL, which no PostgreSQL text may hold, becomes U+FFFD).
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  const text = typeof value === 'string' ? value : String(value)
  // Most values need no escape: one test is cheaper than a replace.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (ch) => ESCAPES[ch]) : text
}

/** Values as one line of COPY text (without its line break). */
export function copyLine(values: readonly unknown[]): string {
  let line = copyValue(values[0])
  for (let j = 1; j < values.length; j++) line += `\t${copyValue(values[j])}`
  return line
}

/**
 * The lines as COPY text in Buffers of about {@link CHUNK_BYTES}, each line encoded straight into
 * the chunk (no joined string to flatten and encode again); a line longer than a chunk goes alone.
 */
function* chunks(count: number, lineAt: (i: number) => string): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  let used = 0
  for (let i = 0; i < count; i++) {
    const line = lineAt(i)
    // UTF-8 takes at most 3 bytes per UTF-16 unit, and the line break one more.
    const most = line.length * 3 + 1
    if (used + most > CHUNK_BYTES) {
      if (used > 0) yield chunk.subarray(0, used)
      chunk = Buffer.allocUnsafe(CHUNK_BYTES)
      used = 0
      if (most > CHUNK_BYTES) {
        yield Buffer.from(`${line}\n`)
        continue
      }
    }
    used += chunk.write(line, used)
    chunk[used++] = 0x0a
  }
  if (used > 0) yield chunk.subarray(0, used)
}

/**
 * Streams `count` rows into `table` with `COPY … FROM STDIN`: PostgreSQL's fastest way in, one
 * statement however many rows. `lineAt(i)` gives row i as a line of COPY text (see
 * {@link copyLine}) with the values in the order of `columns`; lines are built a chunk at a time
 * while the server takes in the previous chunk.
 */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  count: number,
  lineAt: (i: number) => string,
): Promise<void> {
  if (count === 0) return
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
  await pipeline(Readable.from(chunks(count, lineAt)), sink)
}
