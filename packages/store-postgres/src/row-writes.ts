import type { ClientBase } from 'pg'
import type { CollectionState, KeyedRecord } from './collection-state.js'
import { copyLine, copyRows, copyValue } from './copy-rows.js'
import { patchRows } from './patch-rows.js'
import { rowLine } from './rows.js'
import { GENERIC_TABLE, type TableSpec } from './tables.js'

/** Where records are written: the collection, its table (none for the generic one), the committed state, the revision. */
export interface RowTarget {
  readonly name: string
  readonly spec: TableSpec | undefined
  readonly base: CollectionState
  readonly rev: number
}

/**
 * Writes the rows of `records` (new, changed or moved): new keys by COPY straight into the
 * table; changed ones whose only differences are fields that columns hold (`patches`: record →
 * changed fields; a re-scan that moved `lastSeenAt`) by UPDATEs of those columns
 * ({@link patchRows}); any other by COPY into a
 * staging table and one UPDATE from it. No revision index is a b-tree, so PostgreSQL can update
 * such rows in place. Child rows (certificate versions, request history) of the records not
 * patched are replaced.
 */
export async function writeRows(
  client: ClientBase,
  target: RowTarget,
  records: readonly KeyedRecord[],
  patches: ReadonlyMap<KeyedRecord, readonly string[]>,
) {
  const { spec, base, rev } = target
  const added: KeyedRecord[] = []
  const patched: KeyedRecord[] = []
  const whole: KeyedRecord[] = []
  const fields = new Set<string>()
  for (const record of records) {
    // A patched record replaces a committed one in place, so only the others are looked up.
    const changed = patches.get(record)
    if (spec && changed) {
      patched.push(record)
      for (const field of changed) fields.add(field)
    } else if (!base.index.has(record.key)) added.push(record)
    else whole.push(record)
  }
  const table = spec?.table ?? GENERIC_TABLE
  await copyRows(client, table, columnNames(spec), added.length, (i) => lineOf(target, added[i]))
  if (spec?.child) await writeChildren(client, spec, [...added, ...whole])
  if (spec && patched.length > 0) {
    await patchRows(client, spec, rev, fields, patched, added.length === 0 && patched.length === base.items.length)
  }
  if (whole.length === 0) return
  const staging = `${table}_staged`
  await client.query(
    `CREATE TEMPORARY TABLE IF NOT EXISTS ${staging} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
  )
  const names = columnNames(spec)
  await copyRows(client, staging, names, whole.length, (i) => lineOf(target, whole[i]))
  const match = spec ? 't.key = s.key' : 't.collection = s.collection AND t.key = s.key'
  const sets = names.filter((n) => n !== 'key' && n !== 'collection').map((n) => `${n} = s.${n}`)
  await client.query(`UPDATE ${table} t SET ${sets.join(', ')} FROM ${staging} s WHERE ${match}`)
}

function columnNames(spec: TableSpec | undefined): string[] {
  const columns = spec?.columns ?? []
  return [...(spec ? [] : ['collection']), 'key', 'ord', 'rev', ...columns.map((c) => c.name), 'body']
}

function lineOf({ name, spec, rev }: RowTarget, { key, ord, item }: KeyedRecord): string {
  return rowLine(spec, copyLine(spec ? [key, ord, rev] : [name, key, ord, rev]), item)
}

/** Replaces the child rows of `records`. */
async function writeChildren(client: ClientBase, spec: TableSpec, records: readonly KeyedRecord[]): Promise<void> {
  const child = spec.child
  if (!child) return
  await client.query(`DELETE FROM ${child.table} WHERE ${child.parent} = ANY($1)`, [records.map((r) => r.key)])
  const lines: string[] = []
  for (const record of records) {
    const list = (record.item as Record<string, unknown>)[child.field]
    if (!Array.isArray(list)) continue
    const parent = copyValue(record.key)
    list.forEach((entry, position) => {
      lines.push(rowLine(child, `${parent}\t${position}`, entry))
    })
  }
  const names = [child.parent, 'position', ...child.columns.map((c) => c.name), 'body']
  await copyRows(client, child.table, names, lines.length, (i) => lines[i])
}
