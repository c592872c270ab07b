import { isDeepStrictEqual } from 'node:util'
import type { ClientBase } from 'pg'
import { type CollectionState, indexOf, type KeyedRecord } from './collection-state.js'
import { type CollectionDiff, diffCollection } from './diff.js'
import type { Draft } from './draft.js'
import { bodyOf } from './rows.js'
import type { Snapshot } from './snapshot.js'
import { GENERIC_TABLE, TABLES, type TableSpec, genericKey } from './tables.js'

const SPECS = new Map(TABLES.map((spec) => [spec.collection, spec]))

/** One column sent as one JSON array parameter. */
interface SentColumn {
  readonly name: string
  readonly type: 'text' | 'boolean' | 'integer' | 'float8'
  readonly values: unknown[]
}

/**
 * One set-based INSERT of `bodies.length` rows into `table`: each column travels as one JSON
 * array (`json_array_elements_text`, cast to its type), the bodies as one JSON array
 * (`jsonb_array_elements`), zipped by `ROWS FROM`; `scalars` are the same in every row. Far
 * cheaper for both sides than `jsonb_to_recordset` (which builds one document of every row) or
 * the driver's array literals (escaped element by element in JavaScript).
 */
async function insertRows(
  client: ClientBase,
  table: string,
  columns: readonly SentColumn[],
  bodies: readonly unknown[],
  scalars: readonly { name: string; type: string; value: unknown }[],
  conflict?: string,
): Promise<void> {
  const values: unknown[] = columns.map((c) => JSON.stringify(c.values))
  const sources = columns.map((_, i) => `json_array_elements_text($${i + 1}::json)`)
  values.push(JSON.stringify(bodies))
  sources.push(`jsonb_array_elements($${values.length}::jsonb)`)
  const names = [...columns.map((c) => c.name), 'body']
  const selected = [...columns.map((c) => `x.${c.name}::${c.type}`), 'x.body']
  for (const scalar of scalars) {
    values.push(scalar.value)
    names.push(scalar.name)
    selected.push(`$${values.length}::${scalar.type}`)
  }
  const keys = conflict?.split(', ') ?? []
  const updates = names.filter((n) => !keys.includes(n)).map((n) => `${n} = EXCLUDED.${n}`)
  await client.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${selected.join(', ')} ` +
      `FROM ROWS FROM (${sources.join(', ')}) AS x(${[...columns.map((c) => c.name), 'body'].join(', ')})` +
      (conflict ? ` ON CONFLICT (${conflict}) DO UPDATE SET ${updates.join(', ')}` : ''),
    values,
  )
}

async function writeCollection(client: ClientBase, name: string, diff: CollectionDiff, rev: number): Promise<void> {
  const spec = SPECS.get(name)
  if (diff.deletes.length > 0) {
    if (spec) await client.query(`DELETE FROM ${spec.table} WHERE key = ANY($1)`, [diff.deletes])
    else
      await client.query(`DELETE FROM ${GENERIC_TABLE} WHERE collection = $1 AND key = ANY($2)`, [name, diff.deletes])
    await client.query(
      'INSERT INTO certdeck_tombstones (collection, key, rev) SELECT $1, unnest($2::text[]), $3 ' +
        'ON CONFLICT (collection, key) DO UPDATE SET rev = EXCLUDED.rev',
      [name, diff.deletes, rev],
    )
  }
  const records = diff.upserts
  if (records.length === 0) return
  const fixed: SentColumn[] = [
    { name: 'key', type: 'text', values: records.map((r) => r.key) },
    { name: 'ord', type: 'float8', values: records.map((r) => r.ord) },
  ]
  const revision = { name: 'rev', type: 'bigint', value: rev }
  if (!spec) {
    const bodies = records.map((r) => r.item)
    const collection = { name: 'collection', type: 'text', value: name }
    await insertRows(client, GENERIC_TABLE, fixed, bodies, [revision, collection], 'collection, key')
    return
  }
  const columns = spec.columns.map((column) => ({
    name: column.name,
    type: column.type,
    values: records.map((r) => column.value(r.item as never)),
  }))
  const bodies = records.map((r) => bodyOf(spec, r.item))
  await insertRows(client, spec.table, [...fixed, ...columns], bodies, [revision], 'key')
  if (spec.child) await writeChildren(client, spec, records)
}

async function writeChildren(client: ClientBase, spec: TableSpec, records: readonly KeyedRecord[]): Promise<void> {
  const child = spec.child
  if (!child) return
  await client.query(`DELETE FROM ${child.table} WHERE ${child.parent} = ANY($1)`, [records.map((r) => r.key)])
  const parents: string[] = []
  const positions: number[] = []
  const entries: Record<string, unknown>[] = []
  for (const record of records) {
    const list = (record.item as Record<string, unknown>)[child.field]
    if (!Array.isArray(list)) continue
    list.forEach((entry, position) => {
      parents.push(record.key)
      positions.push(position)
      entries.push(entry)
    })
  }
  if (entries.length === 0) return
  const columns: SentColumn[] = [
    { name: child.parent, type: 'text', values: parents },
    { name: 'position', type: 'integer', values: positions },
    ...child.columns.map((column) => ({ name: column.name, type: column.type, values: entries.map(column.value) })),
  ]
  await insertRows(client, child.table, columns, entries, [])
}

/** The diff without records whose content equals the committed one at the same place (a re-scan that changed nothing). */
function withoutUnchanged(diff: CollectionDiff): CollectionDiff {
  const base = diff.base
  const upserts = diff.upserts.filter((record) => {
    const at = indexOf(base, record.key)
    return at < 0 || base.ords[at] !== record.ord || !isDeepStrictEqual(base.items[at], record.item)
  })
  return upserts.length === diff.upserts.length ? diff : { ...diff, upserts }
}

/**
 * Writes the difference between `draft` and `snapshot` at revision `rev`: per table, one
 * set-based upsert of the changed rows and one delete of the removed keys. Only the lists the
 * update function read or replaced are compared. Returns the diff of each
 * changed collection (applied to the snapshot by the caller once committed, see `commitDiff`),
 * or undefined when nothing changed.
 */
export async function writeChanges(
  client: ClientBase,
  snapshot: Snapshot,
  changes: Draft,
  rev: number,
): Promise<Map<string, CollectionDiff> | undefined> {
  const next = new Map<string, CollectionDiff>()
  let wrote = false
  const draft = changes.data
  const record = draft as unknown as Record<string, unknown>
  const touched = changes.touched()
  for (const name of touched) {
    const items = record[name]
    const list = Array.isArray(items) ? items : []
    const state: CollectionState = snapshot.state(name)
    const found = diffCollection(list, state, SPECS.get(name)?.key ?? genericKey)
    if (!found) continue
    const diff = withoutUnchanged(found)
    if (diff.upserts.length > 0 || diff.deletes.length > 0) {
      await writeCollection(client, name, diff, rev)
      wrote = true
    }
    next.set(name, diff)
  }
  const data = snapshot.data as unknown as Record<string, unknown>
  if (draft.vault !== snapshot.data.vault) {
    wrote = true
    await client.query('DELETE FROM certdeck_vault')
    if (draft.vault) {
      const v = draft.vault
      await client.query(
        'INSERT INTO certdeck_vault (kdf, salt, n, r, p, check_value) VALUES ($1, $2, $3, $4, $5, $6)',
        [v.kdf, v.salt, v.N, v.r, v.p, JSON.stringify(v.check)],
      )
    }
  }
  for (const name of Object.keys(record)) {
    if (name === 'schemaVersion' || name === 'vault' || touched.has(name) || changes.isList(name)) continue
    if (record[name] === data[name]) continue
    wrote = true
    await client.query(
      'INSERT INTO certdeck_document_fields (name, rev, body) VALUES ($1, $2, $3) ' +
        'ON CONFLICT (name) DO UPDATE SET rev = EXCLUDED.rev, body = EXCLUDED.body',
      [name, rev, JSON.stringify(record[name] ?? null)],
    )
  }
  return wrote ? next : undefined
}
