import { deepFreeze } from './freeze.js'
import { type CollectionState, collectionState, emptyState, indexOf, type KeyedRecord } from './collection-state.js'
import { keyedItems } from './tables.js'

type KeyOf = (item: Record<string, unknown>) => string

/** What an update changes in one collection. */
export interface CollectionDiff {
  /** The state the update started from. */
  readonly base: CollectionState
  /** The state once committed; when its index is the base's, {@link commitDiff} updates it. */
  readonly next: CollectionState
  /** Records to write (new, changed or moved), frozen, with the committed record each replaces in place (`previous`). */
  readonly upserts: KeyedRecord[]
  /** Keys of the records removed. */
  readonly deletes: string[]
  /** Index entries of added and moved records. */
  readonly moves: [string, number][]
}

/**
 * The difference between the committed `state` and the draft list `items`. Records the draft
 * shares with the committed list (by reference) cost a comparison each and nothing more: the
 * unchanged head and tail are skipped, keys are computed only for what lies between them, and
 * the committed index is reused. Replacements that keep their key, appends, removals and moves
 * are handled so; only a collection with keys holding `#` (duplicate suffixes) recomputes every key.
 * Returns undefined when nothing changed.
 */
export function diffCollection(items: readonly unknown[], state: CollectionState, keyOf: KeyOf) {
  const old = state.items
  const min = Math.min(items.length, old.length)
  let head = 0
  while (head < min && items[head] === old[head]) head++
  if (head === items.length && head === old.length) return undefined
  let tail = 0
  while (tail < min - head && items[items.length - 1 - tail] === old[old.length - 1 - tail]) tail++
  const diff =
    (old.length === 0 ? filled(items, state, keyOf) : undefined) ??
    (items.length === 0 ? emptied(state) : undefined) ??
    (items.length === old.length ? replaced(items, state, keyOf, head, tail) : undefined) ??
    (state.hashKeys ? undefined : windowed(items, state, keyOf, head, tail)) ??
    recomputed(items, state, keyOf)
  for (const record of diff.upserts) deepFreeze(record.item)
  return diff
}

/** A collection that was empty: every record is new, at positions 1, 2, 3… with a new index. */
function filled(items: readonly unknown[], state: CollectionState, keyOf: KeyOf): CollectionDiff {
  const keys = keyedItems(items, keyOf)
  const ords = keys.map((_, i) => i + 1)
  const upserts = items.map((item, i) => ({ key: keys[i], ord: ords[i], item }))
  return { base: state, next: collectionState(items, keys, ords), upserts, deletes: [], moves: [] }
}

/** A collection emptied: every key is removed. */
function emptied(state: CollectionState): CollectionDiff {
  return { base: state, next: emptyState(), upserts: [], deletes: [...state.keys], moves: [] }
}

/** The changes are records replaced in place, each by one with the same key: nothing moves. */
function replaced(items: readonly unknown[], state: CollectionState, keyOf: KeyOf, head: number, tail: number) {
  const upserts: KeyedRecord[] = []
  for (let i = head; i < items.length - tail; i++) {
    if (items[i] === state.items[i]) continue
    if (keyOf(items[i] as never) !== keyOf(state.items[i] as never)) return undefined
    upserts.push({ key: state.keys[i], ord: state.ords[i], item: items[i], previous: state.items[i] })
  }
  const next: CollectionState = { ...state, items }
  return { base: state, next, upserts, deletes: [], moves: [] } satisfies CollectionDiff
}

/**
 * Only the window between the unchanged head and tail changed, and no key in it collides with
 * another record's: keys and positions are computed for the window alone.
 */
