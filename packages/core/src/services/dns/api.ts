// The public types of the dns capability (options, results, its part of the CertDeck facade).
import type { DnsProviderConfig } from '../../domain/dns-provider-config.js'
import type { DnsProviderType, DnsZone } from '../../plugins/dns-provider.js'

/** Progress of a deploy challenge. */
export type ChallengeEvent =
  | { readonly type: 'zone'; readonly zone: string; readonly records: number }
  | { readonly type: 'written'; readonly zone: string; readonly changeId?: string }
  | { readonly type: 'in-sync'; readonly zone: string }

/** Options of {@link DnsApi.add}. */
export interface AddDnsProviderOptions {
  /** The provider type id (`route53`, `hook`). */
  readonly type: string
  readonly name: string
  /** Credential name or id, for types that use one. */
  readonly credential?: string
  /** Type-specific settings (e.g. `zoneId`, `addScript`). */
  readonly settings?: Readonly<Record<string, string>>
}

/** Configured DNS providers (the DNS tab), headless. */
export interface DnsApi {
  /** Configured providers, by name. */
  providers(): Promise<DnsProviderConfig[]>
  /** The provider types the loaded plugins offer. */
  types(): readonly DnsProviderType[]
  add(options: AddDnsProviderOptions): Promise<DnsProviderConfig>
  /** Lists the provider's zones (one cheap call); a plain-words error when it cannot. */
  test(name: string, options?: { readonly signal?: AbortSignal }): Promise<{ readonly zones: readonly DnsZone[] }>
  remove(name: string): Promise<void>
  /** The configured provider whose zones cover every domain (public zones), if exactly one does. */
  suggest(
    domains: readonly string[],
    options?: { readonly signal?: AbortSignal },
  ): Promise<DnsProviderConfig | undefined>
  /** Every configured provider whose public zones cover every domain (none: the records are made by hand). */
  covering(domains: readonly string[], options?: { readonly signal?: AbortSignal }): Promise<DnsProviderConfig[]>
}
