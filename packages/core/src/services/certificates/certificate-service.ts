import { createPrivateKey } from 'node:crypto'
import { inject, injectable } from 'tsyringe'
import type { CertificatesApi, CreateOptions, ExportOptions, ImportOptions, ImportResult, ListOptions } from './api.js'
import type { Certificate, PendingKey } from '../../domain/certificate.js'
import { type AuditRecorder, audited } from '../../audit/audited.js'
import { CertDeckError } from '../../errors.js'
import { AuditLog } from '../../ports/audit-log.js'
import { CertificateEvents } from '../../ports/certificate-events.js'
import { Clock } from '../../ports/clock.js'
import { Store } from '../../ports/store.js'
import { hasQueries } from '../../ports/store-queries.js'
import { Vault } from '../../ports/vault.js'
import { pendingKeyBinding, privateKeyBinding } from '../../vault/seal-bindings.js'
import { pemBundle } from '../../x509/export.js'
import { certificateFacts } from '../../x509/facts.js'
import { createCsr, createSelfSigned } from '../../x509/generate.js'
import { generatePrivateKey, toPkcs8Pem } from '../../x509/keys.js'
import { writePkcs12 } from '../../x509/pkcs12.js'
import { openCertificateKey } from './certificate-key.js'
import { newCertificateEntry, newId } from './certificate-entry.js'
import { assertExpiryWindow, expiresWithin } from './certificate-expiry.js'
import { commitImport, prepareImport } from './certificate-import.js'
import { validateCreateOptions, validateTags } from './certificate-input.js'
import { findCertificate, matchesSearch, matchesTag } from './certificate-lookup.js'
import { isRevoked } from './revoked.js'

/**
 * The local certificate repository. Every input is read and checked before the store is
 * touched, so bad input writes nothing; every mutating action (and every export) is audited,
 * failures included, with no secret in the event.
 */
