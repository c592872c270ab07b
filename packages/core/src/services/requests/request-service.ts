import { inject, injectable } from 'tsyringe'
import type { ChallengeEvent } from '../dns/index.js'
import type { RequestPrivateOptions, RequestPublicOptions, RequestsApi } from './api.js'
import { audited } from '../../audit/audited.js'
import { type CertificateRequest, FINAL_STATES, type ValidationRecord } from '../../domain/certificate-request.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import type { CertificateAuthority } from '../../plugins/certificate-issuer.js'
import type { CloudSession } from '../../plugins/cloud-provider.js'
import { AuditLog } from '../../ports/audit-log.js'
import { Clock } from '../../ports/clock.js'
import { Config } from '../../ports/config.js'
import { DnsChallenges } from '../../ports/dns-challenges.js'
import { Store } from '../../ports/store.js'
import { newId, validateTags } from '../certificates/index.js'
import { checkRegion, CredentialService, findIn, type RegionCheckOptions } from '../credentials/index.js'
import {
  checkAuthority,
  checkKeyAlgorithm,
  checkRequestNames,
  DEFAULT_SAN_QUOTA,
  idempotencyTokenOf,
} from './request-checks.js'
import { findRequest } from './request-lookup.js'
import { ISSUANCE_POLL, pollUntil, RECORDS_POLL } from './request-polling.js'
import { refuseHostileRecords } from './refuse-hostile-records.js'
import { toDnsRecord, transition, uniqueRecords } from './request-state.js'
import { issuerOf, RequestSync } from './request-sync.js'

/** ResendValidationEmail works for 72 hours after the request. */
const EMAIL_WINDOW_MS = 72 * 3600 * 1000

/** What a request needs checked before it is saved and sent. */
type Draft = Omit<
  CertificateRequest,
  'id' | 'state' | 'validations' | 'history' | 'createdAt' | 'updatedAt' | 'idempotencyToken'
>

/**
 * Requests to ACM and their validation (the product's request-status screen). Every input is
 * checked before any AWS call; the request is saved before RequestCertificate is sent (with an
 * IdempotencyToken derived from its id), so a crash or a retry loses nothing and makes no second
 * certificate.
 */
