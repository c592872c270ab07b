import { CertDeckError } from '../errors.js'
import type { PluginsStatus } from '../api.js'
import type { Plugins } from '../ports/plugins.js'
import type { CloudProvider } from './cloud-provider.js'
import type { DnsProviderType } from './dns-provider.js'
import type { PluginRegistry } from './plugin.js'

function duplicate(kind: string, id: string, owner: string, by: string): CertDeckError {
  return new CertDeckError(
    'PLUGIN_DUPLICATE_ID',
    `Plugin ${by} registers a ${kind} with id "${id}", which plugin ${owner} already registered. ` +
      'Ids must be unique: remove one of the two plugins from the configuration.',
  )
}

/**
 * Collects what plugins register. Each plugin registers through its own {@link PluginScope};
 * its capabilities become visible only once its `register` succeeded, so a plugin that fails
 * half-way leaves nothing behind.
 */
export class CapabilityRegistry implements Plugins {
  readonly #cloud = new Map<string, { provider: CloudProvider; owner: string }>()
  readonly #dns = new Map<string, { provider: DnsProviderType; owner: string }>()
  readonly #loaded: string[] = []
  readonly #failed: { name: string; error: string }[] = []

  get status(): PluginsStatus {
    return { loaded: [...this.#loaded], failed: this.#failed.map((f) => ({ ...f })) }
  }

  cloudProviders(): readonly CloudProvider[] {
    return [...this.#cloud.values()].map((entry) => entry.provider)
  }

  cloudProvider(id: string): CloudProvider | undefined {
    return this.#cloud.get(id)?.provider
  }

  dnsProviders(): readonly DnsProviderType[] {
    return [...this.#dns.values()].map((entry) => entry.provider)
  }

  dnsProvider(id: string): DnsProviderType | undefined {
    return this.#dns.get(id)?.provider
  }

  /** True when a plugin of this name has loaded. */
  has(name: string): boolean {
    return this.#loaded.includes(name)
  }

  /** A registry for one plugin; call `commit` after its `register` resolved. */
  scope(pluginName: string): PluginScope {
    return new PluginScope(pluginName, this.#cloud, this.#dns, () => this.#loaded.push(pluginName))
  }

  /** Records a plugin that could not be loaded or registered. */
  fail(name: string, error: string): void {
    this.#failed.push({ name, error })
  }
}

/** The {@link PluginRegistry} one plugin sees. */
export class PluginScope implements PluginRegistry {
  readonly #cloud: CloudProvider[] = []
  readonly #dns: DnsProviderType[] = []

  constructor(
    private readonly name: string,
    private readonly cloudMap: Map<string, { provider: CloudProvider; owner: string }>,
    private readonly dnsMap: Map<string, { provider: DnsProviderType; owner: string }>,
    private readonly onCommit: () => void,
  ) {}

  cloudProvider(provider: CloudProvider): void {
    this.#check('cloud provider', provider?.id, this.cloudMap, this.#cloud)
    this.#cloud.push(provider)
  }

  dnsProvider(provider: DnsProviderType): void {
    this.#check('DNS provider', provider?.id, this.dnsMap, this.#dns)
    this.#dns.push(provider)
  }

  /** Makes everything this plugin registered visible. */
  commit(): void {
    for (const provider of this.#cloud) this.cloudMap.set(provider.id, { provider, owner: this.name })
    for (const provider of this.#dns) this.dnsMap.set(provider.id, { provider, owner: this.name })
    this.onCommit()
  }

  #check(
    kind: string,
    id: unknown,
    committed: Map<string, { owner: string }>,
    staged: readonly { id: string }[],
  ): void {
    if (typeof id !== 'string' || id.trim() === '') {
      throw new CertDeckError(
        'PLUGIN_INVALID',
        `Plugin ${this.name} registers a ${kind} without an id; each needs a unique, non-empty id.`,
      )
    }
    const owner = committed.get(id)?.owner ?? (staged.some((p) => p.id === id) ? this.name : undefined)
    if (owner !== undefined) throw duplicate(kind, id, owner, this.name)
  }
}
