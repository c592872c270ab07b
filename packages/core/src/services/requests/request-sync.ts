import { inject, injectable } from 'tsyringe'
import type { CertificateRequest } from '../../domain/certificate-request.js'
import { CertDeckError, isCertDeckError } from '../../errors.js'
import type { CertificateIssuer, IssuedStatus } from '../../plugins/certificate-issuer.js'
import type { CloudCertificateStore, CloudSession } from '../../plugins/cloud-provider.js'
import { AuditLog } from '../../ports/audit-log.js'
import { CertificateEvents } from '../../ports/certificate-events.js'
import { Clock } from '../../ports/clock.js'
import { Store } from '../../ports/store.js'
import { certificateFacts } from '../../x509/facts.js'
import { enterIssuedBody, putRequest, upsertRequestedCloudRecord } from './request-records.js'
import { stateOf, transition } from './request-state.js'

/** The issuer of a session; `NO_ISSUER` when the loaded cloud plugin cannot request certificates. */
export function issuerOf(session: CloudSession): CertificateIssuer {
  if (!session.issuer) {
    throw new CertDeckError(
      'NO_ISSUER',
      'The loaded AWS plugin cannot request, renew, revoke or export certificates.',
      { kind: 'failure' },
    )
  }
  return session.issuer
}

/** The ACM store of a session, to read issued bodies. */
export function acmStoreOf(session: CloudSession): CloudCertificateStore {
  const store = session.stores.find((s) => s.kind === 'acm')
  if (!store)
    throw new CertDeckError('NO_ACM_STORE', 'The loaded AWS plugin cannot read ACM certificates.', { kind: 'failure' })
  return store
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Brings requests in line with ACM: sends a saved request that has no ARN yet (same
 * IdempotencyToken, so ACM answers with the ARN of a call that did reach it), describes it, and
 * once ACM has issued it, enters the body into the repository, links the AWS tab's record and
 * tells the auto-redeploy listeners of a new version.
 */
@injectable()
export class RequestSync {
  constructor(
    @inject(Store) private readonly store: Store,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Clock) private readonly clock: Clock,
    @inject(CertificateEvents) private readonly events: CertificateEvents,
  ) {}

  /** Writes `change(request)` for the request of that id, under the store lock. */
  async save(id: string, change: (request: CertificateRequest) => CertificateRequest): Promise<CertificateRequest> {
    return this.store.update((data) => {
      const current = data.requests.find((r) => r.id === id)
      if (!current)
        throw new CertDeckError('REQUEST_UNKNOWN', `Request ${id} is no longer in the repository.`, { kind: 'failure' })
      return putRequest(data, change(current))
    })
  }

  /**
   * RequestCertificate for a saved request. A refusal (bad input, quota) makes it FAILED with the
   * reason; a failure that may pass (throttling, network) leaves it PENDING_VALIDATION with a
   * note, to be sent again by refresh. Either way the error is re-thrown.
   */
  async submit(request: CertificateRequest, session: CloudSession, signal?: AbortSignal): Promise<CertificateRequest> {
    const issuer = issuerOf(session)
    try {
      const arn = await issuer.request(
        request.region,
        {
          kind: request.kind,
          domain: request.domain,
          sans: request.sans,
          keyAlgorithm: (request.keyAlgorithm ?? 'RSA_2048') as 'RSA_2048',
          // biome-ignore lint/style/noNonNullAssertion: every request is stored with its token before it is sent
          idempotencyToken: request.idempotencyToken!,
          ...(request.validationMethod ? { validationMethod: request.validationMethod } : {}),
          ...(request.caArn ? { caArn: request.caArn } : {}),
          ...(request.exportable ? { exportable: true } : {}),
          ...(request.tags ? { tags: request.tags } : {}),
        },
        signal,
      )
      return await this.save(request.id, (r) =>
        transition({ ...r, arn }, r.state, this.now(), `ACM accepted the request: ${arn}`),
      )
    } catch (error) {
      const at = this.now()
      // Bad input and a quota need a changed request; anything else (throttling, a denied policy
      // since fixed, the network) may pass when the same request is sent again.
      const refused = isCertDeckError(error) && (error.kind === 'input' || error.code === 'AWS_QUOTA_EXCEEDED')
      await this.save(request.id, (r) =>
        refused
          ? { ...transition(r, 'FAILED', at, 'ACM refused the request'), failureReason: message(error) }
          : transition(
              r,
              'PENDING_VALIDATION',
              at,
              `not sent: ${message(error)}; \`certdeck requests refresh ${r.id}\` sends it again`,
            ),
      ).catch(() => undefined)
      throw error
    }
  }

  /** Describes the request in ACM and applies the answer (see {@link apply}). */
  async sync(request: CertificateRequest, session: CloudSession, signal?: AbortSignal): Promise<CertificateRequest> {
    if (!request.arn) return this.submit(request, session, signal).then((sent) => this.sync(sent, session, signal))
    const status = await issuerOf(session).describe(request.region, request.arn, signal)
    return this.apply(request, status, session, signal)
  }

  /**
   * Applies ACM's answer: validations, state and history; an issued body (a renewal: a body with
   * a new serial) enters the repository, and a new version fires the auto-redeploy listeners.
   */
  async apply(
    request: CertificateRequest,
    status: IssuedStatus,
    session: CloudSession,
    signal?: AbortSignal,
  ): Promise<CertificateRequest> {
    const renewal = request.purpose === 'renewal'
    const issued =
      (status.status === 'ISSUED' || status.status === 'EXPIRED') &&
      (!renewal || (await this.renewedSerial(request, status)))
    if (!issued && renewal && status.renewalStatus === 'FAILED') {
      const saved = await this.save(request.id, (r) => ({
        ...transition(r, 'FAILED', this.now(), 'ACM could not renew it'),
        failureReason:
          status.failureReason ?? 'ACM reported the renewal FAILED; the current certificate stays in place.',
      }))
      await this.record(saved)
      return saved
    }
    const fetched = issued ? await acmStoreOf(session).get(request.region, status.arn, signal) : undefined
    const body = fetched && {
      arn: status.arn,
      pem: fetched.pem,
      chainPem: fetched.chainPem,
      facts: certificateFacts(fetched.pem, status.arn),
    }
    const now = this.now()
    // The body, the AWS tab's record and the request's new state are one write.
    const { saved, entered } = await this.store.update((data) => {
      const entered = body && enterIssuedBody(data, body, now, renewal ? request.certificateId : undefined)
      upsertRequestedCloudRecord(
        data,
        request,
        status,
        now,
        body && entered ? { facts: body.facts, certificateId: entered.certificate.id } : undefined,
      )
      const state = stateOf(request, status, entered !== undefined)
      const note = entered
        ? entered.outcome === 'renewed'
          ? `version ${entered.certificate.version} of certificate ${entered.certificate.id}`
          : `certificate ${entered.certificate.id} in the repository`
        : state === 'FAILED' || state === 'VALIDATION_TIMED_OUT'
          ? (status.failureReason ?? `ACM status ${status.status}`)
          : undefined
      const current = data.requests.find((r) => r.id === request.id) ?? request
      const next = transition(
        {
          ...current,
          validations: status.validations.length ? status.validations : current.validations,
          ...(entered ? { certificateId: entered.certificate.id } : {}),
          ...(status.failureReason ? { failureReason: status.failureReason } : {}),
        },
        state,
        now,
        note,
      )
      return { saved: putRequest(data, next), entered }
    })
    if (saved.state !== request.state) await this.record(saved)
    if (entered?.outcome === 'renewed') await this.events.newVersion(entered.certificate)
    return saved
  }

  /** True when the ACM body of a renewal differs from the entry it renews. */
  private async renewedSerial(request: CertificateRequest, status: IssuedStatus): Promise<boolean> {
    if (!request.certificateId || !status.serial) return true
    const entry = (await this.store.read()).certificates.find((c) => c.id === request.certificateId)
    const bare = (serial: string) =>
      serial
        .replace(/[^0-9a-f]/gi, '')
        .replace(/^0+/, '')
        .toLowerCase()
    return !entry || bare(entry.serial) !== bare(status.serial)
  }

  private async record(request: CertificateRequest): Promise<void> {
    await this.audit.append({
      action: 'request.state',
      target: request.arn ?? request.id,
      outcome: request.state === 'FAILED' || request.state === 'VALIDATION_TIMED_OUT' ? 'failed' : 'ok',
      detail:
        `request ${request.id} (${request.domain}) is ` +
        `${request.state}${request.failureReason && request.state !== 'ISSUED' ? `: ${request.failureReason}` : ''}`,
    })
  }

  private now(): string {
    return this.clock.now().toISOString()
  }
}
