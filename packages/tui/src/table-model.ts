import type { Tone } from './theme.js'
import type { ColumnFit } from './windowing.js'

/** One table cell: its text and, when it carries state, a tone (the text must say it too). */
export interface Cell {
  readonly text: string
  readonly tone?: Tone
}

/** A column of a table of `T`. */
export interface Column<T> extends ColumnFit {
  readonly title: string
  /** @default 'left' */
  readonly align?: 'left' | 'right'
  readonly cell: (item: T) => Cell | string
  /** The value sorted on. @default the cell text */
  readonly sortValue?: (item: T) => string | number
}

/** How a table is sorted: a column index and a direction. */
export interface SortSpec {
  readonly column: number
  readonly descending: boolean
}

/** The cell of `item` in `column`, normalised. */
export function cellOf<T>(column: Column<T>, item: T): Cell {
  const value = column.cell(item)
  return typeof value === 'string' ? { text: value } : value
}

/** `items` sorted by `sort` (stable; ties keep the given order). The input is not modified. */
export function sortItems<T>(items: readonly T[], columns: readonly Column<T>[], sort: SortSpec | undefined): readonly T[] {
  if (!sort) return items
  const column = columns[sort.column]
  if (!column) return items
  const key = column.sortValue ?? ((item: T) => cellOf(column, item).text.toLowerCase())
  const keys = items.map(key)
  const order = items.map((_, i) => i)
  const sign = sort.descending ? -1 : 1
  order.sort((a, b) => {
    const ka = keys[a]
    const kb = keys[b]
    if (ka < kb) return -sign
    if (ka > kb) return sign
    return a - b
  })
  return order.map((i) => items[i])
}

/** The lower-case text of every cell of `item`, which the live filter searches. */
export function haystackOf<T>(item: T, columns: readonly Column<T>[], extra?: (item: T) => string): string {
  const parts = columns.map((c) => cellOf(c, item).text)
  if (extra) parts.push(extra(item))
  return parts.join('\u0000').toLowerCase()
}

/**
 * The items whose text matches every whitespace-separated term of `query` in any column
 * (case-insensitive). `haystacks[i]` belongs to `items[i]`.
 */
export function filterItems<T>(items: readonly T[], haystacks: readonly string[], query: string): readonly T[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0) return items
  const out: T[] = []
  for (let i = 0; i < items.length; i++) {
    const hay = haystacks[i]
    if (terms.every((t) => hay.includes(t))) out.push(items[i])
  }
  return out
}

/** The next sort after `current` when the user cycles: each column ascending in turn, then none. */
export function nextSort(current: SortSpec | undefined, columnCount: number): SortSpec | undefined {
  if (!current) return { column: 0, descending: false }
  if (current.column + 1 >= columnCount) return undefined
  return { column: current.column + 1, descending: false }
}
