import { inject, injectable } from 'tsyringe'
import type {
  CloudApi,
  DiscoverOptions,
  DiscoveryEvent,
  DiscoverySummary,
  ImportBodiesOptions,
  ImportBodiesSummary,
} from './api.js'
import type { CloudCertificate, CloudCertificateKind } from '../../domain/cloud-certificate.js'
import type { Credential } from '../../domain/credential.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import type { CloudCertificateStore, CloudCertificateSummary, CloudSession } from '../../plugins/cloud-provider.js'
import { AuditLog } from '../../ports/audit-log.js'
import { CertificateEvents } from '../../ports/certificate-events.js'
import { Clock } from '../../ports/clock.js'
import { Config } from '../../ports/config.js'
import { Plugins } from '../../ports/plugins.js'
import { Store } from '../../ports/store.js'
import { certificateFacts } from '../../x509/facts.js'
import { importBodies, WITHOUT_BODY } from './body-import.js'
import { forEachLimit } from '../shared/index.js'
import { AWS_PROVIDER_ID, CredentialService, findIn, regionsOf } from '../credentials/index.js'
import { addDiscoveredCertificates, fingerprintIndex, type DiscoveredBody } from './discovered-certificates.js'
import { accountOfArn, mergeDiscovery, bodyStillValid, type BodyFacts, type SliceOutcome } from './discovery-merge.js'
import { applyDrift } from './drift-pass.js'
import { adoptOutsideRenewals, followsCloudRenewals, markOutsideRenewals } from './outside-renewals.js'
import { cloudExpiring } from './cloud-expiry.js'
import {
  type CloudCertificateView,
  isRenewalFilter,
  type ReadDetailsOptions,
  type ReadDetailsSummary,
  RENEWAL_FILTERS,
  RenewalDetailsService,
  withRenewalHealth,
} from '../renewal-health/index.js'

/** Slices (store × region) scanned at once. */
const SLICE_CONCURRENCY = 12
/** Bodies fetched at once within one slice (the store's limiter keeps the quota). */
const BODY_CONCURRENCY = 10

/** `--kind` names: the product's words and ACM's own. */
const KIND_NAMES: Readonly<Record<string, CloudCertificateKind>> = {
  public: 'AMAZON_ISSUED',
  amazon_issued: 'AMAZON_ISSUED',
  private: 'PRIVATE',
  imported: 'IMPORTED',
}

interface Slice {
  readonly credential: Credential
  readonly session: CloudSession
  readonly store: CloudCertificateStore
  readonly region: string
}

/**
 * Discovery (the AWS tab, headless): lists every region of every credential in parallel plus
 * IAM once, fetches bodies only where needed (deployed certificates, candidates for linking,
 * IAM), links cloud copies to repository certificates by fingerprint, enters new bodies into the
 * repository as `discovered`, and judges drift — all committed in one store update per run.
 */
