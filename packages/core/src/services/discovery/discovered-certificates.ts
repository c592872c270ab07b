import type { Certificate, CertificateFacts } from '../../domain/certificate.js'
import type { StoreData } from '../../domain/store-data.js'
import { newCertificateEntry, newId } from '../certificates/index.js'

/** A body fetched from a cloud store, parsed. */
export interface DiscoveredBody {
  readonly arn: string
  readonly pem: string
  readonly chainPem: readonly string[]
  readonly facts: CertificateFacts
}

/** The tag a discovered entry carries: where it was first seen. */
export const DISCOVERED_FROM_TAG = 'certdeck:discovered-from'

/** Repository certificate id by fingerprint, every version included. */
export function fingerprintIndex(certificates: readonly Certificate[]): Map<string, string> {
  const index = new Map<string, string>()
  for (const certificate of certificates) {
    index.set(certificate.fingerprintSha256, certificate.id)
    for (const version of certificate.versions) index.set(version.fingerprintSha256, certificate.id)
  }
  return index
}

/**
 * Enters bodies the repository does not hold as new `discovered` entries (no private key, one
 * version, tagged with the ARN they came from) so expiry checks cover them. A body already held
 * (any version of any entry) is left alone; it never becomes a new version of another entry.
 * Returns how many entries were added.
 */
export function addDiscoveredCertificates(data: StoreData, bodies: readonly DiscoveredBody[], now: Date): number {
  const known = fingerprintIndex(data.certificates)
  const ids = new Set(data.certificates.map((c) => c.id))
  const at = now.toISOString()
  let added = 0
  for (const body of bodies) {
    if (known.has(body.facts.fingerprintSha256)) continue
    const entry = newCertificateEntry(
      { facts: body.facts, pem: body.pem, chainPem: body.chainPem, origin: 'discovered' },
      { id: newId(ids), now: at, tags: { [DISCOVERED_FROM_TAG]: body.arn } },
    )
    data.certificates.push(entry)
    known.set(entry.fingerprintSha256, entry.id)
    ids.add(entry.id)
    added += 1
  }
  return added
}
