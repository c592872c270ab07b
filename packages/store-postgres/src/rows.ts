import { isHeldValue, type RecordTable } from './tables.js'

type Item = Record<string, unknown>

const held = new WeakMap<RecordTable, ReadonlySet<string>>()

/** The record fields `table`'s columns hold. */
export function heldFields(table: RecordTable): ReadonlySet<string> {
  let fields = held.get(table)
  if (!fields) {
    fields = new Set(table.columns.flatMap((c) => (c.field ? [c.field] : [])))
    held.set(table, fields)
  }
  return fields
}

/**
 * What `body` holds of a record: everything but its child list and the string fields its
 * columns hold.
 */
export function bodyOf(table: RecordTable | undefined, item: unknown): unknown {
  if (!table || item === null || typeof item !== 'object') return item
  const record = item as Item
  const body: Item = {}
  const childField = table.child?.field
  const fields = heldFields(table)
  for (const name in record) {
    if (name === childField) continue
    const value = record[name]
    if (isHeldValue(value) && fields.has(name)) continue
    body[name] = value
  }
  return body
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
