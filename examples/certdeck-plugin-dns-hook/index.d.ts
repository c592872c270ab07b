import type { CertDeckPlugin } from '@certdeck/core'

/** Options of {@link dnsHook}; CertDeck calls the factory without any when it loads the package. */
export interface DnsHookOptions {
  /** Time-out of one script run when the provider's `timeout` setting names none, in ms. @default 60000 */
  readonly timeoutMs?: number
}

/** The plugin: a DNS provider type `hook` that runs the user's add / remove scripts. */
export default function dnsHook(options?: DnsHookOptions): CertDeckPlugin
