import { type StoreData, type VaultHeader, emptyStoreData } from '@certdeck/core'
import { deepFreeze } from './freeze.js'

/** One collection as this process last saw it committed: records in order with their keys and positions. */
export interface CollectionState {
  items: unknown[]
  keys: string[]
  ords: number[]
  /** key → index in the lists. */
  index: Map<string, number>
}

/** A changed or deleted record read from the database. */
export interface LoadedChange {
  readonly collection: string
  readonly key: string
  readonly ord: number
  readonly item: unknown
}

/** The fixed (non-list) fields of the document. */
const FIXED = new Set(['schemaVersion', 'vault'])

/** A collection state built from records already in order. */
export function collectionState(items: unknown[], keys: string[], ords: number[]): CollectionState {
  const index = new Map<string, number>()
  for (let i = 0; i < keys.length; i++) index.set(keys[i], i)
  return { items, keys, ords, index }
}

/**
 * The committed document as this process knows it, at `revision`, with the keys and positions
 * of every record so that an update writes only what changed and a refresh reads only what
 * changed.
 */
export class Snapshot {
  revision = -1
  data: StoreData = emptyStoreData()
  readonly collections = new Map<string, CollectionState>()

  /** Names of the document's list fields (known and any other the document has). */
  collectionNames(data: StoreData = this.data): string[] {
    return Object.keys(data).filter((name) => !FIXED.has(name) && Array.isArray((data as never)[name]))
  }

  /** The state of `name`, empty when never seen. */
  state(name: string): CollectionState {
    let state = this.collections.get(name)
    if (!state) {
      state = collectionState([], [], [])
      this.collections.set(name, state)
    }
    return state
  }

  /** Applies rows read from the database: deletions first, then upserts, re-sorted by position. */
  apply(
    revision: number,
    deleted: readonly { collection: string; key: string }[],
    changed: readonly LoadedChange[],
    fields: { vault?: VaultHeader | null; schemaVersion?: number; other: Record<string, unknown> },
  ): void {
    const touched = new Map<string, Map<string, { ord: number; item: unknown }>>()
    const entriesOf = (collection: string) => {
      let map = touched.get(collection)
      if (!map) {
        const state = this.state(collection)
        map = new Map(state.keys.map((key, i) => [key, { ord: state.ords[i], item: state.items[i] }]))
        touched.set(collection, map)
      }
      return map
    }
    for (const { collection, key } of deleted) entriesOf(collection).delete(key)
    for (const change of changed) {
      entriesOf(change.collection).set(change.key, { ord: change.ord, item: deepFreeze(change.item) })
    }
    const data = { ...this.data } as Record<string, unknown>
    for (const [collection, map] of touched) {
      const sorted = [...map.entries()].sort((a, b) => a[1].ord - b[1].ord)
      const state = collectionState(
        sorted.map(([, v]) => v.item),
        sorted.map(([k]) => k),
        sorted.map(([, v]) => v.ord),
      )
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
