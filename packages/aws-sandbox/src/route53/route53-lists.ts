/** Paging of Route 53's three list operations, with AWS's orderings and page-size rules. */
import { SandboxError } from '../types.js'
import { compareAscii, sortKey } from './names.js'
import type { RecordData, ZoneData } from './route53-state.js'
import { sortedRecords } from './zone-index.js'

/** `maxitems` as Route 53 reads it: a positive integer, capped at `cap` (larger asks get `cap`). */
export function maxItems(raw: string | null, fallback: number, cap: number): number {
  if (raw === null) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new SandboxError('InvalidInput', `Invalid request: maxitems must be a positive integer, not '${raw}'`)
  }
  return Math.min(Number(raw), cap)
}

/** One page of zones or records. */
export interface Page<T> {
  readonly items: readonly T[]
  /** The first item of the next page, when there is one. */
  readonly next?: T
}

function page<T>(sorted: readonly T[], start: number, size: number): Page<T> {
  const items = sorted.slice(start, start + size)
  const next = sorted[start + size]
  return next === undefined ? { items } : { items, next }
}

/** ListHostedZones: zones ordered by id; `marker` is the id the page starts at. */
export function listZones(zones: readonly ZoneData[], marker: string | undefined, size: number): Page<ZoneData> {
  const sorted = [...zones].sort((a, b) => compareAscii(a.id, b.id))
  const bare = marker?.replace(/^\/?hostedzone\//, '')
  const start = bare === undefined ? 0 : sorted.findIndex((zone) => zone.id >= bare)
  return page(sorted, start === -1 ? sorted.length : start, size)
}

/**
 * ListHostedZonesByName: zones ordered by reversed-label name, then id; the page starts at the
 * first zone whose name sorts at or after `dnsName` (and, for that same name, whose id is at or
 * after `zoneId`).
 */
export function listZonesByName(
  zones: readonly ZoneData[],
  dnsName: string | undefined,
  zoneId: string | undefined,
  size: number,
): Page<ZoneData> {
  const keyed = zones.map((zone) => ({ zone, key: sortKey(zone.name) }))
  keyed.sort((a, b) => compareAscii(a.key, b.key) || compareAscii(a.zone.id, b.zone.id))
  const sorted = keyed.map((entry) => entry.zone)
  if (dnsName === undefined) return page(sorted, 0, size)
  const startKey = sortKey(dnsName)
  const start = keyed.findIndex(
    ({ zone, key }) => key > startKey || (key === startKey && (zoneId === undefined || zone.id >= zoneId)),
  )
  return page(sorted, start === -1 ? sorted.length : start, size)
}

/**
 * ListResourceRecordSets: records in Route 53's order; the page starts at the first record whose
 * name sorts at or after `name` and, for that same name, whose type is at or after `type`.
 */
export function listRecords(
  zone: ZoneData,
  start: { readonly name?: string; readonly type?: string; readonly identifier?: string },
  size: number,
): Page<RecordData> {
  const sorted = sortedRecords(zone)
  let index = 0
  if (start.name !== undefined) {
    const target = { key: sortKey(start.name), type: start.type ?? '', id: start.identifier ?? '' }
    // Binary search for the first record at or after the start position.
    let high = sorted.length
    while (index < high) {
      const mid = (index + high) >>> 1
      const { record, key } = sorted[mid]
      const before =
        compareAscii(key, target.key) ||
        compareAscii(record.type, target.type) ||
        compareAscii(record.setIdentifier ?? '', target.id)
      if (before < 0) index = mid + 1
      else high = mid
    }
  }
  const items = sorted.slice(index, index + size).map((entry) => entry.record)
  const next = sorted[index + size]?.record
  return next === undefined ? { items } : { items, next }
}
