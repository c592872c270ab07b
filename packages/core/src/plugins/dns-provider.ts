import type { ResolvedCredential } from './cloud-provider.js'

/** A DNS zone as a provider lists it. */
export interface DnsZone {
  /** The provider's id of the zone (Route 53: the hosted zone id without `/hostedzone/`). */
  readonly id: string
  /** Fully qualified, lower case, without the trailing dot. */
  readonly name: string
  readonly private: boolean
}

/** A DNS record to write or delete. Names are fully qualified, lower case, without the trailing dot. */
export interface DnsRecord {
  readonly name: string
  readonly type: 'CNAME' | 'TXT'
  /** CNAME: the target without the trailing dot; TXT: the unquoted text. */
  readonly value: string
  /** @default 300 */
  readonly ttl?: number
}

/**
 * One configured DNS provider (libdns style): a few small methods that do exactly what they
 * are asked, once. Rules for implementations:
 * - every method honours `signal` and is safe for concurrent use;
 * - `upsertRecords` is idempotent and atomic per call where the provider can be; for each
 *   (name, type) it is handed, the record set becomes exactly the values of that call (a CNAME's
 *   old target is replaced; several TXT values in one call live side by side);
 * - an aborted `signal` rejects with an `AbortError` and changes nothing not yet sent;
 * - `deleteRecords` deletes only the exact (name, type, value) given, never a record set it was
 *   not handed, and records already gone are not an error;
 * - errors are {@link CertDeckError}s in plain words (which zone, which permission).
 * Core owns zone detection, de-duplication, batching per zone, rate limiting and the
 * propagation wait: a provider never guesses a zone.
 */
export interface DnsProvider {
  /** Every zone the provider can write to. */
  listZones(signal?: AbortSignal): Promise<DnsZone[]>
  /** Creates or replaces these records of one zone; returns a token for {@link waitForSync}. */
  upsertRecords(zone: DnsZone, records: readonly DnsRecord[], signal?: AbortSignal): Promise<{ changeId?: string }>
  /** Deletes exactly these records of one zone. */
  deleteRecords(zone: DnsZone, records: readonly DnsRecord[], signal?: AbortSignal): Promise<void>
  /** Optional: resolves when the change an upsert returned is live on every name server. */
  waitForSync?(changeId: string, signal?: AbortSignal): Promise<void>
}

/**
 * Optional capability (libdns' RecordGetter): reads the records of one name and type in a zone.
 * Rules: read-only and idempotent; honours `signal`; safe for concurrent use; a name without
 * such records resolves to an empty list (never an error); values in the contract's form (a
 * CNAME target without the trailing dot, TXT unquoted). Core uses it to check that validation
 * CNAMEs are still there (renewal health); check for it with {@link canLookupRecords}.
 */
export interface DnsRecordLookup {
  lookupRecords(zone: DnsZone, name: string, type: DnsRecord['type'], signal?: AbortSignal): Promise<DnsRecord[]>
}

/** True when the provider can read records back ({@link DnsRecordLookup}). */
export function canLookupRecords(provider: DnsProvider): provider is DnsProvider & DnsRecordLookup {
  return typeof (provider as Partial<DnsRecordLookup>).lookupRecords === 'function'
}

/** One setting a DNS provider type accepts (shown by `certdeck dns add --help` and the TUI). */
export interface DnsProviderSetting {
  readonly key: string
  readonly description: string
  readonly required?: boolean
}

/** What a DNS provider type is given to build one configured provider. */
export interface DnsProviderInstance {
  /** The configured name, e.g. `prod-dns`. */
  readonly name: string
  /** Non-secret settings from the configuration (e.g. a pinned zone id, script paths). */
  readonly settings: Readonly<Record<string, string>>
  /** The credential the configuration names, opened by the vault, when the type uses one. */
  readonly credential?: ResolvedCredential
}

/**
 * A kind of DNS provider a plugin registers (`route53`, `hook`). `create` builds one configured
 * provider; it must not do network I/O (methods do, when called).
 */
export interface DnsProviderType {
  /** Unique id, e.g. `route53`. */
  readonly id: string
  readonly label: string
  /** Whether a configured provider needs an AWS credential (`certdeck dns add --credential`). */
  readonly credential: 'required' | 'optional' | 'none'
  readonly settings: readonly DnsProviderSetting[]
  /**
   * Optional: the settings as they should be stored, called once by `dns add` after core checked
   * them (e.g. a zone id without its `/hostedzone/` prefix, a script path made absolute). No I/O;
   * throws a plain-words {@link CertDeckError} for a value it cannot accept.
   */
  normalize?(settings: Readonly<Record<string, string>>): Record<string, string>
  create(instance: DnsProviderInstance): DnsProvider
}
