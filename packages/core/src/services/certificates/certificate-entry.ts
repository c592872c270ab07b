import { randomBytes } from 'node:crypto'
import type { Certificate, CertificateFacts, CertificateOrigin, CertificateVersion } from '../../domain/certificate.js'
import type { SealedSecret } from '../../domain/sealed-secret.js'
import { publicKeySha256 } from '../../x509/keys.js'
import { toX509 } from '../../x509/facts.js'

/** The body of a version about to enter the repository. */
export interface VersionBody {
  readonly facts: CertificateFacts
  readonly pem: string
  readonly chainPem: readonly string[]
  readonly privateKey?: SealedSecret
  readonly origin: CertificateOrigin
}

/** A fresh short id (12 lower-hex characters) not in `taken`. */
export function newId(taken: Iterable<string>): string {
  const used = new Set(taken)
  for (;;) {
    const id = randomBytes(6).toString('hex')
    if (!used.has(id)) return id
  }
}

/** A new repository entry at version 1. */
export function newCertificateEntry(
  body: VersionBody,
  options: { id: string; now: string; tags?: Readonly<Record<string, string>> },
): Certificate {
  return {
    ...version(body, 1, options.now),
    id: options.id,
    versions: [],
    tags: { ...options.tags },
    createdAt: options.now,
    updatedAt: options.now,
  }
}

/**
 * `entry` renewed by `body`: the current version moves to history and `body` becomes current.
 * The previous key is carried over when the new certificate has the same public key and brings none.
 */
export function addVersion(
  entry: Certificate,
  body: VersionBody,
  options: { now: string; tags?: Readonly<Record<string, string>> },
): Certificate {
  const previous = versionOf(entry)
  const sameKey = entryPublicKeySha256(previous) === body.facts.publicKeySha256
  const privateKey = body.privateKey ?? (sameKey ? previous.privateKey : undefined)
  return {
    ...version({ ...body, privateKey }, entry.version + 1, options.now),
    id: entry.id,
    versions: [...entry.versions, previous],
    tags: { ...entry.tags, ...options.tags },
    createdAt: entry.createdAt,
    updatedAt: options.now,
  }
}

/** The current version of an entry, without the entry-level fields. */
export function versionOf(entry: Certificate): CertificateVersion {
  const { id: _id, versions: _versions, tags: _tags, createdAt: _createdAt, updatedAt: _updatedAt, ...current } = entry
  return current
}

/**
 * The entries a new certificate may renew: the same subject CN and SAN set with an earlier
 * notAfter, whatever its key (renewals often rotate keys, some keep them). A shared key alone does
 * not make a renewal: certificates for other names may legitimately reuse a key and stay separate
 * entries. Which of them it renews is decided by `chooseRenewalTarget`; none means a new entry.
 */
export function renewalCandidates(certificates: readonly Certificate[], facts: CertificateFacts): Certificate[] {
  const notAfter = Date.parse(facts.notAfter)
  return certificates.filter((entry) => Date.parse(entry.notAfter) < notAfter && sameIdentity(entry, facts))
}

/** The SPKI SHA-256 of a stored version, parsed from its PEM when the record predates the field. */
export function entryPublicKeySha256(version: CertificateVersion): string {
  return version.publicKeySha256 ?? publicKeySha256(toX509(version.pem))
}

function sameIdentity(entry: CertificateFacts, facts: CertificateFacts): boolean {
  const names = (f: CertificateFacts) => [...new Set(f.sans.map((s) => s.toLowerCase()))].sort().join(' ')
  return entry.commonName.toLowerCase() === facts.commonName.toLowerCase() && names(entry) === names(facts)
}

function version(body: VersionBody, number: number, now: string): CertificateVersion {
  return {
    ...body.facts,
    version: number,
    pem: body.pem,
    chainPem: [...body.chainPem],
    ...(body.privateKey ? { privateKey: body.privateKey } : {}),
    origin: body.origin,
    addedAt: now,
  }
}
