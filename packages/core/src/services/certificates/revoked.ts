import type { Certificate } from '../../domain/certificate.js'

/**
 * The tag a revoked entry carries (`<date> <reason>`). Revoked entries leave the active views:
 * `certificates.list()` and `expiring()` skip them unless asked (`certs list --all`).
 */
export const REVOKED_TAG = 'certdeck:revoked'

/** True when the entry was revoked through CertDeck. */
export function isRevoked(certificate: Certificate): boolean {
  return REVOKED_TAG in certificate.tags
}
