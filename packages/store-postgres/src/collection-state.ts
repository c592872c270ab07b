import { deepFreeze } from './freeze.js'

/** One collection as this process last saw it committed: records in order with their keys and positions. */
export interface CollectionState {
  /** The records in order (the committed document's list; never changed in place). */
  readonly items: readonly unknown[]
  /** `keys[i]` is the key of `items[i]`. */
  readonly keys: readonly string[]
  /** `ords[i]` is the position of `items[i]`, ascending. */
  readonly ords: readonly number[]
  /**
   * key → position. A commit hands it on to the collection's next state and changes only the
   * entries it added, moved or removed, so it is never rebuilt for a few changes; a state whose
   * index was handed on is no longer used.
   */
  readonly index: Map<string, number>
  /** True when some key holds `#` (as duplicate suffixes do): updates of the collection then recompute every key. */
  readonly hashKeys: boolean
}

/** A record read from the database, or one an update writes. */
export interface KeyedRecord {
  readonly key: string
  readonly ord: number
  readonly item: unknown
  /** For a record an update writes: the committed record it replaces at the same key and position, if any. */
  readonly previous?: unknown
}

/** A collection never seen. */
export function emptyState(): CollectionState {
  return { items: [], keys: [], ords: [], index: new Map(), hashKeys: false }
}

/** A state built from records already in ascending order of position (a new index). */
export function collectionState(items: readonly unknown[], keys: readonly string[], ords: readonly number[]) {
  const index = new Map<string, number>()
  let hashKeys = false
  for (let i = 0; i < keys.length; i++) {
    index.set(keys[i], ords[i])
    if (!hashKeys && keys[i].includes('#')) hashKeys = true
  }
  return { items, keys, ords, index, hashKeys } satisfies CollectionState
}

/** The index in `state` of the record with `key`, or -1 (a binary search on its position). */
export function indexOf(state: CollectionState, key: string): number {
  const ord = state.index.get(key)
  if (ord === undefined) return -1
  const { ords, keys } = state
  let lo = 0
  let hi = ords.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ords[mid] < ord) lo = mid + 1
    else hi = mid
  }
  for (let i = lo; i < ords.length && ords[i] === ord; i++) if (keys[i] === key) return i
  // Positions that collapsed onto each other after many insertions at one place: look it up plainly.
  return keys.indexOf(key)
}

/**
 * `state` with records deleted and others added or replaced, as read from the database
 * (another process's commits). The index is changed in place and handed on; the lists are new.
 * Work is linear in the collection for the lists and proportional to the changes for the index.
 */
export function applyRecords(
  state: CollectionState,
  removed: readonly string[],
  changed: readonly KeyedRecord[],
): CollectionState {
  // A key deleted and written again since the last read is present.
  const written = new Set(changed.map((r) => r.key))
  const deleted = removed.filter((key) => !written.has(key))
  if (state.items.length === 0 && deleted.length === 0) return fromOrdered(changed)
  const drop = new Set<number>()
  const replace = new Map<number, unknown>()
  const inserts: KeyedRecord[] = []
  for (const key of deleted) {
    const at = indexOf(state, key)
    if (at >= 0) drop.add(at)
  }
  for (const record of changed) {
    const at = indexOf(state, record.key)
    if (at >= 0 && state.ords[at] === record.ord) replace.set(at, deepFreeze(record.item))
    else {
      if (at >= 0) drop.add(at)
      inserts.push({ ...record, item: deepFreeze(record.item) })
    }
  }
  const index = state.index
  for (const key of deleted) index.delete(key)
  for (const record of inserts) index.set(record.key, record.ord)
  let hashKeys = state.hashKeys || inserts.some((r) => r.key.includes('#'))
  if (drop.size === 0 && inserts.length === 0) {
    const items = [...state.items]
    for (const [at, item] of replace) items[at] = item
    return { ...state, items, index }
  }
  inserts.sort((a, b) => a.ord - b.ord)
  const items: unknown[] = []
  const keys: string[] = []
  const ords: number[] = []
  let next = 0
  for (let i = 0; i <= state.items.length; i++) {
    const ord = i < state.items.length ? state.ords[i] : Number.POSITIVE_INFINITY
    while (next < inserts.length && inserts[next].ord < ord) {
      items.push(inserts[next].item)
      keys.push(inserts[next].key)
      ords.push(inserts[next].ord)
      next++
    }
    if (i === state.items.length || drop.has(i)) continue
    items.push(replace.has(i) ? replace.get(i) : state.items[i])
    keys.push(state.keys[i])
    ords.push(ord)
  }
  if (deleted.length > 0 && hashKeys) hashKeys = keys.some((key) => key.includes('#'))
  return { items, keys, ords, index, hashKeys }
}

/** The state of records read in order of position (a first load). */
function fromOrdered(records: readonly KeyedRecord[]): CollectionState {
  const sorted = records.every((r, i) => i === 0 || records[i - 1].ord <= r.ord)
    ? records
    : [...records].sort((a, b) => a.ord - b.ord)
  return collectionState(
    sorted.map((r) => deepFreeze(r.item)),
    sorted.map((r) => r.key),
    sorted.map((r) => r.ord),
  )
}