@injectable()
export class RequestService implements RequestsApi {
  constructor(
    @inject(CredentialService) private readonly credentials: CredentialService,
    @inject(RequestSync) private readonly sync: RequestSync,
    @inject(Store) private readonly store: Store,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Clock) private readonly clock: Clock,
    @inject(Config) private readonly config: Config,
    @inject(DnsChallenges, { isOptional: true }) private readonly dns?: DnsChallenges,
  ) {}

  async list(): Promise<CertificateRequest[]> {
    return [...(await this.store.read()).requests].reverse()
  }

  async get(ref: string): Promise<CertificateRequest> {
    return findRequest((await this.store.read()).requests, ref)
  }

  check(options: Pick<RequestPublicOptions, 'domain' | 'sans'>): string[] {
    return [...checkRequestNames(options, this.sanQuota()).problems]
  }

  async requestPublic(options: RequestPublicOptions): Promise<CertificateRequest> {
    const data = await this.store.read()
    const names = this.names(options)
    if (options.validation !== 'DNS' && options.validation !== 'EMAIL') {
      throw new CertDeckError(
        'REQUEST_INVALID',
        `Validation '${String(options.validation)}' is not known. Accepted: DNS, EMAIL.`,
      )
    }
    if (typeof options.dnsProvider === 'string' && options.validation !== 'DNS') {
      throw new CertDeckError(
        'REQUEST_INVALID',
        'A DNS provider writes DNS validation records; EMAIL validation has none. Drop the DNS provider or ' +
          'validate by DNS.',
      )
    }
    const credential = findIn(data, options.credential)
    const draft: Draft = {
      kind: 'public',
      credentialId: credential.id,
      region: this.region(options.region, credential.defaultRegion, options),
      domain: names.domain,
      sans: names.sans,
      validationMethod: options.validation,
      keyAlgorithm: checkKeyAlgorithm(options.keyAlgorithm ?? 'RSA_2048'),
      ...(options.exportable ? { exportable: true } : {}),
      ...(options.tags ? { tags: validateTags(options.tags) } : {}),
    }
    // Last of the checks: choosing a provider may list its zones, a call bad input must not reach.
    const dnsProviderId = await this.chooseDnsProvider(data, options, [names.domain, ...names.sans])
    return this.send(dnsProviderId ? { ...draft, dnsProviderId } : draft, options.signal)
  }

  async requestPrivate(options: RequestPrivateOptions): Promise<CertificateRequest> {
    const data = await this.store.read()
    const names = this.names(options)
    if (
      !options.caArn ||
      !/^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\d{12}:certificate-authority\/[\w-]+$/.test(options.caArn)
    ) {
      throw new CertDeckError(
        'REQUEST_INVALID',
        `'${options.caArn ?? ''}' is not an ACM Private CA ARN ` +
          `(arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID). List them with \`certdeck requests ` +
          `authorities\`.`,
      )
    }
    if (options.keyAlgorithm !== undefined) checkKeyAlgorithm(options.keyAlgorithm)
    const credential = findIn(data, options.credential)
    const region = this.region(options.region, credential.defaultRegion, options)
    const tags = options.tags ? validateTags(options.tags) : undefined
    const { keyAlgorithm } = checkAuthority(
      await this.listAuthorities(credential.id, region, options.signal),
      options.caArn,
      options.keyAlgorithm,
    )
    return this.send(
      {
        kind: 'private',
        credentialId: credential.id,
        region,
        domain: names.domain,
        sans: names.sans,
        caArn: options.caArn,
        keyAlgorithm,
        ...(tags ? { tags } : {}),
      },
      options.signal,
    )
  }

  async authorities(
    credential: string,
    region?: string,
    signal?: AbortSignal,
    options: RegionCheckOptions = {},
  ): Promise<CertificateAuthority[]> {
    const found = findIn(await this.store.read(), credential)
    return (await this.listAuthorities(found.id, this.region(region, found.defaultRegion, options), signal)).filter(
      (a) => a.status === 'ACTIVE',
    )
  }

  async refresh(ref?: string, options: { readonly signal?: AbortSignal } = {}): Promise<CertificateRequest[]> {
    const data = await this.store.read()
    const requests =
      ref === undefined ? data.requests.filter((r) => !FINAL_STATES.has(r.state)) : [findRequest(data.requests, ref)]
    // One request (or credential: removed, say) that cannot be synced does not stop the others; a named one reports it.
    const noteFailure = async (request: CertificateRequest, error: unknown): Promise<CertificateRequest> => {
      if (ref !== undefined || options.signal?.aborted) throw error
      return this.sync.save(request.id, (r) =>
        transition(r, r.state, this.now(), `refresh failed: ${error instanceof Error ? error.message : String(error)}`),
      )
    }
    const results: CertificateRequest[] = []
    for (const credentialId of new Set(requests.map((r) => r.credentialId))) {
      const batch = requests.filter((r) => r.credentialId === credentialId)
      const synced = await this.credentials
        .withSession(credentialId, async (session) => {
          const done: CertificateRequest[] = []
          for (const request of batch)
            done.push(
              await this.sync
                .sync(request, session, options.signal)
                .catch((error: unknown) => noteFailure(request, error)),
            )
          return done
        })
        .catch(async (error: unknown) => {
          const noted: CertificateRequest[] = []
          for (const request of batch) noted.push(await noteFailure(request, error))
          return noted
        })
      results.push(...synced)
    }
    return results
  }

  async deployChallenge(
    ref: string,
    options: {
      readonly dnsProvider?: string
      readonly signal?: AbortSignal
      readonly onEvent?: (event: ChallengeEvent) => void
      readonly allowAnyValidationTarget?: boolean
      readonly awaitIssuance?: boolean
    } = {},
  ): Promise<CertificateRequest> {
    const data = await this.store.read()
    let request = findRequest(data.requests, ref)
    if (request.validationMethod !== 'DNS') {
      throw new CertDeckError(
        'NOT_DNS_VALIDATED',
        `Request ${request.id} (${request.domain}) is validated by ` +
          `${request.kind === 'private' ? 'its private CA' : 'email'}; there is no DNS challenge to deploy.`,
      )
    }
    if (FINAL_STATES.has(request.state)) {
      throw new CertDeckError(
        'REQUEST_FINISHED',
        `Request ${request.id} is ${request.state}; there is nothing to validate.`,
      )
    }
    const dns = this.challenges()
    const providerRef =
      options.dnsProvider ??
      request.dnsProviderId ??
      (await dns.suggest([request.domain, ...request.sans], options.signal ? { signal: options.signal } : {}))?.id
    if (!providerRef) {
      throw new CertDeckError(
        'DNS_PROVIDER_NEEDED',
        `Request ${request.id} has no DNS provider, and no configured one has public zones covering all ` +
          `its names. Give one (--dns-provider NAME), or create the records yourself: \`certdeck requests ` +
          `records ${request.id}\`.`,
      )
    }
    const provider = await dns.provider(providerRef)
    return this.credentials.withSession(request.credentialId, async (session) => {
      request = await this.waitForRecords(request, session, options.signal)
      const records = uniqueRecords(request.validations.filter((v) => v.status !== 'SUCCESS'))
      if (request.state === 'ISSUED' || records.length === 0) return request
      await refuseHostileRecords(this.audit, request, records, {
        allowAnyTarget: options.allowAnyValidationTarget === true,
      })
      return audited(
        this.audit,
        { action: 'request.deploy-challenge', target: request.arn ?? request.id },
        async () => {
          try {
            await dns.write(provider.id, records.map(toDnsRecord), {
              ...(options.signal ? { signal: options.signal } : {}),
              ...(options.onEvent ? { onEvent: options.onEvent } : {}),
            })
          } catch (error) {
            await this.sync.save(request.id, (r) =>
              transition(
                r,
                r.state,
                this.now(),
                `challenge not written: ${error instanceof Error ? error.message : String(error)}; deploy it again`,
              ),
            )
            throw error
          }
          const deployed = await this.sync.save(request.id, (r) =>
            transition(
              { ...r, dnsProviderId: provider.id, challengeDeployedAt: this.now() },
              'PENDING_VALIDATION',
              this.now(),
              `${records.length} record(s) written through ${provider.name}`,
            ),
          )
          if (options.awaitIssuance === false) return deployed
          let current = deployed
          const polled = await pollUntil(
            async () => (current = await this.sync.sync(current, session, options.signal)),
            (r) => FINAL_STATES.has(r.state),
            ISSUANCE_POLL,
            options.signal,
          )
          if (polled.done) return polled.result
          return this.sync.save(request.id, (r) =>
            transition(r, r.state, this.now(), 'records in place; ACM has not validated them yet: refresh later'),
          )
        },
        (r) => `${records.length} record(s) through ${provider.name}; ${r.state}`,
      )
    })
  }

  async records(ref: string): Promise<ValidationRecord[]> {
    const request = findRequest((await this.store.read()).requests, ref)
    if (request.validationMethod !== 'DNS') {
      throw new CertDeckError(
        'NOT_DNS_VALIDATED',
        `Request ${request.id} is not validated by DNS; it has no validation records.`,
      )
    }
    return uniqueRecords(request.validations)
  }

  async resendEmail(
    ref: string,
    options: { readonly domain?: string; readonly signal?: AbortSignal } = {},
  ): Promise<{ readonly emails: readonly string[] }> {
    const request = findRequest((await this.store.read()).requests, ref)
    if (request.validationMethod !== 'EMAIL' || !request.arn) {
      throw new CertDeckError(
        'NOT_EMAIL_VALIDATED',
        `Request ${request.id} is not an email-validated request sent to ACM; there is no validation email to resend.`,
      )
    }
    if (FINAL_STATES.has(request.state)) {
      throw new CertDeckError(
        'REQUEST_FINISHED',
        `Request ${request.id} is ${request.state}; ACM sends validation email only while a request waits ` +
          `for validation.`,
      )
    }
    if (this.clock.now().getTime() - Date.parse(request.createdAt) > EMAIL_WINDOW_MS) {
      throw new CertDeckError(
        'EMAIL_WINDOW_PASSED',
        `Request ${request.id} was made more than 72 hours ago; ACM no longer resends its email. Request ` +
          `the certificate again.`,
      )
    }
    const wanted = options.domain?.toLowerCase()
    const validations = request.validations.filter((v) => !wanted || v.domain.toLowerCase() === wanted)
    if (validations.length === 0) {
      throw new CertDeckError(
        'DOMAIN_UNKNOWN',
        `'${options.domain}' is not a domain of request ${request.id}; its domains: ` +
          `${request.validations.map((v) => v.domain).join(', ')}.`,
      )
    }
    const byValidationDomain = new Map(
      validations.filter((v) => v.status !== 'SUCCESS').map((v) => [v.validationDomain, v]),
    )
    if (byValidationDomain.size === 0) {
      throw new CertDeckError(
        'NOTHING_TO_RESEND',
        `Every domain${wanted ? ` matching '${options.domain}'` : ''} of request ${request.id} is ` +
          `validated already; ACM is issuing it. Check again with \`certdeck requests refresh ` +
          `${request.id}\`.`,
      )
    }
    return audited(
      this.audit,
      { action: 'request.resend-email', target: request.arn },
      () =>
        this.credentials.withSession(request.credentialId, async (session) => {
          const emails: string[] = []
          for (const v of byValidationDomain.values()) {
            await issuerOf(session).resendValidationEmail(
              request.region,
              // Only requests sent to ACM (with an ARN) have validation domains.
              // biome-ignore lint/style/noNonNullAssertion: the invariant above
              request.arn!,
              v.domain,
              v.validationDomain,
              options.signal,
            )
            emails.push(...(v.emails ?? []))
          }
          await this.sync.save(request.id, (r) =>
            transition(
              r,
              r.state,
              this.now(),
              `validation email resent for ${[...byValidationDomain.keys()].join(', ')}`,
            ),
          )
          return { emails: [...new Set(emails)] }
        }),
      (r) => `resent to ${r.emails.length} address(es)`,
    )
  }

  /** Saves the request, sends it, then polls until its validation records are known. */
  private async send(draft: Draft, signal?: AbortSignal): Promise<CertificateRequest> {
    const at = this.now()
    const saved = await this.store.update((data) => {
      const id = newId(data.requests.map((r) => r.id))
      const request: CertificateRequest = {
        ...draft,
        id,
        idempotencyToken: idempotencyTokenOf(id),
        state: 'PENDING_VALIDATION',
        validations: [],
        history: [{ at, state: 'PENDING_VALIDATION', note: 'saved; sending to ACM' }],
        createdAt: at,
        updatedAt: at,
      }
      data.requests.push(request)
      return request
    })
    return audited(
      this.audit,
      { action: `request.${draft.kind}`, target: draft.domain },
      () =>
        this.credentials.withSession(draft.credentialId, async (session) => {
          const sent = await this.sync.submit(saved, session, signal)
          return this.waitForRecords(sent, session, signal)
        }),
      (r) =>
        `request ${r.id} ${r.arn ?? ''} in ${r.region}, ${r.sans.length + 1} name(s), ` +
        `${r.keyAlgorithm}${r.exportable ? ', exportable (charged)' : ''}: ${r.state}`,
    )
  }

  /** Describes with backoff until ACM shows the DNS records (or issues it); bounded, honours `signal`. */
  private async waitForRecords(
    request: CertificateRequest,
    session: CloudSession,
    signal?: AbortSignal,
  ): Promise<CertificateRequest> {
    const known = (r: CertificateRequest) =>
      FINAL_STATES.has(r.state) ||
      r.validationMethod !== 'DNS' ||
      (r.validations.length > 0 && r.validations.every((v) => v.record || v.status === 'SUCCESS'))
    let current = request
    const { result } = await pollUntil(
      async () => (current = await this.sync.sync(current, session, signal)),
      known,
      RECORDS_POLL,
      signal,
    )
    return result
  }

  private listAuthorities(credentialId: string, region: string, signal?: AbortSignal): Promise<CertificateAuthority[]> {
    return this.credentials.withSession(credentialId, (session) => issuerOf(session).listAuthorities(region, signal))
  }

  private names(options: Pick<RequestPublicOptions, 'domain' | 'sans'>): { domain: string; sans: readonly string[] } {
    const names = checkRequestNames(options, this.sanQuota())
    if (names.problems.length > 0) throw new CertDeckError('REQUEST_INVALID', names.problems.join(' '))
    return names
  }

  private region(region: string | undefined, fallback: string | undefined, options: RegionCheckOptions = {}): string {
    return checkRegion(region ?? fallback ?? 'us-east-1', this.credentials.knownRegions(), options)
  }

  /** The named provider; else, for DNS validation, the one whose zones cover every name; `false`: none. */
  private async chooseDnsProvider(
    data: StoreData,
    options: RequestPublicOptions,
    names: readonly string[],
  ): Promise<string | undefined> {
    if (options.validation !== 'DNS' || options.dnsProvider === false) return undefined
    if (options.dnsProvider !== undefined) return (await this.dnsProvider(data, options.dnsProvider)).id
    return (await this.dns?.suggest(names, options.signal ? { signal: options.signal } : {}))?.id
  }

  private async dnsProvider(data: StoreData, ref: string): Promise<{ id: string }> {
    if (this.dns) return this.dns.provider(ref)
    const found = data.dnsProviders.find((p) => p.name === ref) ?? data.dnsProviders.find((p) => p.id === ref)
    if (found) return found
    const known = data.dnsProviders.map((p) => p.name)
    throw new CertDeckError(
      'DNS_PROVIDER_UNKNOWN',
      `No DNS provider is named "${ref}". ` +
        `${known.length ? `Known: ${known.join(', ')}.` : 'There are none yet: add one with `certdeck dns add`.'}`,
    )
  }

  private challenges(): DnsChallenges {
    if (!this.dns)
      throw new CertDeckError('NOT_AVAILABLE', 'Writing DNS records needs the DNS service, which is not loaded.', {
        kind: 'failure',
      })
    return this.dns
  }

  private sanQuota(): number {
    return this.config.sanQuota ?? DEFAULT_SAN_QUOTA
  }

  private now(): string {
    return this.clock.now().toISOString()
  }
}
