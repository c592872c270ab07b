import type { CloudProvider } from './cloud-provider.js'
import type { DnsProviderType } from './dns-provider.js'

/**
 * A CertDeck plugin: a plain object from a factory, with a namespaced name
 * (`certdeck:route53`, `acme-corp:powerdns`). `register` adds capabilities; it must not do I/O
 * beyond reading its own options.
 */
export interface CertDeckPlugin {
  readonly name: string
  register(registry: PluginRegistry): void | Promise<void>
}

/** What a plugin can add. Each id must be unique across plugins. */
export interface PluginRegistry {
  /** A cloud (AWS) that holds and issues certificates. */
  cloudProvider(provider: CloudProvider): void
  /** A kind of DNS provider that can write validation records. */
  dnsProvider(provider: DnsProviderType): void
}