@injectable()
export class DiscoveryService implements CloudApi {
  constructor(
    @inject(CredentialService) private readonly credentials: CredentialService,
    @inject(Store) private readonly store: Store,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Clock) private readonly clock: Clock,
    @inject(Config) private readonly config: Config,
    @inject(Plugins) private readonly plugins: Plugins,
    @inject(CertificateEvents) private readonly events: CertificateEvents,
    @inject(RenewalDetailsService) private readonly details: RenewalDetailsService,
  ) {}

  readDetails(options?: ReadDetailsOptions): Promise<ReadDetailsSummary> {
    return this.details.read(options)
  }

  show(arn: string, options?: { readonly signal?: AbortSignal }): Promise<CloudCertificateView> {
    return this.details.show(arn, options)
  }

  usage(ref: string, options?: { readonly credential?: string; readonly signal?: AbortSignal }) {
    return this.details.usage(ref, options)
  }

  regions(): readonly string[] {
    return this.config.regions ?? this.plugins.cloudProvider(AWS_PROVIDER_ID)?.regions ?? []
  }

  async discover(options: DiscoverOptions = {}): Promise<DiscoverySummary> {
    const before = await this.store.read()
    const credentials = options.credential ? [findIn(before, options.credential)] : before.credentials
    if (credentials.length === 0) {
      throw new CertDeckError(
        'NO_CREDENTIALS',
        'There is no AWS credential to discover with. Add one with `certdeck credentials add`.',
      )
    }
    const regions = regionsOf(
      options.regions,
      this.regions(),
      this.plugins.cloudProvider(AWS_PROVIDER_ID)?.regions,
      options,
    )
    const emit = (event: DiscoveryEvent) => options.onEvent?.(event)
    const sessions = await Promise.all(credentials.map((c) => this.credentials.open(c.id)))
    try {
      const slices = sessions.flatMap(({ credential, session }) =>
        session.stores.flatMap((store): Slice[] =>
          store.scope === 'regional'
            ? regions.map((region) => ({ credential, session, store, region }))
            : options.iam === false
              ? []
              : [{ credential, session, store, region: 'global' }],
        ),
      )
      const plan = new BodyPlan(before)
      const outcomes: SliceOutcome[] = []
      const fetched: DiscoveredBody[] = []
      await forEachLimit(
        slices,
        SLICE_CONCURRENCY,
        async (slice) => {
          const key = {
            credentialId: slice.credential.id,
            store: slice.store.kind,
            region: slice.region,
            ...(slice.credential.accountId ? { accountId: slice.credential.accountId } : {}),
          }
          emit({ type: 'region-start', region: slice.region, credential: slice.credential.name })
          try {
            const summaries = await slice.store.list(slice.region, options.signal)
            const bodies = await this.fetchBodies(slice, plan.needed(slice.store, summaries), fetched, options.signal)
            const accountId = key.accountId ?? summaries.map((s) => accountOfArn(s.arn)).find(Boolean)
            outcomes.push({ ...key, ...(accountId ? { accountId } : {}), ok: true, summaries, bodies })
            emit({
              type: 'region-done',
              region: slice.region,
              credential: slice.credential.name,
              found: summaries.length,
            })
          } catch (error) {
            if (options.signal?.aborted) throw error
            const message = error instanceof Error ? error.message : String(error)
            const code = error instanceof CertDeckError ? error.code : 'INTERNAL'
            outcomes.push({ ...key, ok: false, error: message, code })
            emit({
              type: 'region-failed',
              region: slice.region,
              credential: slice.credential.name,
              error: message,
              code,
            })
          }
        },
        options.signal,
      )
      return await this.commit(credentials, outcomes, fetched)
    } finally {
      for (const { session } of sessions) session.close?.()
    }
  }

  async importBodies(options: ImportBodiesOptions = {}): Promise<ImportBodiesSummary> {
    const summary = await importBodies({ store: this.store, credentials: this.credentials, clock: this.clock }, options)
    await this.audit.append({
      action: 'cloud.import-bodies',
      ...(options.credential ? { target: options.credential } : {}),
      outcome: 'ok',
      detail: `read ${summary.fetched} bodies, added ${summary.added} certificates, ${summary.failed} unread`,
    })
    return summary
  }

  async list(
    filter: { kind?: string; region?: string; drift?: boolean; renewal?: string } = {},
  ): Promise<CloudCertificate[]> {
    if (filter.renewal !== undefined && !isRenewalFilter(filter.renewal)) {
      throw new CertDeckError(
        'RENEWAL_FILTER',
        `"${filter.renewal}" is not a renewal health to filter on. Accepted: ${RENEWAL_FILTERS.join(', ')}.`,
      )
    }
    let data = await this.store.read()
    const withoutArn = data.cloudCertificates.filter((c) => !c.arn)
    if (withoutArn.length > 0) data = await this.rediscover(data, withoutArn)
    const kind = filter.kind === undefined ? undefined : KIND_NAMES[filter.kind.toLowerCase()]
    if (filter.kind !== undefined && !kind) {
      throw new CertDeckError(
        'KIND',
        `"${filter.kind}" is not a kind of cloud certificate. Accepted: public (Amazon-issued), private, imported.`,
      )
    }
    const context = this.details.contextFor(data)
    return data.cloudCertificates
      .filter(
        (c) =>
          (!kind || c.kind === kind) &&
          (!filter.region || c.region === filter.region) &&
          (!filter.drift || c.drift !== undefined),
      )
      .map((c) => withRenewalHealth(c, context(c)))
      .filter((c) => !filter.renewal || c.health?.state === filter.renewal)
      .sort(
        (a, b) => a.region.localeCompare(b.region) || a.domain.localeCompare(b.domain) || a.arn.localeCompare(b.arn),
      )
  }

  async expiring(days: number): Promise<CloudCertificate[]> {
    return cloudExpiring(await this.list(), this.clock.now(), days)
  }

  /** Records written without an ARN (an older schema) are scanned again before anything uses them. */
  private async rediscover(data: StoreData, records: readonly CloudCertificate[]): Promise<StoreData> {
    const pairs = new Map<string, Set<string>>()
    for (const record of records) {
      const regions = pairs.get(record.credentialId) ?? new Set<string>()
      regions.add(record.region)
      pairs.set(record.credentialId, regions)
    }
    for (const [credentialId, regions] of pairs) {
      if (!data.credentials.some((c) => c.id === credentialId)) continue
      const acm = [...regions].filter((r) => r !== 'global')
      // These regions were accepted once: a region the provider no longer lists still answers for its records.
      await this.discover({
        credential: credentialId,
        regions: acm.length ? acm : this.regions().slice(0, 1),
        iam: regions.has('global'),
        allowUnknownRegion: true,
      })
    }
    // Whatever could not be re-discovered (its credential is gone) cannot be acted on: drop it.
    await this.store.update((d) => {
      d.cloudCertificates = d.cloudCertificates.filter((c) => c.arn)
    })
    return this.store.read()
  }

  private async fetchBodies(
    slice: Slice,
    needed: readonly CloudCertificateSummary[],
    fetched: DiscoveredBody[],
    signal?: AbortSignal,
  ): Promise<Map<string, BodyFacts>> {
    const bodies = new Map<string, BodyFacts>()
    await forEachLimit(
      needed,
      BODY_CONCURRENCY,
      async (summary) => {
        try {
          const body = await slice.store.get(slice.region, summary.arn, signal)
          const facts = certificateFacts(body.pem, summary.arn)
          bodies.set(summary.arn, facts)
          fetched.push({ arn: summary.arn, pem: body.pem, chainPem: body.chainPem, facts })
        } catch (error) {
          // One body that cannot be fetched leaves that record without a fingerprint until the
          // next run; it does not fail the region.
          if (signal?.aborted) throw error
        }
      },
      signal,
    )
    return bodies
  }

  private async commit(
    credentials: readonly Credential[],
    outcomes: readonly SliceOutcome[],
    fetched: readonly DiscoveredBody[],
  ): Promise<DiscoverySummary> {
    const now = this.clock.now()
    const { counts, renewed } = await this.store.update((data) => {
      const deployedArns = new Set(data.deployments.flatMap((d) => (d.arn ? [d.arn] : [])))
      const outside = adoptOutsideRenewals(data, fetched, deployedArns, now)
      addDiscoveredCertificates(data, fetched, now)
      const merged = mergeDiscovery(data, outcomes, now, fingerprintIndex(data.certificates))
      applyDrift(data, outcomes, now)
      markOutsideRenewals(data, outside.drift, now)
      recordScans(data, outcomes, now)
      return { counts: merged, renewed: outside.renewed }
    })
    // Auto-redeploy and anything else listening follows a renewal ACM made by itself.
    for (const certificate of renewed) await this.events.newVersion(certificate)
    const failedRegions = outcomes
      .filter((o): o is Extract<SliceOutcome, { ok: false }> => !o.ok)
      .map((o) => ({
        region: o.region,
        code: o.code,
        error: o.error,
        credential: credentials.find((c) => c.id === o.credentialId)?.name ?? o.credentialId,
      }))
    const summary: DiscoverySummary = { ...counts, failedRegions }
    await this.audit.append({
      action: 'cloud.discover',
      target: credentials.map((c) => c.name).join(','),
      outcome: failedRegions.length > 0 && failedRegions.length === outcomes.length ? 'failed' : 'ok',
      detail:
        `found ${counts.found}, new ${counts.new}, changed ${counts.changed}, gone ${counts.gone}, failed ` +
        `regions ${failedRegions.length}`,
    })
    return summary
  }
}

