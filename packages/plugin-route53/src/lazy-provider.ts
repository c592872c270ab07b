import type { DnsProvider, DnsRecordLookup } from '@certdeck/core'
import type { OpenRoute53Options } from './open-provider.js'

/**
 * A provider whose AWS SDK is loaded on its first call, so that opening CertDeck pays neither the
 * SDK's start-up time nor its memory until Route 53 is actually asked something.
 */
export function lazyRoute53Provider(options: OpenRoute53Options): DnsProvider & DnsRecordLookup {
  let opening: Promise<DnsProvider & DnsRecordLookup> | undefined
  const provider = () =>
    (opening ??= import('./open-provider.js').then(({ openRoute53Provider }) => openRoute53Provider(options)))
  return {
    listZones: async (signal) => (await provider()).listZones(signal),
    upsertRecords: async (zone, records, signal) => (await provider()).upsertRecords(zone, records, signal),
    deleteRecords: async (zone, records, signal) => (await provider()).deleteRecords(zone, records, signal),
    waitForSync: async (changeId, signal) => {
      const opened = await provider()
      if (!opened.waitForSync) throw new Error('the Route 53 provider has no waitForSync')
      return opened.waitForSync(changeId, signal)
    },
    lookupRecords: async (zone, name, type, signal) => (await provider()).lookupRecords(zone, name, type, signal),
  }
}
