import { inject, injectable } from 'tsyringe'
import type { LifecycleApi } from './api.js'
import { privateKeyBinding } from '../../vault/seal-bindings.js'
import { audited } from '../../audit/audited.js'
import type { Certificate } from '../../domain/certificate.js'
import { type CertificateRequest, FINAL_STATES } from '../../domain/certificate-request.js'
import { CertDeckError } from '../../errors.js'
import { type IssuedStatus, REVOCATION_REASONS, type RevocationReason } from '../../plugins/certificate-issuer.js'
import type { CloudSession } from '../../plugins/cloud-provider.js'
import { AuditLog } from '../../ports/audit-log.js'
import { CertificateEvents } from '../../ports/certificate-events.js'
import { Clock } from '../../ports/clock.js'
import { Store, type UpdateOptions } from '../../ports/store.js'
import { Vault } from '../../ports/vault.js'
import { certificateFacts } from '../../x509/facts.js'
import { toPkcs8Pem } from '../../x509/keys.js'
import { newId, REVOKED_TAG } from '../certificates/index.js'
import { CredentialService } from '../credentials/index.js'
import { exportPassphrase, openExportedKey } from './key-export.js'
import {
  acmStoreOf,
  enterIssuedBody,
  findLifecycleTarget,
  issuerOf,
  type LifecycleTarget,
  pollUntil,
  RECORDS_POLL,
  RequestSync,
  transition,
  upsertRequestedCloudRecord,
} from '../requests/index.js'

/**
 * The details menu of an ACM certificate: renew (tracked as a request; the issued body becomes a
 * new version, which fires auto-redeploy), revoke, retrieve the private key (sealed in the vault;
 * the export passphrase never leaves the process) and delete (from CertDeck only).
 */
