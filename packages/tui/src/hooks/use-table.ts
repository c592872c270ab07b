import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Motion } from '../keys.js'
import { FilterCache, haystackOf, nextSort, sortItems, type Column, type SortSpec } from '../table-model.js'
import { moveIndex, scrollOffset } from '../windowing.js'

/** Options of {@link useTable}. */
export interface UseTableOptions<T extends object> {
  readonly items: readonly T[]
  readonly columns: readonly Column<T>[]
  readonly getId: (item: T) => string
  /** Rows visible at once. */
  readonly height: number
  /** Extra text the filter searches besides the cells (e.g. the ARN). */
  readonly searchText?: (item: T) => string
}

/** A table's view of its items: sorted, filtered, windowed, with a selection by id. */
export interface TableState<T> {
  /** The filtered, sorted items (all of them, not only the visible window). */
  readonly rows: readonly T[]
  readonly selectedIndex: number
  readonly selected: T | undefined
  /** Index of the first row in the window. */
  readonly offset: number
  readonly filter: string
  readonly sort: SortSpec | undefined
  move(motion: Motion): void
  /** Selects the row with this id (now, or once it arrives with the next load). */
  select(id: string): void
  setFilter(query: string): void
  cycleSort(): void
  reverseSort(): void
}

interface Selection {
  /** The row the user chose; kept while filtered out so clearing the filter brings it back. */
  readonly id: string | undefined
  /** Where it was, used when the id is not among the rows. */
  readonly index: number
  readonly offset: number
}

/** Rows whose filter text is worked out per turn of the event loop while idle. */
const PRECOMPUTE_SLICE = 2000

/**
 * Sorting, live filtering and a selection that survives both and every refresh (it follows the
 * row's id). Sorting runs when the data or the sort changes. The lower-case text the filter
 * searches is worked out once per row — in slices while the app is idle after a load, or at the
 * first filter keystroke — so a keystroke only scans strings.
 */
export function useTable<T extends object>({
  items,
  columns,
  getId,
  height,
  searchText,
}: UseTableOptions<T>): TableState<T> {
  const [sort, setSort] = useState<SortSpec | undefined>(undefined)
  const [filter, setFilter] = useState('')
  const [selection, setSelection] = useState<Selection>({ id: undefined, index: 0, offset: 0 })

  const sorted = useMemo(() => sortItems(items, columns, sort), [items, columns, sort])
  // A fresh cache whenever the columns or the search text change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  const haystacks = useMemo(() => new WeakMap<T, string>(), [columns, searchText])
  const haystack = useCallback(
    (item: T) => {
      let text = haystacks.get(item)
      if (text === undefined) {
        text = haystackOf(item, columns, searchText)
        haystacks.set(item, text)
      }
      return text
    },
    [haystacks, columns, searchText],
  )
  useEffect(() => {
    let next = 0
    let timer: NodeJS.Immediate | undefined
    const slice = () => {
      const end = Math.min(items.length, next + PRECOMPUTE_SLICE)
      for (; next < end; next++) haystack(items[next])
      if (next < items.length) timer = setImmediate(slice)
    }
    timer = setImmediate(slice)
    return () => clearImmediate(timer)
  }, [items, haystack])
  const filters = useMemo(() => new FilterCache(sorted, haystack), [sorted, haystack])
  const rows = useMemo(() => filters.filter(filter), [filters, filter])

  const selectedIndex = resolveIndex(rows, getId, selection)
  const offset = scrollOffset(selection.offset, selectedIndex, height, rows.length)

  // Key handlers may run twice before React re-renders (keys arriving in one chunk): they read
  // the latest figures from here rather than from a stale closure.
  const latest = useRef({ rows, selectedIndex, offset, height, getId })
  latest.current = { rows, selectedIndex, offset, height, getId }

  const move = useCallback((motion: Motion) => {
    const { rows, selectedIndex, offset, height, getId } = latest.current
    if (rows.length === 0) return
    const index = moveIndex(selectedIndex, motion, height, rows.length)
    const next = { id: getId(rows[index]), index, offset: scrollOffset(offset, index, height, rows.length) }
    latest.current = { ...latest.current, selectedIndex: index, offset: next.offset }
    setSelection(next)
  }, [])

  const select = useCallback((id: string) => {
    const { rows, offset, getId } = latest.current
    const index = Math.max(
      0,
      rows.findIndex((row) => getId(row) === id),
    )
    setSelection({ id, index, offset })
  }, [])

  const cycleSort = useCallback(() => setSort((s) => nextSort(s, columns.length)), [columns.length])
  const reverseSort = useCallback(
    () => setSort((s) => (s ? { ...s, descending: !s.descending } : { column: 0, descending: true })),
    [],
  )

  return {
    rows,
    selectedIndex,
    selected: rows[selectedIndex],
    offset,
    filter,
    sort,
    move,
    select,
    setFilter,
    cycleSort,
    reverseSort,
  }
}

function resolveIndex<T>(rows: readonly T[], getId: (item: T) => string, selection: Selection): number {
  if (rows.length === 0) return 0
  if (selection.id !== undefined) {
    const hinted = rows[selection.index]
    if (hinted !== undefined && getId(hinted) === selection.id) return selection.index
    const found = rows.findIndex((row) => getId(row) === selection.id)
    if (found >= 0) return found
  }
  return Math.min(selection.index, rows.length - 1)
}
