import type { ClientBase } from 'pg'
import type { KeyedRecord } from './collection-state.js'
import type { Column, TableSpec } from './tables.js'

type Item = Record<string, unknown>

/** Distinct value sets up to which a patch is one `WHERE key = ANY(…)` UPDATE per set. */
const MAX_GROUPS = 16

/**
 * Writes the columns holding `fields`, the derived columns and the revision of `records`. Records
 * that share their new values (a re-scan's one `lastSeenAt`) are one UPDATE per value set:
 * without a key list when they are every row of the table (`everyRow`), else `WHERE key =
 * ANY(…)`; past {@link MAX_GROUPS} sets, one UPDATE joined to the unnested values.
 */
export async function patchRows(
  client: ClientBase,
  spec: TableSpec,
  rev: number,
  fields: ReadonlySet<string>,
  records: readonly KeyedRecord[],
  everyRow: boolean,
): Promise<void> {
  const columns: Column[] = spec.columns.filter((c) => (c.field ? fields.has(c.field) : true))
  const groups = new Map<string, { values: unknown[]; keys: string[] }>()
  let last: { values: unknown[]; keys: string[] } | undefined
  for (const record of records) {
    const values = columns.map((c) => c.value(record.item as Item))
    // Neighbours mostly share their values (one scan's lastSeenAt): compared before any lookup.
    if (last && sameValues(last.values, values)) {
      last.keys.push(record.key)
      continue
    }
    const id = JSON.stringify(values)
    last = groups.get(id)
    if (last) last.keys.push(record.key)
    else {
      last = { values, keys: [record.key] }
      groups.set(id, last)
    }
    if (groups.size > MAX_GROUPS) break
  }
  const sets = columns.map((c, i) => `${c.name} = $${i + 1}::${c.type}`)
  if (groups.size === 1 && everyRow) {
    const [{ values }] = groups.values()
    await client.query(`UPDATE ${spec.table} SET ${sets.join(', ')}, rev = $${columns.length + 1}`, [...values, rev])
    return
  }
  if (groups.size <= MAX_GROUPS) {
    for (const { values, keys } of groups.values()) {
      const n = columns.length
      await client.query(
        `UPDATE ${spec.table} SET ${sets.join(', ')}, rev = $${n + 1} WHERE key = ANY($${n + 2}::text[])`,
        [...values, rev, textArray(keys)],
      )
    }
    return
  }
  // Array literals, not JSON: unnest of a known array lets the planner see the row count and hash-join.
  const values = [
    textArray(records.map((r) => r.key)),
    ...columns.map((c) => textArray(records.map((r) => c.value(r.item as Item)))),
  ]
  const names = ['key', ...columns.map((c) => c.name)]
  const arrays = names.map((_, i) => `$${i + 1}::text[]`)
  const joined = [...columns.map((c) => `${c.name} = x.${c.name}::${c.type}`), `rev = $${names.length + 1}`]
  await client.query(
    `UPDATE ${spec.table} t SET ${joined.join(', ')} FROM unnest(${arrays.join(', ')}) AS x(${names.join(', ')}) ` +
      'WHERE t.key = x.key',
    [...values, rev],
  )
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
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
