/**
 * The text layout of the repository document: valid JSON, with every item of a top-level
 * list on a line of its own, so each item's text can be kept and reused by the next save,
 * and parsed on its own at load.
 *
 * ```
 * {"schemaVersion":1,"pack":{…},"vault":{…}
 * ,"certificates":[
 * {…}
 * ,{…}
 * ]
 * }
 * ```
 * (JSON.stringify never writes a raw newline, so an item is always exactly one line.)
 */

/** The document split into its header (every non-list field) and its lists' item lines. */
export interface DocumentLines {
  /** JSON text of an object holding the non-list fields. */
  readonly header: string
  /** Per top-level list, the JSON text of each item. */
  readonly lists: ReadonlyMap<string, readonly string[]>
}

/** Joins a header and item lines into the document text. */
export function joinDocument(doc: DocumentLines): string {
  const parts = [doc.header.slice(0, -1)]
  for (const [key, items] of doc.lists) {
    parts.push(`,${JSON.stringify(key)}:[`)
    for (let i = 0; i < items.length; i++) parts.push(i === 0 ? items[i] : `,${items[i]}`)
    parts.push(']')
  }
  parts.push('}\n')
  return parts.join('\n')
}

const LIST_START = /^,("(?:[^"\\]|\\.)*"):\[$/

/**
 * Splits text written by {@link joinDocument} back into header and item lines; undefined when
 * the text has another layout (edited by hand, written by an older version), in which case
 * the caller parses it as a whole.
 */
export function splitDocument(text: string): DocumentLines | undefined {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines.length < 2 || !lines[0].startsWith('{"') || lines.at(-1) !== '}') return undefined
  const lists = new Map<string, string[]>()
  let current: string[] | undefined
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]
    if (current === undefined) {
      const start = LIST_START.exec(line)
      if (!start) return undefined
      current = []
      lists.set(JSON.parse(start[1]) as string, current)
    } else if (line === ']') {
      current = undefined
    } else {
      const item = current.length === 0 ? line : line.startsWith(',') ? line.slice(1) : undefined
      if (item === undefined) return undefined
      current.push(item)
    }
  }
  if (current !== undefined) return undefined
  return { header: `${lines[0]}}`, lists }
}

/**
 * The header fields of a document written by {@link joinDocument}, from its first line alone;
 * undefined for any other text. Lets a reader start on the vault before the whole file is read.
 */
export function parseHeaderLine(firstLine: string): Record<string, unknown> | undefined {
  if (!firstLine.startsWith('{"') || firstLine.includes('\n')) return undefined
  try {
    const header: unknown = JSON.parse(`${firstLine}}`)
    return typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
