import type { ClientBase } from 'pg'
import type { CollectionState, KeyedRecord } from './collection-state.js'
import { type CollectionDiff, diffCollection } from './diff.js'
import type { Draft } from './draft.js'
import { changeOf } from './record-changes.js'
import { writeRows } from './row-writes.js'
import { heldFields } from './rows.js'
import { commonValue, SHARED_FIELDS, type SharedField, type SharedValue, writeSharedValue } from './shared-values.js'
import type { Snapshot } from './snapshot.js'
import { GENERIC_TABLE, TABLES, genericKey } from './tables.js'

const SPECS = new Map(TABLES.map((spec) => [spec.collection, spec]))
const NO_FIELDS: ReadonlySet<string> = new Set()

/** A collection's shared field (see `shared-values.ts`): where it lives, its state, and the value every record now holds. */
interface Sharing {
  readonly field: SharedField
  readonly current: SharedValue | undefined
  readonly target: string | undefined
}

/**
 * Writes one collection's diff at revision `rev`: removed keys are deleted and tombstoned, the
 * shared field brought to its new state (before any row, so rows leaving a shared value get it
 * first), changed and new records written by {@link writeRows}. Returns the shared field's new
 * state when it changed.
 */
async function writeCollection(
  client: ClientBase,
  name: string,
  diff: CollectionDiff,
  rev: number,
  patches: ReadonlyMap<KeyedRecord, readonly string[]>,
  sharing: Sharing | undefined,
): Promise<SharedValue | undefined> {
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
  const shared = sharing && (await writeSharedValue(client, sharing.field, sharing.current, sharing.target, rev))
  if (diff.upserts.length > 0) await writeRows(client, { name, spec, base: diff.base, rev }, diff.upserts, patches)
  return shared
}

/**
 * The diff without records whose content equals the committed one they replace in place (a
 * re-scan that changed nothing, or only `ignored`, the field the table keeps once), and the
 * changed fields of those whose changes lie only in fields that columns hold (see `writeRows`),
 * by record.
 */
function classified(diff: CollectionDiff, held: ReadonlySet<string>, ignored: string | undefined) {
  const patches = new Map<KeyedRecord, readonly string[]>()
  const upserts = diff.upserts.filter((record) => {
    if (record.previous === undefined) return true
    const change = changeOf(held, record.previous, record.item, ignored)
    if (Array.isArray(change)) patches.set(record, change)
    return change !== 'same'
  })
  return { diff: upserts.length === diff.upserts.length ? diff : { ...diff, upserts }, patches }
}

/** What an update wrote: the diff of each changed collection and the new state of each shared field that changed, by table. */
export interface Written {
  readonly diffs: Map<string, CollectionDiff>
  readonly shared: Map<string, SharedValue>
}

/**
 * Writes the difference between `draft` and `snapshot` at revision `rev`: per table, the
 * set-based writes of {@link writeRows} and one delete of the removed keys. Only the lists the
 * update function read or replaced are compared. Returns the diff of each changed collection
 * and the shared fields that changed (applied to the snapshot by the caller once committed, see
 * `commitDiff`), or undefined when nothing changed.
 */
export async function writeChanges(
  client: ClientBase,
  snapshot: Snapshot,
  changes: Draft,
  rev: number,
): Promise<Written | undefined> {
  const next = new Map<string, CollectionDiff>()
  const sharedNow = new Map<string, SharedValue>()
  let wrote = false
  const draft = changes.data
  const record = draft as unknown as Record<string, unknown>
  const touched = changes.touched()
  for (const name of touched) {
    const items = record[name]
    const list = Array.isArray(items) ? items : []
    const state: CollectionState = snapshot.state(name)
    const spec = SPECS.get(name)
    const found = diffCollection(list, state, spec?.key ?? genericKey)
    if (!found) continue
    const field = SHARED_FIELDS.get(name)
    const sharing = field && {
      field,
      current: snapshot.shared.get(field.table),
      target: commonValue(list, field.field),
    }
    const ignored = sharing?.target !== undefined ? sharing.field.field : undefined
    const { diff, patches } = classified(found, spec ? heldFields(spec) : NO_FIELDS, ignored)
    const shared = await writeCollection(client, name, diff, rev, patches, sharing)
    if (shared && field) sharedNow.set(field.table, shared)
    if (shared || diff.upserts.length > 0 || diff.deletes.length > 0) wrote = true
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
  return wrote ? { diffs: next, shared: sharedNow } : undefined
}
