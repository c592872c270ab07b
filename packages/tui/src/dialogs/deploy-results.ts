import type { DeployResult } from '@certdeck/core'
import type { GridCell } from '../form/Grid.js'
import { MARK, type Tone } from '../theme.js'

const ACTION: Record<DeployResult['action'], { mark: string; tone: Tone; word: string; planned: string }> = {
  imported: { mark: MARK.ok, tone: 'ok', word: 'imported', planned: 'import' },
  reimported: { mark: MARK.ok, tone: 'ok', word: 'replaced', planned: 'replace' },
  unchanged: { mark: '=', tone: 'muted', word: 'unchanged', planned: 'unchanged' },
  exists: { mark: MARK.warning, tone: 'warn', word: 'exists', planned: 'exists' },
  failed: { mark: MARK.failed, tone: 'danger', word: 'failed', planned: 'refused' },
}

/** One line per region: mark, region, what happened (or, for a dry run, would), and the message. */
export function deployResultLines(results: readonly DeployResult[]): { text: string; tone: Tone }[] {
  return results.map((r) => {
    const a = ACTION[r.action]
    const word = r.dryRun ? a.planned : a.word
    return { text: `${a.mark} ${r.region.padEnd(15)} ${word.padEnd(9)} ${r.message || r.arn || ''}`, tone: a.tone }
  })
}

/** `2 imported, 1 failed`. */
export function deploySummary(results: readonly DeployResult[]): string {
  const counts = new Map<string, number>()
  for (const r of results) counts.set(ACTION[r.action].word, (counts.get(ACTION[r.action].word) ?? 0) + 1)
  return [...counts].map(([word, n]) => `${n} ${word}`).join(', ')
}

/** Region cells marked as in progress, while a deploy runs. */
export function pendingCells(regions: readonly string[]): GridCell[] {
  return regions.map((r) => ({ key: r, text: `${MARK.running} ${r}`, tone: 'accent' }))
}
