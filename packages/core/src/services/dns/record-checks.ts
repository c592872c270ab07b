import type { ValidationRecord } from '../../domain/certificate-request.js'
import type { ValidationRecordCheck } from '../../domain/renewal-health.js'
import { canLookupRecords, type DnsProvider, type DnsZone } from '../../plugins/dns-provider.js'
import { detectZone, dnsName } from './dns-zones.js'
import { forEachLimit } from '../shared/index.js'

/** One configured DNS provider, as the record checks use it. */
export interface LookupSource {
  /** The configured name, for messages. */
  readonly name: string
  /** A pinned zone id (the `zoneId` setting). */
  readonly pinnedZoneId?: string
  /** Builds the provider (no I/O). */
  provider(): Promise<DnsProvider>
  /** Runs one call of this provider within core's rate limit. */
  limited<T>(call: () => Promise<T>): Promise<T>
}

/** Names looked up at once. */
const LOOKUP_CONCURRENCY = 4

/**
 * Looks up each validation CNAME through the first configured provider that can read records
 * and whose public zones cover its name (zones listed once per provider). A record no such
 * provider covers, or whose lookup fails, is `unknown`, never `missing`: only a provider's
 * answer can say a record is gone.
 */
export async function checkValidationRecords(
  records: readonly ValidationRecord[],
  sources: readonly LookupSource[],
  signal?: AbortSignal,
): Promise<ValidationRecordCheck[]> {
  const unique = [...new Map(records.map((r) => [dnsName(r.name), r])).values()]
  if (unique.length === 0) return []
  const readers = new Map<LookupSource, Promise<{ provider: DnsProvider; zones: DnsZone[] } | undefined>>()
  const reader = (source: LookupSource) => {
    let opened = readers.get(source)
    if (!opened) {
      opened = (async () => {
        const provider = await source.provider()
        if (!canLookupRecords(provider)) return undefined
        return { provider, zones: await source.limited(() => provider.listZones(signal)) }
      })().catch(() => {
        signal?.throwIfAborted()
        return undefined
      })
      readers.set(source, opened)
    }
    return opened
  }
  const checks = new Map<string, ValidationRecordCheck>()
  await forEachLimit(
    unique,
    LOOKUP_CONCURRENCY,
    async (record) => {
      checks.set(record.name, await checkOne(record, sources, reader, signal))
    },
    signal,
  )
  return unique.flatMap((r) => checks.get(r.name) ?? [])
}

async function checkOne(
  record: ValidationRecord,
  sources: readonly LookupSource[],
  reader: (source: LookupSource) => Promise<{ provider: DnsProvider; zones: DnsZone[] } | undefined>,
  signal?: AbortSignal,
): Promise<ValidationRecordCheck> {
  const name = dnsName(record.name)
  const value = dnsName(record.value)
  for (const source of sources) {
    const opened = await reader(source)
    if (!opened || !canLookupRecords(opened.provider)) continue
    let zone: DnsZone
    try {
      zone = detectZone(name, opened.zones, {
        publicOnly: true,
        ...(source.pinnedZoneId ? { pinnedZoneId: source.pinnedZoneId } : {}),
      })
    } catch {
      continue
    }
    const { provider } = opened
    try {
      const found = await source.limited(() => provider.lookupRecords(zone, name, 'CNAME', signal))
      const present = found.some((r) => dnsName(r.value) === value)
      return { name, value, state: present ? 'present' : 'missing', zone: zone.name, provider: source.name }
    } catch (error) {
      signal?.throwIfAborted()
      const reason = error instanceof Error ? error.message : String(error)
      return { name, value, state: 'unknown', zone: zone.name, provider: source.name, detail: reason.slice(0, 300) }
    }
  }
  return { name, value, state: 'unknown', detail: 'no configured DNS provider that can read records covers it' }
}
