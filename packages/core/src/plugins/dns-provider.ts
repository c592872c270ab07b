/** A DNS zone as a provider lists it. */
export interface DnsZone {
  readonly id: string
  /** Fully qualified, lower case, without the trailing dot. */
  readonly name: string
  readonly private: boolean
}

/** A DNS record to write or delete. Names are fully qualified without the trailing dot. */
export interface DnsRecord {
  readonly name: string
  readonly type: 'CNAME' | 'TXT'
  readonly value: string
  /** @default 300 */
  readonly ttl?: number
}

/**
 * A DNS provider (libdns style). Rules: every method honours `signal`, is safe for concurrent
 * use, and throws plain-words errors. Core owns zone detection, de-duplication, batching per
 * zone and rate limiting: a provider only does what it is asked, once.
 */
export interface DnsProvider {
  /** Unique id, e.g. `route53`. */
  readonly id: string
  readonly label: string
  /** Every zone the provider can write to. */
  listZones(signal?: AbortSignal): Promise<DnsZone[]>
  /** Creates or replaces the records in one zone, atomically where the provider can. Idempotent. */
  upsertRecords(zone: DnsZone, records: readonly DnsRecord[], signal?: AbortSignal): Promise<{ changeId?: string }>
  /** Deletes exactly these records; records already gone are not an error. */
  deleteRecords(zone: DnsZone, records: readonly DnsRecord[], signal?: AbortSignal): Promise<void>
  /** Optional: resolves when a change returned by upsert is live on every name server. */
  waitForSync?(changeId: string, signal?: AbortSignal): Promise<void>
}
