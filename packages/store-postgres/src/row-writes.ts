import { isDeepStrictEqual } from 'node:util'
import type { ClientBase } from 'pg'
import { type CollectionState, indexOf, type KeyedRecord } from './collection-state.js'
import { copyRows } from './copy-rows.js'
import { bodyOf, heldFields } from './rows.js'
import { type Column, GENERIC_TABLE, type TableSpec } from './tables.js'

type Item = Record<string, unknown>

/** Where records are written: the collection, its table (none for the generic one), the committed state, the revision. */
export interface RowTarget {
  readonly name: string
  readonly spec: TableSpec | undefined
  readonly base: CollectionState
  readonly rev: number
}

/**
 * Writes the rows of `records` (new, changed or moved): new keys by COPY straight into the
 * table; changed ones, when only fields that columns hold changed (a re-scan that moved
 * `lastSeenAt`), by one UPDATE of those columns, else by COPY into a staging table and one
 * UPDATE from it. No revision index is a b-tree, so PostgreSQL can update such rows in place.
 * Child rows (certificate versions, request history) of records not patched are replaced.
 */
export async function writeRows(client: ClientBase, target: RowTarget, records: readonly KeyedRecord[]) {
  const { spec, base } = target
  const added = records.filter((r) => !base.index.has(r.key))
  const changed = added.length === records.length ? [] : records.filter((r) => base.index.has(r.key))
  const table = spec?.table ?? GENERIC_TABLE
  await copyRows(client, table, columnNames(spec), added.length, (i) => rowOf(target, added[i]))
  const patch = spec && changed.length > 0 ? patchedFields(spec, base, changed) : undefined
  // Patched records kept their child lists.
  if (spec?.child) await writeChildren(client, spec, patch ? added : records)
  if (changed.length === 0) return
  if (spec && patch) return patchRows(client, target, spec, patch, changed)
  const staging = `${table}_staged`
  await client.query(
    `CREATE TEMPORARY TABLE IF NOT EXISTS ${staging} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
  )
  const names = columnNames(spec)
  await copyRows(client, staging, names, changed.length, (i) => rowOf(target, changed[i]))
  const match = spec ? 't.key = s.key' : 't.collection = s.collection AND t.key = s.key'
  const sets = names.filter((n) => n !== 'key' && n !== 'collection').map((n) => `${n} = s.${n}`)
  await client.query(`UPDATE ${table} t SET ${sets.join(', ')} FROM ${staging} s WHERE ${match}`)
}

function columnNames(spec: TableSpec | undefined): string[] {
  const columns = spec?.columns ?? []
  return [...(spec ? [] : ['collection']), 'key', 'ord', 'rev', ...columns.map((c) => c.name), 'body']
}

function rowOf({ name, spec, rev }: RowTarget, { key, ord, item }: KeyedRecord): unknown[] {
  const row: unknown[] = spec ? [key, ord, rev] : [name, key, ord, rev]
  for (const column of spec?.columns ?? []) row.push(column.value(item as Item))
  row.push(JSON.stringify(bodyOf(spec, item)))
  return row
}

/** Whether `value` lives in a column (a string) or nowhere (absent), rather than in `body`. */
const heldValue = (value: unknown) => value === undefined || typeof value === 'string'

/**
 * The fields that differ between `records` and their committed versions when every difference
 * is a field a column holds (in both versions a string or absent) and nothing moved; else
 * undefined.
 */
function patchedFields(spec: TableSpec, base: CollectionState, records: readonly KeyedRecord[]) {
  const held = heldFields(spec)
  const fields = new Set<string>()
  const differs = (name: string, before: unknown, after: unknown): boolean => {
    if (before === after) return true
    if (held.has(name) && heldValue(before) && heldValue(after)) {
      fields.add(name)
      return true
    }
    return isDeepStrictEqual(before, after)
  }
  for (const record of records) {
    const at = indexOf(base, record.key)
    const before = base.items[at] as Item
    const after = record.item as Item
    if (base.ords[at] !== record.ord || !isObject(before) || !isObject(after)) return undefined
    for (const name in after) if (!differs(name, before[name], after[name])) return undefined
    for (const name in before) if (!(name in after) && !differs(name, before[name], undefined)) return undefined
  }
  return fields
}

const isObject = (value: unknown): value is Item => value !== null && typeof value === 'object'

/** One UPDATE of the columns holding `fields` (and the derived columns) of `records`. */
async function patchRows(
  client: ClientBase,
  { rev }: RowTarget,
  spec: TableSpec,
  fields: ReadonlySet<string>,
  records: readonly KeyedRecord[],
): Promise<void> {
  const columns: Column[] = spec.columns.filter((c) => (c.field ? fields.has(c.field) : true))
  // Array literals, not JSON: unnest of a known array lets the planner see the row count and hash-join.
  const values = [
    textArray(records.map((r) => r.key)),
    ...columns.map((c) => textArray(records.map((r) => c.value(r.item as Item)))),
  ]
  const names = ['key', ...columns.map((c) => c.name)]
  const arrays = names.map((_, i) => `$${i + 1}::text[]`)
  const sets = [...columns.map((c) => `${c.name} = x.${c.name}::${c.type}`), `rev = $${names.length + 1}`]
  await client.query(
    `UPDATE ${spec.table} t SET ${sets.join(', ')} FROM unnest(${arrays.join(', ')}) AS x(${names.join(', ')}) ` +
      'WHERE t.key = x.key',
    [...values, rev],
  )
}

/** Replaces the child rows of `records`. */
async function writeChildren(client: ClientBase, spec: TableSpec, records: readonly KeyedRecord[]): Promise<void> {
  const child = spec.child
  if (!child) return
  await client.query(`DELETE FROM ${child.table} WHERE ${child.parent} = ANY($1)`, [records.map((r) => r.key)])
  const rows: unknown[][] = []
  for (const record of records) {
    const list = (record.item as Record<string, unknown>)[child.field]
    if (!Array.isArray(list)) continue
    list.forEach((entry, position) => {
      rows.push([
        record.key,
        position,
        ...child.columns.map((c) => c.value(entry)),
        JSON.stringify(bodyOf(child, entry)),
      ])
    })
  }
  const names = [child.parent, 'position', ...child.columns.map((c) => c.name), 'body']
  await copyRows(client, child.table, names, rows.length, (i) => rows[i])
}

/**
 * A PostgreSQL text[] literal of `values` (null, or any value as its text; a NUL, which no
 * PostgreSQL text may hold, becomes U+FFFD), built in one pass.
 */
export function textArray(values: readonly unknown[]): string {
  const escaped = (ch: string) => (ch === '\0' ? '\uFFFD' : `\\${ch}`)
  const items = values.map((value) =>
    value === null || value === undefined ? 'NULL' : `"${String(value).replace(/[\\"\0]/g, escaped)}"`,
  )
  return `{${items.join(',')}}`
}
