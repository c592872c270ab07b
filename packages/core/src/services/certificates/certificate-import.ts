import { type KeyObject, createPrivateKey } from 'node:crypto'
import type { ImportOptions, ImportResult } from './api.js'
import type { PendingKey } from '../../domain/certificate.js'
import type { StoreData } from '../../domain/store-data.js'
import type { Vault } from '../../ports/vault.js'
import { pendingKeyBinding, privateKeyBinding } from '../../vault/seal-bindings.js'
import { readBundleFiles } from '../../x509/bundle.js'
import { assembleBundle } from '../../x509/chain.js'
import { certificateFacts, certificatePem } from '../../x509/facts.js'
import { publicKeySha256, toPkcs8Pem } from '../../x509/keys.js'
import { type VersionBody, addVersion, newCertificateEntry, newId, renewalCandidates } from './certificate-entry.js'
import { findCertificate } from './certificate-lookup.js'
import { chooseRenewalTarget, namedRenewal } from './renewal-policies.js'
import { validateTags } from './certificate-input.js'

/** An import fully read and checked, ready to be written. */
export interface PreparedImport {
  readonly body: VersionBody
  readonly tags: Readonly<Record<string, string>>
  /** The pending CSR key the certificate was matched to, removed when it is written. */
  readonly pendingKeyId?: string
  /** The entry the user said this certificate renews (`--renews`). */
  readonly renews?: string
}

/** What writing an import did, with a non-secret line for the audit log. */
export interface CommittedImport extends ImportResult {
  readonly detail: string
}

/**
 * Reads and checks the files of an import against the repository `data` (for pending CSR
 * keys): every error is thrown here, before anything is written.
 */
export function prepareImport(options: ImportOptions, data: StoreData, vault: Vault): PreparedImport {
  const tags = validateTags(options.tags ?? {})
  const items = readBundleFiles(options.files, options.passphrase)
  let pending: PendingKey | undefined
  let pendingKey: KeyObject | undefined
  if (items.keys.length === 0) {
    const hashes = new Set(items.certificates.map((c) => publicKeySha256(c.certificate)))
    pending = data.pendingKeys.find((p) => hashes.has(p.publicKeySha256))
    if (pending)
      pendingKey = createPrivateKey(vault.open(pending.privateKey, pendingKeyBinding(pending)).toString('utf8'))
  }
  const bundle = assembleBundle(items, { key: pendingKey })
  const facts = certificateFacts(bundle.leaf, 'the imported certificate')
  pending ??= data.pendingKeys.find((p) => p.publicKeySha256 === facts.publicKeySha256)
  const pem = certificatePem(bundle.leaf)
  return {
    body: {
      facts,
      pem,
      chainPem: bundle.chain.map((c) => certificatePem(c)),
      privateKey: bundle.key ? vault.seal(toPkcs8Pem(bundle.key), privateKeyBinding({ ...facts, pem })) : undefined,
      origin: 'imported',
    },
    tags,
    pendingKeyId: pending?.id,
    ...(options.renews !== undefined ? { renews: options.renews } : {}),
  }
}

/**
 * Writes a prepared import into `data`: an unchanged certificate (same fingerprint) stays
 * (gaining its key if it had none), a renewal becomes a new version, anything else a new entry.
 */
export function commitImport(data: StoreData, prepared: PreparedImport, now: string): CommittedImport {
  const { body, tags } = prepared
  const fingerprint = body.facts.fingerprintSha256
  const pendingNote = prepared.pendingKeyId ? `; key of pending CSR ${prepared.pendingKeyId} attached` : ''
  if (prepared.pendingKeyId) {
    data.pendingKeys = data.pendingKeys.filter((p) => p.id !== prepared.pendingKeyId)
  }
  const index = data.certificates.findIndex(
    (c) => c.fingerprintSha256 === fingerprint || c.versions.some((v) => v.fingerprintSha256 === fingerprint),
  )
  if (index !== -1) {
    const held = data.certificates[index]
    const gainsKey = held.fingerprintSha256 === fingerprint && !held.privateKey && body.privateKey
    const certificate = gainsKey
      ? { ...held, privateKey: body.privateKey, tags: { ...held.tags, ...tags }, updatedAt: now }
      : held
    data.certificates[index] = certificate
    const detail =
      `unchanged, already held as version ` +
      `${held.fingerprintSha256 === fingerprint ? held.version : 'history'}` +
      `${gainsKey ? '; private key added' : ''}${pendingNote}`
    return { certificate, outcome: 'unchanged', detail }
  }
  const candidates = renewalCandidates(data.certificates, body.facts)
  const choice =
    prepared.renews !== undefined
      ? namedRenewal(findCertificate(data.certificates, prepared.renews), body.facts)
      : candidates.length > 0
        ? chooseRenewalTarget({ facts: body.facts, candidates, deployments: data.deployments })
        : undefined
  if (choice) {
    const certificate = addVersion(choice.entry, body, { now, tags })
    data.certificates[data.certificates.indexOf(choice.entry)] = certificate
    const renewed = `renewed to version ${certificate.version} of '${certificate.commonName}'`
    return {
      certificate,
      outcome: 'renewed',
      renewal: { reason: choice.reason, message: choice.message },
      detail: `${renewed} (${choice.message})${pendingNote}`,
    }
  }
  const certificate = newCertificateEntry(body, { id: newId(data.certificates.map((c) => c.id)), now, tags })
  data.certificates.push(certificate)
  return {
    certificate,
    outcome: 'created',
    detail: `created '${certificate.commonName}'${certificate.privateKey ? ' with its key' : ''}${pendingNote}`,
  }
}
