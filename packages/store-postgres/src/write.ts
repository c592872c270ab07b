import { isDeepStrictEqual } from 'node:util'
import type { ClientBase } from 'pg'
import { type CollectionState, indexOf } from './collection-state.js'
import { type CollectionDiff, diffCollection } from './diff.js'
import type { Draft } from './draft.js'
import { writeRows } from './row-writes.js'
import type { Snapshot } from './snapshot.js'
import { GENERIC_TABLE, TABLES, genericKey } from './tables.js'

const SPECS = new Map(TABLES.map((spec) => [spec.collection, spec]))

/**
 * Writes one collection's diff at revision `rev`: removed keys are deleted and tombstoned,
 * changed and new records written by {@link writeRows}.
 */
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
  if (diff.upserts.length === 0) return
  await writeRows(client, { name, spec, base: diff.base, rev }, diff.upserts)
}

/**
 * Whether two records are deeply equal, field by field: a field the update kept (the same value)
 * costs one comparison, only differing objects are compared deeply.
 */
function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return isDeepStrictEqual(a, b)
  if (Array.isArray(a) || Array.isArray(b)) return isDeepStrictEqual(a, b)
  const before = a as Record<string, unknown>
  const after = b as Record<string, unknown>
  const names = Object.keys(after)
  if (names.length !== Object.keys(before).length) return false
  for (const name of names) {
    const x = before[name]
    const y = after[name]
    if (x === y) continue
    if (!Object.hasOwn(before, name) || typeof x !== 'object' || typeof y !== 'object' || !isDeepStrictEqual(x, y))
      return false
  }
  return true
}

/** The diff without records whose content equals the committed one at the same place (a re-scan that changed nothing). */
function withoutUnchanged(diff: CollectionDiff): CollectionDiff {
  const base = diff.base
  const upserts = diff.upserts.filter((record) => {
    const at = indexOf(base, record.key)
    return at < 0 || base.ords[at] !== record.ord || !sameRecord(base.items[at], record.item)
  })
  return upserts.length === diff.upserts.length ? diff : { ...diff, upserts }
}

/**
 * Writes the difference between `draft` and `snapshot` at revision `rev`: per table, the
 * set-based writes of {@link writeRows} and one delete of the removed keys. Only the lists the
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
