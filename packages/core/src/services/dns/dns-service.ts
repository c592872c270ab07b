import { inject, injectable } from 'tsyringe'
import type { AddDnsProviderOptions, ChallengeEvent, DnsApi } from './api.js'
import { audited } from '../../audit/audited.js'
import type { DnsProviderConfig } from '../../domain/dns-provider-config.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import type { DnsProvider, DnsProviderType, DnsRecord, DnsZone } from '../../plugins/dns-provider.js'
import { AuditLog } from '../../ports/audit-log.js'
import type { DnsChallenges } from '../../ports/dns-challenges.js'
import type { ValidationRecordChecks } from '../../ports/validation-record-checks.js'
import { Plugins } from '../../ports/plugins.js'
import { Store } from '../../ports/store.js'
import { newId } from '../certificates/index.js'
import { CredentialService, findIn } from '../credentials/index.js'
import { checkDnsOptions, knownType, typeList, ZONE_ID_SETTING } from './dns-provider-rules.js'
import { DNS_SYNC_TIMEOUT_MS } from './dns-wait.js'
import { writeRecords } from './dns-write.js'
import { detectZone } from './dns-zones.js'
import { FINAL_STATES } from '../../domain/certificate-request.js'
import { TokenBucket } from '../shared/index.js'
import type { ValidationRecord } from '../../domain/certificate-request.js'
import type { ValidationRecordCheck } from '../../domain/renewal-health.js'
import { checkValidationRecords, type LookupSource } from './record-checks.js'

/** Calls per second core allows one configured provider (a backstop: plugins keep their own quotas). */
const DNS_CALLS_PER_SECOND = 5

/**
 * Configured DNS providers (the DNS tab) and the writing of validation records for the request
 * service. Core owns zone detection, de-duplication, batching per zone, a rate limit per
 * configured provider and the propagation wait. There is deliberately no way to delete a
 * validation record: ACM renews through it, so it stays after issuance.
 */
@injectable()
export class DnsService implements DnsApi, DnsChallenges, ValidationRecordChecks {
  private readonly limiters = new Map<string, TokenBucket>()

  constructor(
    @inject(Store) private readonly store: Store,
    @inject(Plugins) private readonly plugins: Plugins,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(CredentialService) private readonly credentials: CredentialService,
  ) {}

  async providers(): Promise<DnsProviderConfig[]> {
    return [...(await this.store.read()).dnsProviders].sort((a, b) => a.name.localeCompare(b.name))
  }

  types(): readonly DnsProviderType[] {
    return this.plugins.dnsProviders()
  }

  async add(options: AddDnsProviderOptions): Promise<DnsProviderConfig> {
    const type = knownType(this.types(), options.type)
    checkDnsOptions(options, type)
    const settings = type.normalize ? type.normalize({ ...options.settings }) : { ...options.settings }
    return audited(
      this.audit,
      { action: 'dns.add', target: options.name },
      () =>
        this.store.update((data) => {
          if (data.dnsProviders.some((p) => p.name === options.name)) {
            throw new CertDeckError(
              'DNS_PROVIDER_EXISTS',
              `A DNS provider named "${options.name}" already exists. Choose another name, or remove it ` +
                `first (certdeck dns remove ${options.name}).`,
            )
          }
          const credential = options.credential === undefined ? undefined : findIn(data, options.credential)
          const created: DnsProviderConfig = {
            id: newId(data.dnsProviders.map((p) => p.id)),
            providerId: type.id,
            name: options.name,
            settings,
            ...(credential ? { credentialId: credential.id } : {}),
          }
          data.dnsProviders.push(created)
          return created
        }),
      (created) => created.providerId,
    )
  }

