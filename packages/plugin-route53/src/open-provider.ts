import type { DnsProvider, DnsRecordLookup } from '@certdeck/core'
import { deleteRecords, lookupRecords, upsertRecords } from './records.js'
import { Route53Context, type Route53Settings } from './route53-context.js'
import { waitForSync, type SyncPolling } from './sync.js'
import { listZones } from './zones.js'

/** Everything one configured Route 53 provider needs. */
export interface OpenRoute53Options extends Route53Settings {
  /** A pinned hosted zone id: the provider lists and serves only that zone. */
  readonly zoneId?: string
  readonly polling: SyncPolling
}

/** A Route 53 provider with its SDK client; loaded on demand by `lazyRoute53Provider`. */
export function openRoute53Provider(options: OpenRoute53Options): DnsProvider & DnsRecordLookup {
  const ctx = new Route53Context(options)
  return {
    listZones: (signal) => listZones(ctx, options.zoneId, signal),
    upsertRecords: (zone, records, signal) => upsertRecords(ctx, zone, records, signal),
    deleteRecords: (zone, records, signal) => deleteRecords(ctx, zone, records, signal),
    waitForSync: (changeId, signal) => waitForSync(ctx, changeId, options.polling, signal),
    lookupRecords: (zone, name, type, signal) => lookupRecords(ctx, zone, name, type, signal),
  }
}
