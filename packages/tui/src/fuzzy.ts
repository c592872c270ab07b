/**
 * Scores `text` against a fuzzy `query`: every query character must appear in order
 * (case-insensitive). Higher is better; undefined when it does not match. Consecutive
 * characters and word starts score extra, so "dep" ranks "Deploy" above "Delete pending".
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '')
  if (q.length === 0) return 0
  const t = text.toLowerCase()
  let score = 0
  let from = 0
  let previous = -2
  for (const char of q) {
    const at = t.indexOf(char, from)
    if (at < 0) return undefined
    score += 1
    if (at === previous + 1) score += 3
    if (at === 0 || /[\s:\-_/.]/.test(t[at - 1] ?? '')) score += 2
    previous = at
    from = at + 1
  }
  return score - t.length / 100
}

/** The items matching `query`, best first (ties keep their order). */
export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, text(item)) }))
    .filter((x): x is { item: T; index: number; score: number } => x.score !== undefined)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item)
}