  async test(
    name: string,
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<{ readonly zones: readonly DnsZone[] }> {
    const config = await this.provider(name)
    const provider = await this.instance(config)
    const zones = await this.limited(config, () => provider.listZones(options.signal), options.signal)
    const pinned = config.settings[ZONE_ID_SETTING]
    if (pinned !== undefined && !zones.some((z) => z.id === pinned)) {
      throw new CertDeckError(
        'DNS_ZONE_NOT_FOUND',
        `DNS provider "${name}" answers, but its pinned zone id ${pinned} is not among its zones ` +
          `(${zones.map((z) => `${z.name} ${z.id}`).join(', ') || 'none'}).`,
        { kind: 'failure' },
      )
    }
    return { zones }
  }

  async remove(name: string): Promise<void> {
    await audited(this.audit, { action: 'dns.remove', target: name }, () =>
      this.store.update((data) => {
        const config = findProvider(data, name)
        const pending = data.requests.filter((r) => r.dnsProviderId === config.id && !FINAL_STATES.has(r.state))
        if (pending.length > 0) {
          throw new CertDeckError(
            'DNS_PROVIDER_IN_USE',
            `DNS provider "${name}" is used by ${pending.length} unfinished request(s): ${pending
              .slice(0, 3)
              .map((r) => `${r.id} (${r.domain}, ${r.state})`)
              .join(', ')}. Wait until they are issued or failed, then remove the provider.`,
          )
        }
        data.dnsProviders = data.dnsProviders.filter((p) => p.id !== config.id)
      }),
    )
  }

  async suggest(
    domains: readonly string[],
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<DnsProviderConfig | undefined> {
    const covering = await this.covering(domains, options)
    return covering.length === 1 ? covering[0] : undefined
  }

  async covering(
    domains: readonly string[],
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<DnsProviderConfig[]> {
    // Every provider is asked at once: each answer is a network call of its own.
    const configs = await this.providers()
    const covers = await Promise.all(configs.map((config) => this.covers(config, domains, options.signal)))
    return configs.filter((_, i) => covers[i])
  }

  async provider(ref: string): Promise<DnsProviderConfig> {
    return findProvider(await this.store.read(), ref)
  }

  async write(
    providerRef: string,
    records: readonly DnsRecord[],
    options: {
      readonly signal?: AbortSignal
      readonly onEvent?: (event: ChallengeEvent) => void
      readonly timeoutMs?: number
    } = {},
  ): Promise<void> {
    const config = await this.provider(providerRef)
    const provider = await this.instance(config)
    const { signal } = options
    await audited(
      this.audit,
      { action: 'dns.write', target: config.name },
      () =>
        writeRecords(
          {
            config,
            provider,
            limited: (call) => this.limited(config, call, signal),
            timeoutMs: options.timeoutMs ?? DNS_SYNC_TIMEOUT_MS,
            ...(signal ? { signal } : {}),
            ...(options.onEvent ? { onEvent: options.onEvent } : {}),
          },
          records,
        ),
      (done) => `${done.records} record(s) in ${done.zones.join(', ') || 'no zone'}`,
    )
  }

  /**
   * Looks up validation CNAMEs through the configured providers that can read records back
   * (renewal health): `present`, `missing`, or `unknown` when no such provider covers a name.
   */
  async checkRecords(records: readonly ValidationRecord[], signal?: AbortSignal): Promise<ValidationRecordCheck[]> {
    const sources = (await this.providers()).map(
      (config): LookupSource => ({
        name: config.name,
        ...(config.settings[ZONE_ID_SETTING] ? { pinnedZoneId: config.settings[ZONE_ID_SETTING] } : {}),
        provider: () => this.instance(config),
        limited: (call) => this.limited(config, call, signal),
      }),
    )
    return checkValidationRecords(records, sources, signal)
  }

  /** True when the provider's public zones cover every domain (its pinned zone, when set). */
  private async covers(config: DnsProviderConfig, domains: readonly string[], signal?: AbortSignal): Promise<boolean> {
    try {
      const provider = await this.instance(config)
      const zones = await this.limited(config, () => provider.listZones(signal), signal)
      const pinnedZoneId = config.settings[ZONE_ID_SETTING]
      for (const domain of domains)
        detectZone(domain.replace(/^\*\./, ''), zones, { publicOnly: true, ...(pinnedZoneId ? { pinnedZoneId } : {}) })
      return true
    } catch {
      signal?.throwIfAborted()
      // A provider that cannot answer or does not cover a name is simply not a suggestion.
      return false
    }
  }

  /** Builds the configured provider; the credential's secrets are opened only for it. */
  private async instance(config: DnsProviderConfig): Promise<DnsProvider> {
    const type = this.plugins.dnsProvider(config.providerId)
    if (!type) {
      throw new CertDeckError(
        'DNS_TYPE_UNAVAILABLE',
        `DNS provider "${config.name}" is of type ${config.providerId}, which no loaded plugin offers ` +
          `(loaded: ${typeList(this.types())}). ` +
          'Load its plugin (config.json "plugins"), or remove the provider.',
        { kind: 'failure' },
      )
    }
    const credential =
      config.credentialId === undefined ? undefined : await this.credentials.resolved(config.credentialId)
    return type.create({ name: config.name, settings: config.settings, ...(credential ? { credential } : {}) })
  }

  private async limited<T>(config: DnsProviderConfig, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let bucket = this.limiters.get(config.id)
    if (!bucket) {
      bucket = new TokenBucket(DNS_CALLS_PER_SECOND)
      this.limiters.set(config.id, bucket)
    }
    await bucket.take(signal)
    return call()
  }
}

/** A configured provider by name, else by id; `DNS_PROVIDER_UNKNOWN` naming the known ones. */
function findProvider(data: StoreData, ref: string): DnsProviderConfig {
  const found = data.dnsProviders.find((p) => p.name === ref) ?? data.dnsProviders.find((p) => p.id === ref)
  if (found) return found
  const known = data.dnsProviders.map((p) => p.name)
  throw new CertDeckError(
    'DNS_PROVIDER_UNKNOWN',
    `No DNS provider is named "${ref}". ` +
      `${known.length ? `Known: ${known.join(', ')}.` : 'There are none yet: add one with `certdeck dns add`.'}`,
  )
}
