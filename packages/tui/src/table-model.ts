import type { Tone } from './theme.js'
import type { ColumnFit } from './column-fit.js'

/** One table cell: its text and, when it carries state, a tone (the text must say it too). */
export interface Cell {
  readonly text: string
  readonly tone?: Tone
  /** Kept whole at the end when the text is cut (a mark that must stay visible, e.g. ` ✗ revoked`). */
  readonly suffix?: string
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
export function sortItems<T>(
  items: readonly T[],
  columns: readonly Column<T>[],
  sort: SortSpec | undefined,
): readonly T[] {
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
  const parts = columns.map((c) => {
    const cell = cellOf(c, item)
    return cell.text + (cell.suffix ?? '')
  })
  if (extra) parts.push(extra(item))
  return parts.join('\u0000').toLowerCase()
}

/**
 * The items whose text matches every whitespace-separated term of `query` in any column
 * (case-insensitive); `haystack` gives an item's lower-case text (see {@link haystackOf}).
 */
export function filterItems<T>(items: readonly T[], haystack: (item: T) => string, query: string): readonly T[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0) return items
  const out: T[] = []
  for (const item of items) {
    const hay = haystack(item)
    if (terms.every((t) => hay.includes(t))) out.push(item)
  }
  return out
}

/**
 * Remembers filter results of one list, so typing narrows the previous result instead of
 * scanning every row again (a longer query only ever matches a subset), and Backspace finds
 * its earlier result ready.
 */
export class FilterCache<T> {
  private readonly results = new Map<string, readonly T[]>()

  constructor(
    private readonly items: readonly T[],
    private readonly haystack: (item: T) => string,
    private readonly limit = 64,
  ) {}

  /** The items matching `query`, as {@link filterItems} gives them. */
  filter(query: string): readonly T[] {
    const key = query.toLowerCase().replace(/\s+/g, ' ').trim()
    if (key === '') return this.items
    const cached = this.results.get(key)
    if (cached) return cached
    let base = this.items
    let longest = -1
    for (const [previous, result] of this.results) {
      if (previous.length > longest && key.startsWith(previous)) {
        base = result
        longest = previous.length
      }
    }
    const result = filterItems(base, this.haystack, key)
    const oldest = this.results.keys().next()
    if (this.results.size >= this.limit && !oldest.done) this.results.delete(oldest.value)
    this.results.set(key, result)
    return result
  }
}

/** The next sort after `current` when the user cycles: each column ascending in turn, then none. */
export function nextSort(current: SortSpec | undefined, columnCount: number): SortSpec | undefined {
  if (!current) return { column: 0, descending: false }
  if (current.column + 1 >= columnCount) return undefined
  return { column: current.column + 1, descending: false }
}
