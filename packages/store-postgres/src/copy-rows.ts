import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ClientBase } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** Text handed to the server per chunk: the server takes in one while the next is built. */
const CHUNK_CHARS = 64 * 1024

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

/** The rows as COPY text, in Buffers of about {@link CHUNK_CHARS} (joined once, not grown a line at a time). */
function* chunks(count: number, rowAt: (i: number) => readonly unknown[]): Generator<Buffer> {
  let lines: string[] = []
  let size = 0
  for (let i = 0; i < count; i++) {
    const row = rowAt(i)
    let line = copyValue(row[0])
    for (let j = 1; j < row.length; j++) line += `\t${copyValue(row[j])}`
    lines.push(line)
    size += line.length
    if (size >= CHUNK_CHARS) {
      lines.push('')
      yield Buffer.from(lines.join('\n'))
      lines = []
      size = 0
    }
  }
  if (lines.length > 0) {
    lines.push('')
    yield Buffer.from(lines.join('\n'))
  }
}

/**
 * Streams `count` rows into `table` with `COPY … FROM STDIN`: PostgreSQL's fastest way in, one
 * statement however many rows. `rowAt(i)` gives row i's values in the order of `columns`; rows
 * are turned into text a chunk at a time while the server takes in the previous chunk.
 */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  count: number,
  rowAt: (i: number) => readonly unknown[],
): Promise<void> {
  if (count === 0) return
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
  await pipeline(Readable.from(chunks(count, rowAt)), sink)
}
