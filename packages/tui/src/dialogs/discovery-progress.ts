import type { DiscoveryEvent, DiscoverySummary } from '@certdeck/core'
import type { GridCell } from '../form/Grid.js'
import { MARK } from '../theme.js'

/** Where one region of a running discovery stands. */
export type RegionProgress =
  | { readonly state: 'waiting' | 'running' }
  | { readonly state: 'done'; readonly found: number }
  | { readonly state: 'failed'; readonly error: string }

/** The progress map after `event` (regions the event names but the map lacks are added). */
export function applyDiscoveryEvent(
  progress: ReadonlyMap<string, RegionProgress>,
  event: DiscoveryEvent,
): Map<string, RegionProgress> {
  const next = new Map(progress)
  if (event.type === 'region-start') next.set(event.region, { state: 'running' })
  else if (event.type === 'region-done') next.set(event.region, { state: 'done', found: event.found })
  else next.set(event.region, { state: 'failed', error: event.error })
  return next
}

/** One grid cell per region: `✓ us-east-1 12`, `… eu-west-1`, `✗ sa-east-1`, `· ap-south-1`. */
export function progressCells(progress: ReadonlyMap<string, RegionProgress>): GridCell[] {
  return [...progress].map(([region, p]) => {
    if (p.state === 'done') return { key: region, text: `${MARK.ok} ${region} ${p.found}`, tone: 'ok' }
    if (p.state === 'failed') return { key: region, text: `${MARK.failed} ${region}`, tone: 'danger' }
    if (p.state === 'running') return { key: region, text: `${MARK.running} ${region}`, tone: 'accent' }
    return { key: region, text: `${MARK.waiting} ${region}`, tone: 'muted' }
  })
}

/** `found 120 · new 4 · changed 1 · gone 0 · failed regions 1`. */
export function summaryText(summary: DiscoverySummary): string {
  return (
    `found ${summary.found} · new ${summary.new} · changed ${summary.changed} · gone ${summary.gone} · ` +
    `failed regions ${summary.failedRegions.length}`
  )
}

/** How many regions have finished (either way). */
export function finishedCount(progress: ReadonlyMap<string, RegionProgress>): number {
  let n = 0
  for (const p of progress.values()) if (p.state === 'done' || p.state === 'failed') n++
  return n
}
