import { inject, injectable } from 'tsyringe'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { CertDeckError } from '../../errors.js'
import { AuditLog } from '../../ports/audit-log.js'
import { Clock } from '../../ports/clock.js'
import { Store } from '../../ports/store.js'
import { ValidationRecordChecks } from '../../ports/validation-record-checks.js'
import { CredentialService, findIn } from '../credentials/index.js'
import { findLifecycleTarget, issuerOf } from '../requests/index.js'
import type { StoreData } from '../../domain/store-data.js'
import { automationRenews } from './automation.js'
import { cleanDetails } from './clean-details.js'
import { readDetails, type ReadDetailsOptions, type ReadDetailsSummary } from './details-pass.js'
import { evaluateRenewalHealth, type HealthContext } from './evaluate.js'
import { groupResources, type ResourceGroup, usageSentence } from './resources.js'

/** What uses one ACM certificate, read from ACM just now. */
export interface CertificateUsage {
  readonly arn: string
  readonly region: string
  /** ARNs of the resources using it. */
  readonly inUseBy: readonly string[]
  readonly groups: readonly ResourceGroup[]
  /** "2 load balancers and 1 CloudFront distribution use it". */
  readonly sentence: string
}

/** One cloud certificate with its health and the resources using it (`aws show`). */
export interface CloudCertificateView {
  readonly record: CloudCertificate
  readonly resources: readonly ResourceGroup[]
  readonly usage: string
  /** Set when ACM could not be asked just now: the view shows what the last pass read. */
  readonly staleReason?: string
}

/**
 * The details behind renewal health and impact: runs the background details pass, shows one
 * certificate with fresh details, and tells what uses a certificate before it is revoked or
 * replaced.
 */
@injectable()
export class RenewalDetailsService {
  constructor(
    @inject(Store) private readonly store: Store,
    @inject(CredentialService) private readonly credentials: CredentialService,
    @inject(ValidationRecordChecks) private readonly dns: ValidationRecordChecks,
    @inject(Clock) private readonly clock: Clock,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** The health context of each record of `data` now: whether CertDeck's automation renews it. */
  contextFor(data: Pick<StoreData, 'watchRuns' | 'watchSettings' | 'certificates'>) {
    const now = this.clock.now()
    const renews = automationRenews(data, now)
    return (record: CloudCertificate): HealthContext => ({ now, automation: renews(record) })
  }

  async read(options: ReadDetailsOptions = {}): Promise<ReadDetailsSummary> {
    const summary = await readDetails(
      {
        store: this.store,
        credentials: this.credentials,
        clock: this.clock,
        checkRecords: (records, signal) => this.dns.checkRecords(records, signal),
      },
      options,
    )
    if (!options.arns) {
      await this.audit.append({
        action: 'cloud.read-details',
        ...(options.credential ? { target: options.credential } : {}),
        outcome: 'ok',
        detail: `described ${summary.read}, ${summary.failed} unread, ${summary.throttled} throttled calls retried`,
      })
    }
    return summary
  }

  async show(arn: string, options: { readonly signal?: AbortSignal } = {}): Promise<CloudCertificateView> {
    const known = (await this.store.read()).cloudCertificates.find((c) => c.arn === arn.trim())
    if (!known) {
      throw new CertDeckError(
        'CLOUD_UNKNOWN',
        `CertDeck has not seen ${arn.trim()} yet. Run \`certdeck discover\` with the credential of its account, ` +
          'then `certdeck aws list` for the ARNs.',
      )
    }
    let staleReason: string | undefined
    if (known.store === 'acm') {
      const result = await this.read({ arns: [known.arn], ...(options.signal ? { signal: options.signal } : {}) })
      if (result.read === 0) staleReason = 'ACM could not be asked just now; this is what CertDeck read last.'
    }
    const data = await this.store.read()
    const record = data.cloudCertificates.find((c) => c.arn === known.arn) ?? known
    const inUseBy = record.details?.inUseBy ?? []
    return {
      record: { ...record, health: evaluateRenewalHealth(record, this.contextFor(data)(record)) },
      resources: groupResources(inUseBy),
      usage: record.details ? usageSentence(inUseBy) : record.inUse ? 'in use (not read yet)' : 'nothing uses it',
      ...(staleReason ? { staleReason } : {}),
    }
  }

  async usage(
    ref: string,
    options: { readonly credential?: string; readonly signal?: AbortSignal } = {},
  ): Promise<CertificateUsage> {
    const data = await this.store.read()
    const wanted = ref.trim()
    const known = wanted.startsWith('arn:') ? data.cloudCertificates.find((c) => c.arn === wanted) : undefined
    const target =
      known ??
      (options.credential && wanted.startsWith('arn:')
        ? { arn: wanted, region: wanted.split(':')[3] ?? '', credentialId: findIn(data, options.credential).id }
        : findLifecycleTarget(data, wanted))
    const status = await this.credentials.withSession(target.credentialId, (session) =>
      issuerOf(session).describe(target.region, target.arn, options.signal),
    )
    const details = cleanDetails(status, this.clock.now().toISOString())
    await this.store.update((d) => {
      d.cloudCertificates = d.cloudCertificates.map((c) =>
        c.arn === target.arn
          ? {
              ...c,
              details: { ...details, ...(c.details?.recordChecks ? { recordChecks: c.details.recordChecks } : {}) },
            }
          : c,
      )
    })
    return {
      arn: target.arn,
      region: target.region,
      inUseBy: details.inUseBy,
      groups: groupResources(details.inUseBy),
      sentence: usageSentence(details.inUseBy),
    }
  }
}
