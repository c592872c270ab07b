import type { StoreData } from '@certdeck/core'
import type { ClientBase } from 'pg'
import { deepFreeze } from './freeze.js'
import { childRowsOf, recordsetColumns, type Row, rowOf } from './rows.js'
import { type CollectionState, collectionState, type Snapshot } from './snapshot.js'
import { GENERIC_TABLE, TABLES, type TableSpec, genericKey, keyedItems } from './tables.js'

const SPECS = new Map(TABLES.map((spec) => [spec.collection, spec]))
const FIXED_COLUMNS = [
  { name: 'key', type: 'text' },
  { name: 'ord', type: 'float8' },
  { name: 'rev', type: 'bigint' },
  { name: 'body', type: 'jsonb' },
] as const

/** What one collection's update changes. */
interface CollectionDiff {
  readonly name: string
  readonly next: CollectionState
  readonly upserts: Row[]
  readonly upsertItems: unknown[]
  readonly deletes: string[]
}

/** True when `items` holds exactly the records of `state`, in order (the usual case for most collections). */
function unchanged(items: readonly unknown[], state: CollectionState): boolean {
  if (items.length !== state.items.length) return false
  for (let i = 0; i < items.length; i++) if (items[i] !== state.items[i]) return false
  return true
}

/**
 * Positions of the new list: a record keeps its position while the kept ones stay in order
 * (appends, removals and in-place replacements move nothing); others get one between their
 * kept neighbours.
 */
function positions(keys: readonly string[], state: CollectionState): { ords: number[]; moved: boolean[] } {
  const ords = new Array<number>(keys.length)
  const moved = new Array<boolean>(keys.length).fill(true)
  let last = Number.NEGATIVE_INFINITY
  for (let i = 0; i < keys.length; i++) {
    const at = state.index.get(keys[i])
    if (at !== undefined && state.ords[at] > last) {
      ords[i] = state.ords[at]
      moved[i] = false
      last = ords[i]
    }
  }
  let next = keys.length
  const nextKept = new Array<number>(keys.length)
  for (let i = keys.length - 1; i >= 0; i--) {
    nextKept[i] = next
    if (!moved[i]) next = i
  }
  let previous: number | undefined
  for (let i = 0; i < keys.length; i++) {
    if (!moved[i]) {
      previous = ords[i]
      continue
    }
    const at = nextKept[i]
    const upper = at < keys.length ? ords[at] : Number.POSITIVE_INFINITY
    // Records before the first kept one count down from it, so positions never crowd towards 0.
    previous ??= upper === Number.POSITIVE_INFINITY ? 0 : upper - (at - i) - 1
    ords[i] = upper === Number.POSITIVE_INFINITY ? previous + 1 : previous + (upper - previous) / (at - i + 1)
    previous = ords[i]
  }
  return { ords, moved }
}

function diffCollection(name: string, items: readonly unknown[], state: CollectionState, rev: number): CollectionDiff {
  const spec = SPECS.get(name)
  const keys = keyedItems(items, spec ? spec.key : genericKey)
  const { ords, moved } = positions(keys, state)
  const upserts: Row[] = []
  const upsertItems: unknown[] = []
  for (let i = 0; i < items.length; i++) {
    const at = state.index.get(keys[i])
    if (!moved[i] && at !== undefined && state.items[at] === items[i]) continue
    upsertItems.push(items[i])
    upserts.push(
      spec ? rowOf(spec, items[i], keys[i], ords[i], rev) : { key: keys[i], ord: ords[i], rev, body: items[i] },
    )
  }
  const present = new Set(keys)
  const deletes = state.keys.filter((key) => !present.has(key))
  const frozen = items.map((item) => deepFreeze(item))
  return { name, next: collectionState(frozen, keys, ords), upserts, upsertItems, deletes }
}

