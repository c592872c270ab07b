import type { KeyAlgorithm } from './certificate.js'
import type { CloudCertificateDetails, RenewalHealth } from './renewal-health.js'

/** Which cloud certificate store holds the certificate. */
export type CloudStoreKind = 'acm' | 'iam'

/** ACM's certificate type; IAM server certificates count as IMPORTED. */
export type CloudCertificateKind = 'AMAZON_ISSUED' | 'PRIVATE' | 'IMPORTED'

/** Why a deployed certificate no longer matches its cloud copy. */
export interface Drift {
  readonly reason: 'changed' | 'vanished' | 'renewed-outside'
  /** Plain-words explanation, e.g. "serial differs: cloud 0a1b…, local 7c2d…". */
  readonly detail: string
  /** ISO 8601. */
  readonly detectedAt: string
}

/** A certificate seen in a cloud store (the AWS tab). Identified by its ARN. */
export interface CloudCertificate {
  readonly arn: string
  readonly store: CloudStoreKind
  /** AWS region, or `global` for IAM. */
  readonly region: string
  readonly accountId: string
  /** The credential it was discovered with. */
  readonly credentialId: string
  readonly kind: CloudCertificateKind
  /** ACM status (ISSUED, PENDING_VALIDATION, EXPIRED, INACTIVE, REVOKED, FAILED, VALIDATION_TIMED_OUT). */
  readonly status: string
  readonly domain: string
  readonly sans: readonly string[]
  readonly keyAlgorithm?: KeyAlgorithm
  /** ISO 8601. */
  readonly notBefore?: string
  /** ISO 8601. */
  readonly notAfter?: string
  /** ISO 8601 of the last import of the body (ACM ImportedAt, IAM UploadDate). */
  readonly importedAt?: string
  readonly inUse?: boolean
  readonly renewalEligibility?: string
  readonly exportOption?: string
  /** ACM: exported since issued or last renewed (ACM then renews it even when nothing uses it). */
  readonly exported?: boolean
  /** Known once the body was fetched. */
  readonly serial?: string
  /** Known once the body was fetched. */
  readonly fingerprintSha256?: string
  /** The repository certificate with the same fingerprint, when there is one. */
  readonly certificateId?: string
  /** ISO 8601 of the last discovery that saw it. */
  readonly lastSeenAt: string
  /** True when its region failed at the last discovery: the record is the previous one. */
  readonly stale?: boolean
  readonly drift?: Drift
  /** What DescribeCertificate told (resources using it, managed renewal), once the details pass read it. */
  readonly details?: CloudCertificateDetails
  /** Worked out when records are listed (never stored): whether its renewal will succeed, and who renews it. */
  readonly health?: RenewalHealth
}
