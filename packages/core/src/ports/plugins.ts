import type { InjectionToken } from 'tsyringe'
import type { PluginsStatus } from '../api.js'
import type { CloudProvider } from '../plugins/cloud-provider.js'
import type { DnsProviderType } from '../plugins/dns-provider.js'

/** The capabilities the loaded plugins registered, for the services that use them. */
export interface Plugins {
  /** Which plugins loaded and which failed (with the cause). */
  readonly status: PluginsStatus
  /** Every registered cloud provider, in registration order. */
  cloudProviders(): readonly CloudProvider[]
  /** The cloud provider with this id, if one is registered. */
  cloudProvider(id: string): CloudProvider | undefined
  /** Every registered DNS provider, in registration order. */
  dnsProviders(): readonly DnsProviderType[]
  /** The DNS provider with this id, if one is registered. */
  dnsProvider(id: string): DnsProviderType | undefined
}
export const Plugins = Symbol('Plugins') as InjectionToken<Plugins>
