import type { DeployResult } from '@certdeck/core'
import type { GridCell } from '../form/Grid.js'
import { MARK, type Tone } from '../theme.js'

const ACTION: Record<DeployResult['action'], { mark: string; tone: Tone; word: string }> = {
  imported: { mark: MARK.ok, tone: 'ok', word: 'imported' },
  reimported: { mark: MARK.ok, tone: 'ok', word: 'replaced' },
  unchanged: { mark: '=', tone: 'muted', word: 'unchanged' },
  exists: { mark: MARK.warning, tone: 'warn', word: 'exists' },
  failed: { mark: MARK.failed, tone: 'danger', word: 'failed' },
}

/** One line per region: mark, region, what happened (or would), and the message or ARN. */
export function deployResultLines(results: readonly DeployResult[]): { text: string; tone: Tone }[] {
  return results.map((r) => {
    const a = ACTION[r.action]
    return { text: `${a.mark} ${r.region.padEnd(15)} ${a.word.padEnd(9)} ${r.message || r.arn || ''}`, tone: a.tone }
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
