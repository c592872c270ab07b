import { copyValue } from './copy-rows.js'
import { isHeldValue, type RecordTable } from './tables.js'

type Item = Record<string, unknown>

/** Per table: the position of the column holding each field. */
const holders = new WeakMap<RecordTable, ReadonlyMap<string, number>>()

function holdersOf(table: RecordTable): ReadonlyMap<string, number> {
  let map = holders.get(table)
  if (!map) {
    map = new Map(table.columns.flatMap((c, i) => (c.field ? [[c.field, i] as const] : [])))
    holders.set(table, map)
  }
  return map
}

/** The record fields `table`'s columns hold. */
export function heldFields(table: RecordTable): ReadonlySet<string> {
  return new Set(holdersOf(table).keys())
}

/**
 * A record as a line of COPY text for `table`, after the already encoded `lead` (its key and
 * position), in one pass over its fields: the value of each column (held string fields, then
 * derived values) and the JSON of `body` (everything else but the child list).
 */
export function rowLine(table: RecordTable | undefined, lead: string, item: unknown): string {
  if (!table || item === null || typeof item !== 'object') return `${lead}\t${copyValue(JSON.stringify(item))}`
  const record = item as Item
  const held = holdersOf(table)
  const columns = table.columns
  const values = new Array<unknown>(columns.length).fill(null)
  const childField = table.child?.field
  const body: Item = {}
  for (const name in record) {
    if (name === childField) continue
    const value = record[name]
    const at = held.get(name)
    if (at !== undefined && isHeldValue(value)) values[at] = value
    else body[name] = value
  }
  let line = lead
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]
    line += `\t${copyValue(column.field ? values[i] : column.value(record))}`
  }
  return `${line}\t${copyValue(JSON.stringify(body))}`
}

/**
 * The record of a loaded row: its freshly parsed `body` with the fields its columns hold (read
 * from `row`, by column name) and, for a collection with a child table, its child list.
 */
export function itemOf(table: RecordTable | undefined, body: unknown, row: Item, children?: unknown): unknown {
  if (!table) return body
  const item: Item = body !== null && typeof body === 'object' ? (body as Item) : {}
  for (const column of table.columns) {
    const value = row[column.name]
    if (column.field && typeof value === 'string') item[column.field] = value
  }
  if (table.child) item[table.child.field] = Array.isArray(children) ? children : []
  return item
}

/** The names of `table`'s columns that hold record fields, for a SELECT list (prefixed with `alias.`). */
export function fieldColumns(table: RecordTable | undefined, alias = ''): string {
  const names = (table?.columns ?? []).filter((c) => c.field).map((c) => `${alias}${c.name}`)
  return names.map((n) => `, ${n}`).join('')
}
