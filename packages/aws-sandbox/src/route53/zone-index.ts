/**
 * In-memory indexes over a zone's records (types present per name, records in listing order),
 * built on first use and kept in step by {@link commitChanges}, so that batches and list pages
 * cost what they touch rather than the size of the zone. Not persisted: a loaded state rebuilds
 * them, because they are keyed by the zone object itself.
 */
import { compareAscii, sortKey } from './names.js'
import type { RecordData, ZoneData } from './route53-state.js'

/** A record with its listing sort key. */
export interface SortedRecord {
  readonly record: RecordData
  readonly key: string
}

interface ZoneIndex {
  /** Record types at each name, with counts (weighted records repeat a type). */
  readonly typesAt: Map<string, Map<string, number>>
  sorted?: SortedRecord[]
}

const indexes = new WeakMap<ZoneData, ZoneIndex>()

function countType(typesAt: Map<string, Map<string, number>>, record: RecordData, delta: number): void {
  const types = typesAt.get(record.name) ?? new Map<string, number>()
  const count = (types.get(record.type) ?? 0) + delta
  if (count > 0) types.set(record.type, count)
  else types.delete(record.type)
  if (types.size > 0) typesAt.set(record.name, types)
  else typesAt.delete(record.name)
}

function indexOf(zone: ZoneData): ZoneIndex {
  let index = indexes.get(zone)
  if (!index) {
    index = { typesAt: new Map() }
    for (const record of Object.values(zone.records)) countType(index.typesAt, record, 1)
    indexes.set(zone, index)
  }
  return index
}

/** The record types present at `name` in the zone, with how many record sets each has. */
export function typesAt(zone: ZoneData, name: string): ReadonlyMap<string, number> {
  return indexOf(zone).typesAt.get(name) ?? new Map()
}

/** The zone's records in ListResourceRecordSets order: reversed-label name, type, set id. */
export function sortedRecords(zone: ZoneData): readonly SortedRecord[] {
  const index = indexOf(zone)
  index.sorted ??= Object.values(zone.records)
    .map((record) => ({ record, key: sortKey(record.name) }))
    .sort(
      (a, b) =>
        compareAscii(a.key, b.key) ||
        compareAscii(a.record.type, b.record.type) ||
        compareAscii(a.record.setIdentifier ?? '', b.record.setIdentifier ?? ''),
    )
  return index.sorted
}

/** What a validated batch does to a zone: the new record (or undefined when deleted) per key. */
export type RecordChanges = ReadonlyMap<string, RecordData | undefined>

/** Applies validated changes to the zone's records and its indexes. */
export function commitChanges(zone: ZoneData, changes: RecordChanges): void {
  const index = indexOf(zone)
  for (const [key, record] of changes) {
    const current = Object.hasOwn(zone.records, key) ? zone.records[key] : undefined
    if (current) countType(index.typesAt, current, -1)
    if (record) {
      zone.records[key] = record
      countType(index.typesAt, record, 1)
    } else {
      delete zone.records[key]
    }
  }
  if (changes.size > 0) index.sorted = undefined
}
