import type { InjectionToken } from 'tsyringe'
import type { ChallengeEvent } from '../api.js'
import type { DnsProviderConfig } from '../domain/dns-provider-config.js'
import type { DnsRecord } from '../plugins/dns-provider.js'

/**
 * Writes validation records through a configured DNS provider, for the request service. The
 * implementation owns zone detection, de-duplication, batching per zone, rate limiting and the
 * propagation wait (with a time-out). Records stay in place after issuance: ACM renews through them.
 */
export interface DnsChallenges {
  /** The configured provider by name or id; `DNS_PROVIDER_UNKNOWN` naming the known ones. */
  provider(ref: string): Promise<DnsProviderConfig>
  /** The configured provider whose public zones cover every domain, if exactly one does. */
  suggest(
    domains: readonly string[],
    options?: { readonly signal?: AbortSignal },
  ): Promise<DnsProviderConfig | undefined>
  /** Upserts the records (one batch per zone) and resolves once the provider reports them in sync. */
  write(
    providerRef: string,
    records: readonly DnsRecord[],
    options?: {
      readonly signal?: AbortSignal
      readonly onEvent?: (event: ChallengeEvent) => void
      /** How long to wait for the provider to report the records in sync. @default 10 minutes */
      readonly timeoutMs?: number
    },
  ): Promise<void>
}
export const DnsChallenges = Symbol('DnsChallenges') as InjectionToken<DnsChallenges>
