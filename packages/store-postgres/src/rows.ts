import type { Column, TableSpec } from './tables.js'

type Item = Record<string, unknown>

/** One row as sent to `jsonb_to_recordset`: the fixed columns plus the spec's own. */
export type Row = Record<string, unknown>

/** The record list of a table with a child table is kept out of `body`. */
export function bodyOf(spec: TableSpec | undefined, item: unknown): unknown {
  if (!spec?.child || item === null || typeof item !== 'object') return item
  const { [spec.child.field]: _children, ...rest } = item as Item
  return rest
}

/** The row of `item` in the spec's table. */
export function rowOf(spec: TableSpec, item: unknown, key: string, ord: number, rev: number): Row {
  const row: Row = { key, ord, rev, body: bodyOf(spec, item) }
  for (const column of spec.columns) row[column.name] = column.value(item as Item)
  return row
}

/** The child rows of `item` (certificate versions, request history). */
export function childRowsOf(spec: TableSpec, item: unknown, key: string): Row[] {
  const child = spec.child
  if (!child) return []
  const list = (item as Item)[child.field]
  if (!Array.isArray(list)) return []
  return list.map((entry, position) => {
    const row: Row = { [child.parent]: key, position, body: entry }
    for (const column of child.columns) row[column.name] = column.value(entry as Item)
    return row
  })
}

/** The record of a loaded row. */
export function itemOf(spec: TableSpec | undefined, body: unknown, children: unknown): unknown {
  if (!spec?.child) return body
  return { ...(body as Item), [spec.child.field]: Array.isArray(children) ? children : [] }
}

/** `name type, …` for the `AS x(…)` of `jsonb_to_recordset`. */
export function recordsetColumns(columns: readonly Pick<Column, 'name' | 'type'>[]): string {
  const sql = { text: 'text', boolean: 'boolean', integer: 'integer' } as const
  return columns.map((c) => `${c.name} ${sql[c.type]}`).join(', ')
}