async function upsert(
  client: ClientBase,
  table: string,
  columns: readonly { name: string; type: string }[],
  rows: Row[],
  conflict: string,
): Promise<void> {
  const names = columns.map((c) => c.name)
  const updates = names.filter((n) => !conflict.split(', ').includes(n)).map((n) => `${n} = EXCLUDED.${n}`)
  await client.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} ` +
      `FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map((c) => `${c.name} ${c.type}`).join(', ')}) ` +
      `ON CONFLICT (${conflict}) DO UPDATE SET ${updates.join(', ')}`,
    [JSON.stringify(rows)],
  )
}

async function writeCollection(client: ClientBase, diff: CollectionDiff, rev: number): Promise<void> {
  const spec = SPECS.get(diff.name)
  const tombstone = diff.name
  if (diff.deletes.length > 0) {
    if (spec) await client.query(`DELETE FROM ${spec.table} WHERE key = ANY($1)`, [diff.deletes])
    else
      await client.query(`DELETE FROM ${GENERIC_TABLE} WHERE collection = $1 AND key = ANY($2)`, [
        diff.name,
        diff.deletes,
      ])
    await client.query(
      'INSERT INTO certdeck_tombstones (collection, key, rev) SELECT $1, unnest($2::text[]), $3 ' +
        'ON CONFLICT (collection, key) DO UPDATE SET rev = EXCLUDED.rev',
      [tombstone, diff.deletes, rev],
    )
  }
  if (diff.upserts.length === 0) return
  if (!spec) {
    const rows = diff.upserts.map((row) => ({ ...row, collection: diff.name }))
    await upsert(
      client,
      GENERIC_TABLE,
      [{ name: 'collection', type: 'text' }, ...FIXED_COLUMNS],
      rows,
      'collection, key',
    )
    return
  }
  await upsert(client, spec.table, [...FIXED_COLUMNS, ...spec.columns.map(sqlColumn)], diff.upserts, 'key')
  if (spec.child) await writeChildren(client, spec, diff)
}

function sqlColumn(column: { name: string; type: 'text' | 'boolean' | 'integer' }): { name: string; type: string } {
  return { name: column.name, type: recordsetColumns([column]).split(' ')[1] }
}

async function writeChildren(client: ClientBase, spec: TableSpec, diff: CollectionDiff): Promise<void> {
  const child = spec.child
  if (!child) return
  const keys = diff.upserts.map((row) => String(row.key))
  await client.query(`DELETE FROM ${child.table} WHERE ${child.parent} = ANY($1)`, [keys])
  const rows = diff.upsertItems.flatMap((item, i) => childRowsOf(spec, item, keys[i]))
  if (rows.length === 0) return
  const columns = [
    { name: child.parent, type: 'text' },
    { name: 'position', type: 'integer' },
    { name: 'body', type: 'jsonb' },
    ...child.columns.map(sqlColumn),
  ]
  const names = columns.map((c) => c.name)
  await client.query(
    `INSERT INTO ${child.table} (${names.join(', ')}) SELECT ${names.join(', ')} ` +
      `FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
    [JSON.stringify(rows)],
  )
}

/**
 * Writes the difference between `draft` and `snapshot` at revision `rev`: per table, one
 * set-based upsert of the changed rows and one delete of the removed keys. Returns the new
 * collection states (applied to the snapshot by the caller once committed), or undefined when
 * nothing changed.
 */
export async function writeChanges(
  client: ClientBase,
  snapshot: Snapshot,
  draft: StoreData,
  rev: number,
): Promise<Map<string, CollectionState> | undefined> {
  const next = new Map<string, CollectionState>()
  let wrote = false
  const names = new Set([...snapshot.collectionNames(draft), ...snapshot.collections.keys()])
  for (const name of names) {
    const items = (draft as unknown as Record<string, unknown>)[name]
    const list = Array.isArray(items) ? items : []
    const state = snapshot.state(name)
    if (unchanged(list, state)) continue
    const diff = diffCollection(name, list, state, rev)
    if (diff.upserts.length > 0 || diff.deletes.length > 0) {
      await writeCollection(client, diff, rev)
      wrote = true
    }
    next.set(name, diff.next)
  }
  const data = snapshot.data as unknown as Record<string, unknown>
  const record = draft as unknown as Record<string, unknown>
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
    if (name === 'schemaVersion' || name === 'vault' || Array.isArray(record[name])) continue
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