/** Decides which bodies a run fetches, from what the repository and the last run know. */
class BodyPlan {
  private readonly deployedArns: Set<string>
  private readonly previous = new Map<string, CloudCertificate>()
  /** Local versions by expiry second: a cloud certificate expiring at the same second may be one of them. */
  private readonly expiries = new Map<number, string[]>()

  constructor(data: StoreData) {
    this.deployedArns = new Set(data.deployments.flatMap((d) => (d.arn ? [d.arn] : [])))
    for (const record of data.cloudCertificates) if (record.arn) this.previous.set(record.arn, record)
    for (const certificate of data.certificates) {
      for (const version of [certificate, ...certificate.versions]) {
        const second = Math.floor(Date.parse(version.notAfter) / 1000)
        const names = this.expiries.get(second) ?? []
        names.push(version.commonName.toLowerCase(), ...version.sans.map((s) => s.toLowerCase()))
        this.expiries.set(second, names)
      }
    }
  }

  /** The summaries whose body this run must fetch. */
  needed(store: CloudCertificateStore, summaries: readonly CloudCertificateSummary[]): CloudCertificateSummary[] {
    return summaries.filter((s) => {
      if (WITHOUT_BODY.has(s.status)) return false
      // Deployed copies are always read: drift is their point.
      if (this.deployedArns.has(s.arn)) return true
      if (bodyStillValid(this.previous.get(s.arn), s)) return false
      // A linked certificate ACM renewed: its new body becomes the entry's next version.
      if (followsCloudRenewals(this.previous.get(s.arn), this.deployedArns)) return true
      if (store.scope === 'global') return true
      return this.mayBeLocal(s)
    })
  }

  private mayBeLocal(s: CloudCertificateSummary): boolean {
    if (!s.notAfter) return false
    const names = this.expiries.get(Math.floor(Date.parse(s.notAfter) / 1000))
    return names?.includes(s.domain.toLowerCase()) ?? false
  }
}

function recordScans(data: StoreData, outcomes: readonly SliceOutcome[], now: Date): void {
  const at = now.toISOString()
  for (const outcome of outcomes) {
    const index = data.regionScans.findIndex(
      (s) => s.credentialId === outcome.credentialId && s.region === outcome.region,
    )
    const previous =
      index >= 0 ? data.regionScans[index] : { credentialId: outcome.credentialId, region: outcome.region }
    const next = outcome.ok
      ? { credentialId: previous.credentialId, region: previous.region, lastSuccessAt: at }
      : { ...previous, lastFailureAt: at, lastError: outcome.error }
    if (index >= 0) data.regionScans[index] = next
    else data.regionScans.push(next)
    if (outcome.ok && outcome.accountId) {
      data.credentials = data.credentials.map((c) =>
        c.id === outcome.credentialId && !c.accountId ? { ...c, accountId: outcome.accountId } : c,
      )
    }
  }
}
