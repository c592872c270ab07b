/** Width of a terminal a default table fits (`--wide` lifts it). */
export const TABLE_WIDTH = 100

/** `text` cut to `width` characters with a trailing `…` when longer. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`
}

/** An ARN shortened to its service and the end of its resource: `acm:…/3f1c9a2b`. */
function shortArn(value: string): string {
  const match = /^arn:[\w-]+:([\w-]+):[^:]*:[^:]*:(.+)$/.exec(value)
  if (!match) return value
  const resource = match[2]
  return `${match[1]}:…${resource.slice(-8)}`
}

/** Tags as `key=value, …`, ARNs shortened unless `wide`. */
export function tagsText(tags: Readonly<Record<string, string>>, wide: boolean): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${wide ? value : shortArn(value)}`)
    .join(', ')
}

/**
 * Narrows the columns `shrinkable` (index → least width, in the order they give way) of `rows`
 * until a table with `headers` and two spaces between columns fits `width`; cut cells end in `…`.
 */
export function fitColumns(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  shrinkable: readonly (readonly [column: number, least: number])[],
  width = TABLE_WIDTH,
): string[][] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  let excess = widths.reduce((sum, w) => sum + w, 0) + 2 * (headers.length - 1) - width
  for (const [column, least] of shrinkable) {
    if (excess <= 0) break
    const floor = Math.max(least, headers[column].length)
    const cut = Math.min(excess, Math.max(0, widths[column] - floor))
    widths[column] -= cut
    excess -= cut
  }
  return rows.map((row) => row.map((cell, column) => truncate(cell, widths[column])))
}
