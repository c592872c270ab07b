import type { Certificate } from '../../domain/certificate.js'
import type { CertificateEvents, NewVersionListener } from '../../ports/certificate-events.js'

/** The in-process {@link CertificateEvents}. */
export class CertificateEventHub implements CertificateEvents {
  private readonly listeners = new Set<NewVersionListener>()

  onNewVersion(listener: NewVersionListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async newVersion(certificate: Certificate): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(certificate)
      } catch {
        // A listener records its own failures (a deployment's lastError); a renewal that was
        // committed must not be reported as failed because of one.
      }
    }
  }
}
