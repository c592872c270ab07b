import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ClientBase } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** Text handed to the server per chunk: the server parses one while the next is built. */
const CHUNK_CHARS = 256 * 1024

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\uFFFD' }

/**
 * One value in COPY's text format: `\N` for null, else the text with backslash, tab and line
 * breaks escaped (a NUL, which no PostgreSQL text may hold, becomes U+FFFD).
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  const text = typeof value === 'string' ? value : String(value)
  return /[\\\n\r\t\0]/.test(text) ? text.replace(/[\\\n\r\t\0]/g, (ch) => ESCAPES[ch]) : text
}

function* chunks(count: number, rowAt: (i: number) => readonly unknown[]): Generator<string> {
  let chunk = ''
  for (let i = 0; i < count; i++) {
    const row = rowAt(i)
    let line = copyValue(row[0])
    for (let j = 1; j < row.length; j++) line += `\t${copyValue(row[j])}`
    chunk += `${line}\n`
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk) yield chunk
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
  await pipeline(Readable.from(chunks(count, rowAt), { objectMode: false }), sink)
}
