import type { ChallengeEvent } from '@certdeck/core'
import { MARK, type Tone } from '../theme.js'

/** Where one zone's records stand during a deploy challenge. */
export interface ZoneProgress {
  readonly records: number
  readonly step: 'writing' | 'written' | 'in-sync'
  readonly changeId?: string
}

/** The progress after one event. */
export function applyChallengeEvent(
  progress: ReadonlyMap<string, ZoneProgress>,
  event: ChallengeEvent,
): Map<string, ZoneProgress> {
  const next = new Map(progress)
  const before = next.get(event.zone) ?? { records: 0, step: 'writing' }
  if (event.type === 'zone') next.set(event.zone, { ...before, records: event.records })
  else if (event.type === 'written') next.set(event.zone, { ...before, step: 'written', changeId: event.changeId })
  else next.set(event.zone, { ...before, step: 'in-sync' })
  return next
}

/** One line per zone: a mark, the zone, its records and its step. */
export function challengeLines(progress: ReadonlyMap<string, ZoneProgress>): { text: string; tone: Tone }[] {
  return [...progress].map(([zone, p]) => {
    const records = `${p.records} record${p.records === 1 ? '' : 's'}`
    if (p.step === 'in-sync') return { text: `${MARK.ok} ${zone}: ${records} in sync`, tone: 'ok' }
    if (p.step === 'written') {
      return {
        text:
          `${MARK.running} ${zone}: ${records} written${p.changeId ? ` (change ${p.changeId})` : ''}, ` +
          `waiting until in sync`,
        tone: 'warn',
      }
    }
    return { text: `${MARK.waiting} ${zone}: writing ${records}`, tone: 'plain' }
  })
}