function windowed(items: readonly unknown[], state: CollectionState, keyOf: KeyOf, head: number, tail: number) {
  const oldEnd = state.items.length - tail
  const newEnd = items.length - tail
  const oldKeys = new Set(state.keys.slice(head, oldEnd))
  const keys: string[] = []
  const seen = new Set<string>()
  for (let i = head; i < newEnd; i++) {
    const key = keyOf(items[i] as never)
    if (key.includes('#') || seen.has(key) || (state.index.has(key) && !oldKeys.has(key))) return undefined
    seen.add(key)
    keys.push(key)
  }
  const before = head > 0 ? state.ords[head - 1] : undefined
  const after = tail > 0 ? state.ords[oldEnd] : Number.POSITIVE_INFINITY
  const { ords, moved } = positions(keys, state.index, before, after)
  const upserts: KeyedRecord[] = []
  const moves: [string, number][] = []
  for (let j = 0; j < keys.length; j++) {
    const item = items[head + j]
    if (moved[j]) {
      moves.push([keys[j], ords[j]])
      upserts.push({ key: keys[j], ord: ords[j], item })
      continue
    }
    const previous = state.items[indexOf(state, keys[j])]
    if (previous !== item) upserts.push({ key: keys[j], ord: ords[j], item, previous })
  }
  const deletes = [...oldKeys].filter((key) => !seen.has(key))
  const next: CollectionState = {
    items,
    keys: state.keys.slice(0, head).concat(keys, state.keys.slice(oldEnd)),
    ords: state.ords.slice(0, head).concat(ords, state.ords.slice(oldEnd)),
    index: state.index,
    hashKeys: false,
  }
  return { base: state, next, upserts, deletes, moves } satisfies CollectionDiff
}

/** Every key recomputed (duplicates get their suffix), a new index. */
function recomputed(items: readonly unknown[], state: CollectionState, keyOf: KeyOf): CollectionDiff {
  const keys = keyedItems(items, keyOf)
  const { ords, moved } = positions(keys, state.index, undefined, Number.POSITIVE_INFINITY)
  const upserts: KeyedRecord[] = []
  for (let i = 0; i < items.length; i++) {
    if (moved[i]) {
      upserts.push({ key: keys[i], ord: ords[i], item: items[i] })
      continue
    }
    const previous = state.items[indexOf(state, keys[i])]
    if (previous !== items[i]) upserts.push({ key: keys[i], ord: ords[i], item: items[i], previous })
  }
  const present = new Set(keys)
  const deletes = state.keys.filter((key) => !present.has(key))
  return { base: state, next: collectionState(items, keys, ords), upserts, deletes, moves: [] }
}

/**
 * Positions of `keys`, the records between one at `before` and one at `after`: a record keeps
 * its position while the kept ones stay in order (appends, removals and in-place replacements
 * move nothing); others get one between their kept neighbours.
 */
function positions(
  keys: readonly string[],
  index: ReadonlyMap<string, number>,
  before: number | undefined,
  after: number,
): { ords: number[]; moved: boolean[] } {
  const ords = new Array<number>(keys.length)
  const moved = new Array<boolean>(keys.length).fill(true)
  let last = before ?? Number.NEGATIVE_INFINITY
  for (let i = 0; i < keys.length; i++) {
    const ord = index.get(keys[i])
    if (ord !== undefined && ord > last) {
      ords[i] = ord
      moved[i] = false
      last = ord
    }
  }
  let next = keys.length
  const nextKept = new Array<number>(keys.length)
  for (let i = keys.length - 1; i >= 0; i--) {
    nextKept[i] = next
    if (!moved[i]) next = i
  }
  let previous = before
  for (let i = 0; i < keys.length; i++) {
    if (!moved[i]) {
      previous = ords[i]
      continue
    }
    const at = nextKept[i]
    const upper = at < keys.length ? ords[at] : after
    // Records before the first kept one count down from it, so positions never crowd towards 0.
    previous ??= upper === Number.POSITIVE_INFINITY ? 0 : upper - (at - i) - 1
    ords[i] = upper === Number.POSITIVE_INFINITY ? previous + 1 : previous + (upper - previous) / (at - i + 1)
    previous = ords[i]
  }
  return { ords, moved }
}

/** Hands the base's index on to the committed state with the diff's removals and moves applied. */
export function commitDiff(diff: CollectionDiff): CollectionState {
  if (diff.next.index === diff.base.index) {
    for (const key of diff.deletes) diff.next.index.delete(key)
    for (const [key, ord] of diff.moves) diff.next.index.set(key, ord)
  }
  return diff.next
}
