/** How a table column takes its share of the width. */
export interface ColumnFit {
  /** Narrowest useful width (less when the column's header and cells are all narrower). */
  readonly min: number
  /** Widest useful width. @default unlimited */
  readonly max?: number
  /** Share of the spare width. @default 1 */
  readonly weight?: number
  /** Lower priorities are hidden first when even the minimums do not fit. @default 0 */
  readonly priority?: number
}

/** What a column has to show: its header's width and its widest visible cell's (0: every cell empty). */
export interface ColumnContent {
  readonly title: number
  readonly cells: number
}

/** The most of the width the name column may take by hiding other columns. */
const NAME_SHARE = 0.4

/**
 * Widths that fit `columns` into `width` characters with a one-space gap between columns.
 *
 * Without `content`, columns that cannot fit get width 0 (lowest priority first, then rightmost
 * first) and the spare width goes to the others by weight, up to their max.
 *
 * With `content` (what the visible rows hold), the name column — the one of highest priority —
 * gets the width first: a column whose every cell is empty shrinks to its header and is the
 * first to go, a column never grows past what it shows, and columns of lower priority give
 * their width (hidden, lowest first) before the name is cut, until the name has 40% of the
 * width. What is left over widens the name column.
 */
export function fitColumns(columns: readonly ColumnFit[], width: number, content?: readonly ColumnContent[]): number[] {
  if (!content) return fitByWeight(columns, width)
  const want = columns.map((c, i) => {
    const shown = content[i].cells === 0 ? content[i].title : Math.max(content[i].title, content[i].cells)
    return c.max === undefined ? shown : Math.min(c.max, shown)
  })
  const low = columns.map((c, i) => Math.min(c.min, want[i]))
  const shown = columns.map(() => true)
  const used = () =>
    low.reduce((sum, w, i) => (shown[i] ? sum + w : sum), 0) + Math.max(0, shown.filter(Boolean).length - 1)
  // Empty columns go first, then the lowest priority, rightmost first.
  const rank = (i: number) => (content[i].cells === 0 ? Number.NEGATIVE_INFINITY : (columns[i].priority ?? 0))
  const dropOne = (keep: number): boolean => {
    let drop = -1
    shown.forEach((on, i) => {
      if (on && i !== keep && (drop < 0 || rank(i) <= rank(drop))) drop = i
    })
    if (drop >= 0) shown[drop] = false
    return drop >= 0
  }
  const name = columns.reduce((best, c, i) => ((c.priority ?? 0) > (columns[best].priority ?? 0) ? i : best), 0)
  while (used() > width && dropOne(-1)) {}
  if (!shown[name]) return columns.map((_, i) => (shown[i] ? low[i] : 0))
  const nameTarget = Math.min(want[name], Math.max(low[name], Math.floor(width * NAME_SHARE)))
  while (low[name] + width - used() < nameTarget && dropOne(name)) {}
  const widths = columns.map((_, i) => (shown[i] ? low[i] : 0))
  let spare = width - used()
  const grow = (i: number, to: number) => {
    const take = Math.max(0, Math.min(spare, to - widths[i]))
    widths[i] += take
    spare -= take
  }
  grow(name, want[name])
  // Fixed columns (weight 0) first: they are narrow and their values short.
  columns.forEach((c, i) => {
    if (shown[i] && i !== name && (c.weight ?? 1) === 0) grow(i, want[i])
  })
  shareByWeight(columns, widths, (i) => (shown[i] && i !== name ? want[i] : widths[i]), spare)
  spare = width - widths.reduce((sum, w) => sum + w, 0) - Math.max(0, shown.filter(Boolean).length - 1)
  if (columns[name].max === undefined) widths[name] += Math.max(0, spare)
  return widths
}

/** Gives `spare` to the columns below their `limit`, by weight; returns what it gave. */
function shareByWeight(
  columns: readonly ColumnFit[],
  widths: number[],
  limit: (i: number) => number,
  spare: number,
): number {
  let left = spare
  while (left > 0) {
    const growable = columns
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => widths[i] > 0 && widths[i] < limit(i) && (c.weight ?? 1) > 0)
    if (growable.length === 0) break
    const totalWeight = growable.reduce((sum, { c }) => sum + (c.weight ?? 1), 0)
    let given = 0
    for (const { c, i } of growable) {
      const share = Math.min(limit(i) - widths[i], Math.max(1, Math.floor((left * (c.weight ?? 1)) / totalWeight)))
      const take = Math.min(share, left - given)
      widths[i] += take
      given += take
      if (given >= left) break
    }
    if (given === 0) break
    left -= given
  }
  return spare - left
}

function fitByWeight(columns: readonly ColumnFit[], width: number): number[] {
  const shown = columns.map(() => true)
  const needed = () =>
    columns.reduce((sum, c, i) => (shown[i] ? sum + c.min : sum), 0) + Math.max(0, shown.filter(Boolean).length - 1)
  while (needed() > width && shown.some(Boolean)) {
    let drop = -1
    columns.forEach((c, i) => {
      if (!shown[i]) return
      if (drop < 0 || (c.priority ?? 0) <= (columns[drop].priority ?? 0)) drop = i
    })
    shown[drop] = false
  }
  const widths = columns.map((c, i) => (shown[i] ? c.min : 0))
  shareByWeight(columns, widths, (i) => columns[i].max ?? Number.POSITIVE_INFINITY, width - needed())
  return widths
}