@injectable()
export class CertificateService implements CertificatesApi {
  constructor(
    @inject(Store) private readonly store: Store,
    @inject(Vault) private readonly vault: Vault,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Clock) private readonly clock: Clock,
    @inject(CertificateEvents) private readonly events: CertificateEvents,
  ) {}

  async import(options: ImportOptions): Promise<ImportResult> {
    const files = options.files.map((f) => f.name).join(', ')
    const imported = await this.audited(
      'certificate.import',
      undefined,
      async (recorder) => {
        const prepared = prepareImport(options, await this.store.read(), this.vault)
        const now = this.clock.now().toISOString()
        const described = (outcome: { certificate: Certificate; detail: string }) => ({
          target: outcome.certificate.id,
          detail: `${outcome.detail} (from ${files})`,
        })
        const { detail, ...result } = await this.store.update(
          (data) => commitImport(data, prepared, now),
          recorder.onCommit(described),
        )
        return { result, ...described({ ...result, detail }) }
      },
      `from ${files}`,
    )
    // Auto-redeploy listens here; it records its own failures on the deployments.
    if (imported.outcome === 'renewed') await this.events.newVersion(imported.certificate)
    return imported
  }

  async create(options: CreateOptions): Promise<Certificate> {
    return this.audited('certificate.create', options.commonName, async (recorder) => {
      const valid = validateCreateOptions(options)
      const now = this.clock.now()
      const key = await generatePrivateKey(valid.keyAlgorithm)
      const pem = await createSelfSigned({ key, commonName: valid.commonName, sans: valid.sans, days: valid.days, now })
      const facts = certificateFacts(pem)
      const body = {
        facts,
        pem,
        chainPem: [],
        privateKey: this.vault.seal(toPkcs8Pem(key), privateKeyBinding({ ...facts, pem })),
        origin: 'created' as const,
      }
      const detail = `self-signed ${valid.keyAlgorithm}, ${valid.days} days`
      const certificate = await this.store.update(
        (data) => {
          const entry = newCertificateEntry(body, {
            id: newId(data.certificates.map((c) => c.id)),
            now: now.toISOString(),
            tags: valid.tags,
          })
          data.certificates.push(entry)
          return entry
        },
        recorder.onCommit((entry: Certificate) => ({ target: entry.id, detail })),
      )
      return { result: certificate, target: certificate.id, detail }
    })
  }

  async createCsr(options: CreateOptions): Promise<PendingKey> {
    return this.audited('certificate.csr', options.commonName, async (recorder) => {
      const valid = validateCreateOptions(options)
      const key = await generatePrivateKey(valid.keyAlgorithm)
      const { csrPem, publicKeySha256 } = await createCsr({ key, commonName: valid.commonName, sans: valid.sans })
      const privateKey = this.vault.seal(toPkcs8Pem(key), pendingKeyBinding({ publicKeySha256 }))
      const createdAt = this.clock.now().toISOString()
      const detail = `CSR with a ${valid.keyAlgorithm} key for ${valid.sans.length} names`
      const pending = await this.store.update(
        (data) => {
          const entry: PendingKey = {
            id: newId(data.pendingKeys.map((p) => p.id)),
            commonName: valid.commonName,
            sans: valid.sans,
            keyAlgorithm: valid.keyAlgorithm,
            csrPem,
            publicKeySha256,
            privateKey,
            createdAt,
          }
          data.pendingKeys.push(entry)
          return entry
        },
        recorder.onCommit((entry: PendingKey) => ({ target: entry.id, detail })),
      )
      return { result: pending, target: pending.id, detail }
    })
  }

  async list(options: ListOptions = {}): Promise<Certificate[]> {
    const keep = (c: Certificate) =>
      (options.includeRevoked || !isRevoked(c)) &&
      (!options.search || matchesSearch(c, options.search)) &&
      (!options.tag || matchesTag(c, options.tag))
    // A store that answers queries pages in the database; its answer is filtered again for the exact rules.
    if (hasQueries(this.store) && !this.store.loaded) return (await this.store.findCertificates(options)).filter(keep)
    const found = (await this.store.read()).certificates.filter(keep)
    const offset = options.offset ?? 0
    return offset > 0 || options.limit !== undefined
      ? found.slice(offset, options.limit === undefined ? undefined : offset + options.limit)
      : found
  }

  async get(ref: string): Promise<Certificate> {
    return findCertificate((await this.store.read()).certificates, ref)
  }

  async tag(ref: string, set: Readonly<Record<string, string>>, remove: readonly string[] = []): Promise<Certificate> {
    return this.audited('certificate.tag', ref, async (recorder) => {
      const valid = validateTags(set)
      const now = this.clock.now().toISOString()
      const detail = `tags ${[...Object.keys(valid).map((k) => `+${k}`), ...remove.map((k) => `-${k}`)].join(' ')}`
      const certificate = await this.store.update(
        (data) => {
          const found = findCertificate(data.certificates, ref)
          const tags = { ...found.tags, ...valid }
          for (const key of remove) delete tags[key]
          const updated = { ...found, tags, updatedAt: now }
          data.certificates[data.certificates.indexOf(found)] = updated
          return updated
        },
        recorder.onCommit((updated: Certificate) => ({ target: updated.id, detail })),
      )
      return { result: certificate, target: certificate.id, detail }
    })
  }

  async export(ref: string, options: ExportOptions = {}): Promise<Uint8Array> {
    const format = options.format ?? 'pem'
    return this.audited('certificate.export', ref, async () => {
      if (format !== 'pem' && format !== 'pkcs12') {
        throw new CertDeckError(
          'EXPORT_FORMAT_INVALID',
          `Export format '${String(format)}' is not known. Accepted: pem, pkcs12.`,
        )
      }
      if (format === 'pkcs12' && !options.passphrase) {
        throw new CertDeckError(
          'PASSPHRASE_NEEDED',
          'A PKCS#12 export needs a passphrase to protect the file. Give it on stdin or in the ' +
            'environment, never on the command line.',
        )
      }
      const certificate = await this.get(ref)
      const key = options.includeKey ? createPrivateKey(await this.privateKeyPemOf(certificate)) : undefined
      const input = { leafPem: certificate.pem, chainPem: certificate.chainPem, key }
      const bytes =
        format === 'pem'
          ? Buffer.from(pemBundle(input), 'utf8')
          : writePkcs12({ ...input, passphrase: options.passphrase ?? '', friendlyName: certificate.commonName })
      return {
        result: new Uint8Array(bytes),
        target: certificate.id,
        detail: `${format}${key ? ' with the private key' : ', certificates only'}`,
      }
    })
  }

  async delete(ref: string): Promise<void> {
    return this.audited('certificate.delete', ref, async (recorder) => {
      const described = (removed: Certificate) => ({
        target: removed.id,
        detail: `deleted '${removed.commonName}' (local copy only)`,
      })
      const removed = await this.store.update((data) => {
        const found = findCertificate(data.certificates, ref)
        data.certificates = data.certificates.filter((c) => c !== found)
        return found
      }, recorder.onCommit(described))
      return { result: undefined, ...described(removed) }
    })
  }

  async expiring(days: number): Promise<Certificate[]> {
    assertExpiryWindow(days)
    const now = this.clock.now()
    const { certificates } = await this.store.read()
    return certificates
      .filter((c) => !isRevoked(c) && expiresWithin(c, now, days))
      .sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter))
  }

  async pendingKeys(): Promise<PendingKey[]> {
    return (await this.store.read()).pendingKeys
  }

  async privateKeyPem(ref: string): Promise<string> {
    return this.privateKeyPemOf(await this.get(ref))
  }

  private async privateKeyPemOf(certificate: Certificate): Promise<string> {
    if (!certificate.privateKey) {
      throw new CertDeckError(
        'NO_PRIVATE_KEY',
        `Certificate ${certificate.id} ('${certificate.commonName}') has no private key in the repository. ` +
          `Import it with its key first.`,
      )
    }
    return openCertificateKey(this.vault, { ...certificate, privateKey: certificate.privateKey })
  }

  /**
   * Runs an action and records its outcome (see {@link audited}): a committing action records
   * it inside the store's lock through the recorder; a failure, input errors included, is
   * recorded with its code and re-thrown.
   */
  private async audited<T>(
    action: string,
    ref: string | undefined,
    run: (recorder: AuditRecorder) => Promise<{ result: T; target: string; detail: string }>,
    failureContext?: string,
  ): Promise<T> {
    const outcome = await audited(
      this.audit,
      { action, ...(ref ? { target: ref } : {}) },
      run,
      ({ target, detail }) => ({ target, detail }),
      {
        failureContext,
        recordInputErrors: true,
      },
    )
    return outcome.result
  }
}