@injectable()
export class LifecycleService implements LifecycleApi {
  constructor(
    @inject(CredentialService) private readonly credentials: CredentialService,
    @inject(RequestSync) private readonly sync: RequestSync,
    @inject(Store) private readonly store: Store,
    @inject(Vault) private readonly vault: Vault,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Clock) private readonly clock: Clock,
    @inject(CertificateEvents) private readonly events: CertificateEvents,
  ) {}

  async renew(ref: string, options: { readonly signal?: AbortSignal } = {}): Promise<CertificateRequest> {
    const target = findLifecycleTarget(await this.store.read(), ref)
    return audited(
      this.audit,
      { action: 'certificate.renew', target: target.arn },
      () =>
        this.credentials.withSession(target.credentialId, async (session) => {
          const status = await issuerOf(session).describe(target.region, target.arn, options.signal)
          if (status.type === 'IMPORTED' || (status.type === 'AMAZON_ISSUED' && status.exportOption !== 'ENABLED')) {
            throw new CertDeckError(
              'NOT_RENEWABLE',
              status.type === 'IMPORTED'
                ? `${target.arn} was imported into ACM; ACM cannot renew it. Renew it where it was issued ` +
                    `and deploy the new version.`
                : `${target.arn} is a public certificate ACM renews by itself (managed renewal); ` +
                    `RenewCertificate is for private ones.`,
            )
          }
          const certificateId =
            target.certificateId ?? (await this.enterCurrent(target, status, session, options.signal)).id
          const at = this.now()
          const saved = await this.store.update((data) => {
            const request: CertificateRequest = {
              id: newId(data.requests.map((r) => r.id)),
              kind: status.type === 'PRIVATE' ? 'private' : 'public',
              purpose: 'renewal',
              credentialId: target.credentialId,
              region: target.region,
              arn: target.arn,
              domain: status.domain,
              sans: status.sans.filter((s) => s !== status.domain),
              ...(status.caArn ? { caArn: status.caArn } : {}),
              certificateId,
              state: 'PENDING_VALIDATION',
              validations: [],
              history: [{ at, state: 'PENDING_VALIDATION', note: 'renewal asked of ACM' }],
              createdAt: at,
              updatedAt: at,
            }
            data.requests.push(request)
            return request
          })
          try {
            await issuerOf(session).renew(target.region, target.arn, options.signal)
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error)
            await this.sync
              .save(saved.id, (r) => ({
                ...transition(r, 'FAILED', this.now(), 'ACM refused the renewal'),
                failureReason: reason,
              }))
              .catch(() => undefined)
            throw error
          }
          let current = saved
          const { result } = await pollUntil(
            async () => (current = await this.sync.sync(current, session, options.signal)),
            (r) => FINAL_STATES.has(r.state),
            RECORDS_POLL,
            options.signal,
          )
          return result
        }),
      (r) => `renewal request ${r.id}: ${r.state}`,
    )
  }

  async revoke(ref: string, reason: RevocationReason, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    if (!REVOCATION_REASONS.includes(reason)) {
      throw new CertDeckError(
        'REASON_INVALID',
        `Revocation reason '${String(reason)}' is not known. Accepted: ${REVOCATION_REASONS.join(', ')}.`,
      )
    }
    const target = findLifecycleTarget(await this.store.read(), ref)
    await audited(this.audit, { action: 'certificate.revoke', target: target.arn }, (recorder) =>
      this.credentials.withSession(target.credentialId, async (session) => {
        const issuer = issuerOf(session)
        const status = await issuer.describe(target.region, target.arn, options.signal)
        if (status.status === 'REVOKED') throw new CertDeckError('ALREADY_REVOKED', `${target.arn} is already revoked.`)
        if (status.type === 'PRIVATE') {
          const caArn = status.caArn ?? target.requests.findLast((r) => r.caArn)?.caArn
          const serial = status.serial ?? target.cloud?.serial
          if (!caArn || !serial)
            throw new CertDeckError(
              'REVOKE_UNKNOWN_SERIAL',
              `ACM did not say which CA issued ${target.arn} or its serial; it cannot be revoked through ` +
                `ACM Private CA from here.`,
              { kind: 'failure' },
            )
          await issuer.revokePrivate(target.region, caArn, serial, reason, options.signal)
        } else if (status.type === 'AMAZON_ISSUED') {
          await issuer.revokePublic(target.region, target.arn, reason, options.signal)
        } else {
          throw new CertDeckError(
            'NOT_REVOCABLE',
            `${target.arn} was imported into ACM; revoke it at the CA that issued it, then delete it from ACM.`,
          )
        }
        await this.markRevoked(
          target,
          { ...status, status: 'REVOKED' },
          reason,
          recorder.onCommit(() => ({ detail: `revoked (${reason})` })),
        )
      }),
    )
  }

  async retrieveKey(ref: string, options: { readonly signal?: AbortSignal } = {}): Promise<Certificate> {
    const target = findLifecycleTarget(await this.store.read(), ref)
    if (target.cloud?.kind === 'IMPORTED') {
      throw new CertDeckError(
        'NOT_EXPORTABLE',
        `${target.arn} was imported into ACM; ACM never gives its key back. The key is wherever it was imported from.`,
      )
    }
    if (target.cloud?.kind === 'AMAZON_ISSUED' && target.cloud.exportOption === 'DISABLED') {
      throw new CertDeckError(
        'NOT_EXPORTABLE',
        `${target.arn} is a public certificate requested without export; its key cannot leave ACM. Request ` +
          `an exportable one to get a key.`,
      )
    }
    return audited(
      this.audit,
      { action: 'certificate.retrieve-key', target: target.arn },
      () =>
        this.credentials.withSession(target.credentialId, async (session) => {
          const passphrase = exportPassphrase()
          const exported = await issuerOf(session).exportCertificate(
            target.region,
            target.arn,
            passphrase,
            options.signal,
          )
          const key = openExportedKey(exported, passphrase, target.arn)
          const facts = certificateFacts(exported.pem, target.arn)
          const privateKey = this.vault.seal(toPkcs8Pem(key), privateKeyBinding({ ...facts, pem: exported.pem }))
          const entered = await this.store.update((data) => {
            const result = enterIssuedBody(
              data,
              { arn: target.arn, pem: exported.pem, chainPem: exported.chainPem, facts, privateKey },
              this.now(),
              target.certificateId,
            )
            data.cloudCertificates = data.cloudCertificates.map((c) =>
              c.arn === target.arn
                ? {
                    ...c,
                    certificateId: result.certificate.id,
                    fingerprintSha256: facts.fingerprintSha256,
                    serial: facts.serial,
                  }
                : c,
            )
            return result
          })
          if (entered.outcome === 'renewed') await this.events.newVersion(entered.certificate)
          if (entered.certificate.fingerprintSha256 !== facts.fingerprintSha256 || !entered.certificate.privateKey) {
            throw new CertDeckError(
              'KEY_NOT_ATTACHED',
              `The key of ${target.arn} was exported, but the repository holds that body only as an ` +
                `earlier version of ${entered.certificate.id}; the key was not attached.`,
              { kind: 'failure' },
            )
          }
          return entered.certificate
        }),
      (c) => `private key exported (charged by AWS), checked against the certificate and sealed on certificate ${c.id}`,
    )
  }

  async delete(ref: string): Promise<void> {
    const target = findLifecycleTarget(await this.store.read(), ref)
    const described = (removed: number) => ({
      detail:
        `removed from CertDeck${removed ? ` with certificate ${target.certificateId}` : ''}; ACM keeps the ` +
        `certificate`,
    })
    await audited(this.audit, { action: 'certificate.forget', target: target.arn }, (recorder) =>
      this.store.update((data) => {
        const before = data.certificates.length
        data.certificates = data.certificates.filter((c) => c.id !== target.certificateId)
        data.cloudCertificates = data.cloudCertificates.filter((c) => c.arn !== target.arn)
        data.requests = data.requests.filter((r) => r.arn !== target.arn)
        return before - data.certificates.length
      }, recorder.onCommit(described)),
    )
  }

  /** Enters the current ACM body of a certificate the repository does not hold yet. */
  private async enterCurrent(
    target: LifecycleTarget,
    status: IssuedStatus,
    session: CloudSession,
    signal?: AbortSignal,
  ): Promise<Certificate> {
    const body = await acmStoreOf(session).get(target.region, target.arn, signal)
    const facts = certificateFacts(body.pem, target.arn)
    return this.store.update((data) => {
      const { certificate } = enterIssuedBody(
        data,
        { arn: target.arn, pem: body.pem, chainPem: body.chainPem, facts },
        this.now(),
      )
      upsertRequestedCloudRecord(
        data,
        { credentialId: target.credentialId, region: target.region },
        status,
        this.now(),
        { facts, certificateId: certificate.id },
      )
      return certificate
    })
  }

  /**
   * The cloud record, the requests of the ARN and the repository entry are marked revoked;
   * `options` carries the audit event.
   */
  private async markRevoked(
    target: LifecycleTarget,
    status: IssuedStatus,
    reason: RevocationReason,
    options: UpdateOptions<void>,
  ): Promise<void> {
    const at = this.now()
    await this.store.update((data) => {
      upsertRequestedCloudRecord(data, { credentialId: target.credentialId, region: target.region }, status, at)
      data.requests = data.requests.map((r) =>
        r.arn === target.arn ? transition(r, 'REVOKED', at, `revoked: ${reason}`) : r,
      )
      data.certificates = data.certificates.map((c) =>
        c.id === target.certificateId
          ? { ...c, tags: { ...c.tags, [REVOKED_TAG]: `${at.slice(0, 10)} ${reason}` }, updatedAt: at }
          : c,
      )
    }, options)
  }

  private now(): string {
    return this.clock.now().toISOString()
  }
}
