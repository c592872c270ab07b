import { type StoreData, type VaultHeader, emptyStoreData } from '@certdeck/core'
import { applyRecords, type CollectionState, emptyState } from './collection-state.js'
import { deepFreeze } from './freeze.js'
import { SHARED_FIELDS, type SharedValue } from './shared-values.js'

type Item = Record<string, unknown>

export type { CollectionState } from './collection-state.js'

/** A changed or deleted record read from the database. */
export interface LoadedChange {
  readonly collection: string
  readonly key: string
  readonly ord: number
  readonly item: unknown
}

/** The fixed (non-list) fields of the document. */
const FIXED = new Set(['schemaVersion', 'vault'])

/**
 * The committed document as this process knows it, at `revision`, with the keys and positions
 * of every record so that an update writes only what changed and a refresh reads only what
 * changed.
 */
export class Snapshot {
  revision = -1
  data: StoreData = emptyStoreData()
  readonly collections = new Map<string, CollectionState>()
  /** The shared field of each table that has one in the database, as of `revision` (see `shared-values.ts`). */
  readonly shared = new Map<string, SharedValue>()

  /** Names of the document's list fields (known and any other the document has). */
  collectionNames(data: StoreData = this.data): string[] {
    return Object.keys(data).filter((name) => !FIXED.has(name) && Array.isArray((data as never)[name]))
  }

  /** The state of `name`, empty when never seen. */
  state(name: string): CollectionState {
    let state = this.collections.get(name)
    if (!state) {
      state = emptyState()
      this.collections.set(name, state)
    }
    return state
  }

  /**
   * Applies rows read from the database at `revision`: deletions, then upserts in order of
   * position. Rows of a revision this snapshot already holds (a read that raced this process's
   * own commit) are ignored.
   */
  apply(
    revision: number,
    deleted: readonly { collection: string; key: string }[],
    changed: readonly LoadedChange[],
    fields: { vault?: VaultHeader | null; schemaVersion?: number; other: Record<string, unknown> },
    shared: ReadonlyMap<string, SharedValue> = new Map(),
  ): void {
    if (revision <= this.revision) return
    const since = this.revision
    const touched = new Map<string, { deleted: string[]; changed: LoadedChange[] }>()
    const entryOf = (collection: string) => {
      let entry = touched.get(collection)
      if (!entry) {
        entry = { deleted: [], changed: [] }
        touched.set(collection, entry)
      }
      return entry
    }
    for (const { collection, key } of deleted) entryOf(collection).deleted.push(key)
    for (const change of changed) entryOf(change.collection).changed.push(change)
    // A table's shared value: the rows read take it; when it moved since, the records kept do too.
    const values = new Map<string, { field: string; value: string }>()
    for (const [collection, field] of SHARED_FIELDS) {
      const value = shared.get(field.table)
      if (!value) continue
      this.shared.set(field.table, value)
      if (!value.shared) continue
      values.set(collection, { field: field.field, value: value.value })
      if (value.rev > since) entryOf(collection)
    }
    const data = { ...this.data } as Record<string, unknown>
    for (const [collection, entry] of touched) {
      const common = values.get(collection)
      if (common) for (const change of entry.changed) (change.item as Item)[common.field] = common.value
      let state = applyRecords(this.state(collection), entry.deleted, entry.changed)
      if (common) state = withField(state, common.field, common.value)
      this.collections.set(collection, state)
      data[collection] = state.items
    }
    if (fields.vault !== undefined) data.vault = fields.vault === null ? null : deepFreeze(fields.vault)
    if (fields.schemaVersion !== undefined) data.schemaVersion = fields.schemaVersion
    for (const [name, value] of Object.entries(fields.other)) data[name] = deepFreeze(value)
    this.data = data as unknown as StoreData
    this.revision = revision
  }
}

/** `state` with every record holding `value` in `field` (those that do not are copied). */
function withField(state: CollectionState, field: string, value: string): CollectionState {
  if (state.items.every((item) => (item as Item)[field] === value)) return state
  const items = state.items.map((item) =>
    (item as Item)[field] === value ? item : deepFreeze({ ...(item as Item), [field]: value }),
  )
  return { ...state, items }
}
