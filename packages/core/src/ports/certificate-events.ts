import type { InjectionToken } from 'tsyringe'
import type { Certificate } from '../domain/certificate.js'

/** Something that reacts to a new version of a repository certificate (a renewal). */
export type NewVersionListener = (certificate: Certificate) => Promise<void>

/**
 * News of the certificate repository. The certificate service calls `newVersion` after it has
 * committed a new version of an existing entry; listeners (auto-redeploy) run one after another
 * and record their own failures: `newVersion` never rejects because of a listener.
 */
export interface CertificateEvents {
  /** Adds a listener; returns the function that removes it. */
  onNewVersion(listener: NewVersionListener): () => void
  /** Tells every listener that `certificate` (the entry, its current version new) was renewed. */
  newVersion(certificate: Certificate): Promise<void>
}
export const CertificateEvents = Symbol('CertificateEvents') as InjectionToken<CertificateEvents>
