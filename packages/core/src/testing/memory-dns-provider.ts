import { CertDeckError } from '../errors.js'
import type { DnsProvider, DnsProviderType, DnsRecord, DnsRecordLookup, DnsZone } from '../plugins/dns-provider.js'

/** A zone of the in-memory provider; the id defaults to `Z-<name>`. */
export interface MemoryZoneInput {
  readonly name: string
  readonly id?: string
  /** @default false */
  readonly private?: boolean
}

/** The methods of a {@link DnsProvider}, for fault injection and the call log. */
export type MemoryDnsMethod = 'listZones' | 'upsertRecords' | 'deleteRecords' | 'waitForSync' | 'lookupRecords'

/** One call a configured in-memory provider received. */
export interface MemoryDnsCall {
  /** The configured provider's name. */
  readonly provider: string
  readonly method: MemoryDnsMethod
  readonly zoneId?: string
  readonly records?: readonly DnsRecord[]
}

/** Options of {@link memoryDnsProvider}. */
export interface MemoryDnsOptions {
  /** @default [{ name: 'example.com' }] */
  readonly zones?: readonly MemoryZoneInput[]
  /** The type id. @default 'memory' */
  readonly id?: string
  /** Whether configured providers need a credential. @default 'none' */
  readonly credential?: DnsProviderType['credential']
}

/**
 * The in-memory DNS provider type, with its zone store open to tests. Every configured provider
 * it creates shares the store, so a test reads what a service wrote through `records()`.
 */
export interface MemoryDnsProviderType extends DnsProviderType {
  /** The zones every configured provider lists. */
  readonly zones: readonly DnsZone[]
  /** The records held, of one zone (by id or name) or of all. */
  records(zone?: string): DnsRecord[]
  /** Every call received, oldest first. */
  readonly calls: readonly MemoryDnsCall[]
  /**
   * The next `times` (default 1) calls of `method` (to `zone`, by id or name, when given) reject
   * with `error` and change nothing.
   */
  fail(method: MemoryDnsMethod, error: Error, options?: { readonly times?: number; readonly zone?: string }): void
  /** `instant`: waitForSync resolves at once; `never`: it waits until its signal aborts. @default 'instant' */
  sync: 'instant' | 'never'
  /** Names of the configured providers created so far. */
  readonly created: readonly string[]
}

const key = (record: DnsRecord) => `${record.name}\u0000${record.type}`

/** An in-memory {@link DnsProviderType} (id `memory`) for tests; it passes the conformance kit. */
export function memoryDnsProvider(options: MemoryDnsOptions = {}): MemoryDnsProviderType {
  const zones: DnsZone[] = (options.zones ?? [{ name: 'example.com' }]).map((z) => ({
    id: z.id ?? `Z-${z.name}`,
    name: z.name.toLowerCase().replace(/\.$/, ''),
    private: z.private ?? false,
  }))
  const store = new Map<string, DnsRecord[]>(zones.map((z) => [z.id, []]))
  const calls: MemoryDnsCall[] = []
  const faults: { method: MemoryDnsMethod; error: Error; times: number; zone?: string }[] = []
  const created: string[] = []
  let changes = 0

  /** Logs the call, then yields once so concurrent calls interleave as over a network. */
  async function enter(
    provider: string,
    method: MemoryDnsMethod,
    signal?: AbortSignal,
    zone?: DnsZone,
    records?: readonly DnsRecord[],
  ) {
    signal?.throwIfAborted()
    calls.push({
      provider,
      method,
      ...(zone ? { zoneId: zone.id } : {}),
      ...(records ? { records: records.map((r) => ({ ...r })) } : {}),
    })
    await new Promise((resolve) => setImmediate(resolve))
    signal?.throwIfAborted()
    const fault = faults.find(
      (f) => f.method === method && (f.zone === undefined || f.zone === zone?.id || f.zone === zone?.name),
    )
    if (fault) {
      fault.times -= 1
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1)
      throw fault.error
    }
  }

  function zoneRecords(zone: DnsZone, records: readonly DnsRecord[]): DnsRecord[] {
    const held = store.get(zone.id)
    if (!held)
      throw new CertDeckError('DNS_ZONE_NOT_FOUND', `The in-memory provider has no zone ${zone.id} (${zone.name}).`)
    for (const record of records) {
      if (record.name !== zone.name && !record.name.endsWith(`.${zone.name}`)) {
        throw new CertDeckError('DNS_RECORD_OUTSIDE_ZONE', `${record.name} is not inside zone ${zone.name}.`)
      }
    }
    return held
  }

  function create({ name }: { name: string }): DnsProvider & DnsRecordLookup {
    created.push(name)
    return {
      async listZones(signal) {
        await enter(name, 'listZones', signal)
        return zones.map((z) => ({ ...z }))
      },
      async upsertRecords(zone, records, signal) {
        await enter(name, 'upsertRecords', signal, zone, records)
        const held = zoneRecords(zone, records)
        const replaced = new Set(records.map(key))
        const kept = held.filter((r) => !replaced.has(key(r)))
        const added = records.filter((r, i) => records.findIndex((o) => key(o) === key(r) && o.value === r.value) === i)
        store.set(zone.id, [...kept, ...added.map((r) => ({ ...r, ttl: r.ttl ?? 300 }))])
        changes += 1
        return { changeId: `memory-change-${changes}` }
      },
      async deleteRecords(zone, records, signal) {
        await enter(name, 'deleteRecords', signal, zone, records)
        const held = zoneRecords(zone, records)
        const gone = (r: DnsRecord) => records.some((d) => key(d) === key(r) && d.value === r.value)
        store.set(
          zone.id,
          held.filter((r) => !gone(r)),
        )
      },
      async lookupRecords(zone, recordName, recordType, signal) {
        await enter(name, 'lookupRecords', signal, zone)
        const wanted = recordName.toLowerCase().replace(/\.$/, '')
        return zoneRecords(zone, [])
          .filter((r) => r.name === wanted && r.type === recordType)
          .map((r) => ({ ...r }))
      },
      async waitForSync(_changeId, signal) {
        await enter(name, 'waitForSync', signal)
        if (type.sync === 'never') {
          await new Promise<never>((_, reject) => {
            if (signal?.aborted) reject(signal.reason)
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
          })
        }
      },
    }
  }

  const type: MemoryDnsProviderType = {
    id: options.id ?? 'memory',
    label: 'In-memory DNS (tests)',
    credential: options.credential ?? 'none',
    settings: [{ key: 'zoneId', description: 'pin one zone by id' }],
    create,
    zones,
    records: (zone) => {
      if (zone === undefined) return [...store.values()].flat().map((r) => ({ ...r }))
      const id = zones.find((z) => z.id === zone || z.name === zone)?.id
      return (id ? (store.get(id) ?? []) : []).map((r) => ({ ...r }))
    },
    calls,
    fail: (method, error, { times = 1, zone } = {}) => {
      faults.push({ method, error, times, ...(zone !== undefined ? { zone } : {}) })
    },
    sync: 'instant',
    created,
  }
  return type
}
