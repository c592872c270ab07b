import { CertDeckError } from '../../errors.js'
import type { DnsRecord, DnsZone } from '../../plugins/dns-provider.js'
import { dnsName } from './dns-zones.js'

/** The records of one zone, written in one call. */
export interface ZoneBatch {
  readonly zone: DnsZone
  readonly records: readonly DnsRecord[]
}

/**
 * The records in the contract's form (lower-case names and CNAME targets, no trailing dots),
 * each (name, type, value) once: a wildcard and its apex hand in the same ACM CNAME, written
 * once. Two different CNAME targets for one name are an error (the second would replace the first).
 */
export function uniqueRecords(records: readonly DnsRecord[]): DnsRecord[] {
  const unique = new Map<string, DnsRecord>()
  const cnames = new Map<string, string>()
  for (const record of records) {
    const name = dnsName(record.name)
    const value = record.type === 'CNAME' ? dnsName(record.value) : record.value
    const key = `${name}\u0000${record.type}\u0000${value}`
    if (unique.has(key)) continue
    if (record.type === 'CNAME') {
      const other = cnames.get(name)
      if (other !== undefined) {
        throw new CertDeckError(
          'DNS_RECORD_CONFLICT',
          `${name} is given two CNAME targets, ${other} and ${value}; a name has at most one CNAME. Check ` +
            `the records handed in.`,
        )
      }
      cnames.set(name, value)
    }
    unique.set(key, { ...record, name, value })
  }
  return [...unique.values()]
}

/** Groups records by the zone `zoneOf` picks for each: one batch per zone, in first-seen order. */
export function batchByZone(records: readonly DnsRecord[], zoneOf: (name: string) => DnsZone): ZoneBatch[] {
  const batches = new Map<string, { zone: DnsZone; records: DnsRecord[] }>()
  for (const record of records) {
    const zone = zoneOf(record.name)
    const batch = batches.get(zone.id) ?? { zone, records: [] }
    batch.records.push(record)
    batches.set(zone.id, batch)
  }
  return [...batches.values()]
}
