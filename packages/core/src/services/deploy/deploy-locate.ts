import type { Certificate, KeyAlgorithm } from '../../domain/certificate.js'
import type { Deployment } from '../../domain/deployment.js'
import { isCertDeckError } from '../../errors.js'
import type { CloudCertificateImporter, CloudCertificateSummary } from '../../plugins/cloud-provider.js'
import { fingerprintSha256 } from '../../x509/facts.js'

/** The tag CertDeck puts on every certificate it imports into ACM. */
export const CERTIFICATE_ID_TAG = 'certdeck:certificate-id'

/** A copy of a certificate found in one region. */
export interface FoundCopy {
  readonly arn: string
  readonly keyAlgorithm?: KeyAlgorithm
}

/** What one region holds of one repository certificate. */
export interface Copies {
  /** A copy with the same fingerprint: nothing to do. */
  readonly same?: FoundCopy
  /** A copy of an earlier version deployed by CertDeck (its deployment record or its tag). */
  readonly previous?: FoundCopy
}

const second = (iso: string | undefined) => (iso ? Math.floor(Date.parse(iso) / 1000) : NaN)

/**
 * Looks up, with read-only calls, what one ACM region holds of repository certificates: the
 * region is listed once, and only plausible copies have their body or tags read.
 */
export class RegionCopies {
  private listing: Promise<Map<string, CloudCertificateSummary>> | undefined

  constructor(
    private readonly store: CloudCertificateImporter,
    readonly region: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** Finds the copies of `certificate`; `deployment` is its record in this region, if any. */
  async find(certificate: Certificate, deployment: Deployment | undefined): Promise<Copies> {
    const summaries = await this.summaries()
    const recorded = deployment?.arn ? summaries.get(deployment.arn) : undefined
    const imported = [...summaries.values()].filter((s) => s.kind === 'IMPORTED')
    // A copy of this very body has its dates; the recorded ARN is read whatever its dates.
    const sameDates = imported.filter(
      (s) =>
        second(s.notAfter) === second(certificate.notAfter) && second(s.notBefore) === second(certificate.notBefore),
    )
    const candidates = [...new Set([...(recorded ? [recorded] : []), ...sameDates])]
    for (const summary of candidates) {
      if ((await this.fingerprintOf(summary.arn)) === certificate.fingerprintSha256) return { same: copyOf(summary) }
    }
    if (recorded) return { previous: copyOf(recorded) }
    const domain = certificate.commonName.toLowerCase()
    for (const summary of imported.filter((s) => s.domain.toLowerCase() === domain)) {
      const tags = await this.store.tags(this.region, summary.arn, this.signal)
      if (tags[CERTIFICATE_ID_TAG] === certificate.id) return { previous: copyOf(summary) }
    }
    return {}
  }

  private summaries(): Promise<Map<string, CloudCertificateSummary>> {
    this.listing ??= this.store.list(this.region, this.signal).then((list) => new Map(list.map((s) => [s.arn, s])))
    return this.listing
  }

  private async fingerprintOf(arn: string): Promise<string | undefined> {
    try {
      return fingerprintSha256((await this.store.get(this.region, arn, this.signal)).pem)
    } catch (error) {
      // A copy deleted between the listing and this read is simply not a match.
      if (isCertDeckError(error) && error.code === 'CLOUD_NOT_FOUND') return undefined
      throw error
    }
  }
}

function copyOf(summary: CloudCertificateSummary): FoundCopy {
  return { arn: summary.arn, ...(summary.keyAlgorithm ? { keyAlgorithm: summary.keyAlgorithm } : {}) }
}
