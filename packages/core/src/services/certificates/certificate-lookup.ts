import type { Certificate } from '../../domain/certificate.js'
import { CertDeckError } from '../../errors.js'

const SHOWN_CANDIDATES = 10

/**
 * The certificate `ref` names: an id, a unique id prefix, or a unique prefix of a fingerprint
 * (current or earlier version; colons and case ignored). `CERT_NOT_FOUND` or
 * `CERT_REF_AMBIGUOUS` (listing the candidates) otherwise.
 */
export function findCertificate(certificates: readonly Certificate[], ref: string): Certificate {
  const wanted = ref.trim().toLowerCase().replaceAll(':', '')
  if (wanted === '') {
    throw new CertDeckError(
      'CERT_REF_EMPTY',
      'No certificate was named. Give an id, an id prefix or a fingerprint prefix (see `certdeck certs list`).',
    )
  }
  const exact = certificates.find((c) => c.id === wanted)
  if (exact) return exact
  const candidates = certificates.filter(
    (c) =>
      c.id.startsWith(wanted) ||
      c.fingerprintSha256.startsWith(wanted) ||
      c.versions.some((v) => v.fingerprintSha256.startsWith(wanted)),
  )
  if (candidates.length === 1) return candidates[0]
  if (candidates.length === 0) {
    throw new CertDeckError(
      'CERT_NOT_FOUND',
      `No certificate has the id or fingerprint '${ref.trim()}'. Run \`certdeck certs list\` to see ids ` +
        `and fingerprints.`,
    )
  }
  const shown = candidates
    .slice(0, SHOWN_CANDIDATES)
    .map((c) => `${c.id} ${c.commonName} (expires ${c.notAfter.slice(0, 10)})`)
  const more = candidates.length > SHOWN_CANDIDATES ? `, and ${candidates.length - SHOWN_CANDIDATES} more` : ''
  throw new CertDeckError(
    'CERT_REF_AMBIGUOUS',
    `'${ref.trim()}' matches ${candidates.length} certificates: ${shown.join('; ')}${more}. Give more ` +
      `characters of the id or fingerprint.`,
  )
}

/** True when `search` (case-insensitive) occurs in the CN, a SAN, the issuer, serial, fingerprint, id or a tag. */
export function matchesSearch(certificate: Certificate, search: string): boolean {
  const needle = search.trim().toLowerCase()
  if (needle === '') return true
  const haystack = [
    certificate.commonName,
    ...certificate.sans,
    certificate.issuer,
    certificate.serial,
    certificate.fingerprintSha256,
    certificate.id,
    ...Object.entries(certificate.tags).map(([key, value]) => `${key}=${value}`),
  ]
  return haystack.some((text) => text.toLowerCase().includes(needle))
}

/** True when the certificate has tag `key` (any value) or exactly `key=value`. */
export function matchesTag(certificate: Certificate, tag: string): boolean {
  const eq = tag.indexOf('=')
  const key = eq === -1 ? tag : tag.slice(0, eq)
  if (!(key in certificate.tags)) return false
  return eq === -1 || certificate.tags[key] === tag.slice(eq + 1)
}
