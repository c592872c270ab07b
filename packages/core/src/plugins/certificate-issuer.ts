import type { KeyAlgorithm } from '../domain/certificate.js'
import type { DomainValidation } from '../domain/certificate-request.js'
import type { ManagedRenewal } from '../domain/renewal-health.js'

/** Key algorithms ACM's RequestCertificate accepts. */
export type RequestKeyAlgorithm = Extract<KeyAlgorithm, 'RSA_2048' | 'EC_prime256v1' | 'EC_secp384r1'>

/** What {@link CertificateIssuer.request} sends (already checked and normalised by core). */
export interface IssueInput {
  readonly kind: 'public' | 'private'
  /** The common name, punycode, lower case. */
  readonly domain: string
  /** Every name besides the domain, de-duplicated, punycode. */
  readonly sans: readonly string[]
  /** Public only. */
  readonly validationMethod?: 'DNS' | 'EMAIL'
  readonly keyAlgorithm: RequestKeyAlgorithm
  /** Private only: the ACM Private CA that signs it. */
  readonly caArn?: string
  /** Public only: `Options.Export: ENABLED` (charged by AWS). */
  readonly exportable?: boolean
  /** ACM's IdempotencyToken (≤ 32 word characters): a retried request returns the same ARN. */
  readonly idempotencyToken: string
  readonly tags?: Readonly<Record<string, string>>
}

/** What ACM says of one requested certificate (DescribeCertificate). */
export interface IssuedStatus {
  readonly arn: string
  /** ACM status: PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED. */
  readonly status: string
  readonly type: 'AMAZON_ISSUED' | 'PRIVATE' | 'IMPORTED'
  readonly domain: string
  /** Every name of the certificate as ACM lists them, the domain included (as in discovery). */
  readonly sans: readonly string[]
  /** Per domain; DNS records may be missing for a few seconds after the request. */
  readonly validations: readonly DomainValidation[]
  /** Lower-case hex, no separators, once issued. */
  readonly serial?: string
  readonly notAfter?: string
  readonly caArn?: string
  readonly failureReason?: string
  /** Managed renewal status (PENDING_AUTO_RENEWAL, PENDING_VALIDATION, SUCCESS, FAILED). */
  readonly renewalStatus?: string
  readonly exportOption?: string
  readonly inUseBy?: readonly string[]
  /** ACM's managed renewal (RenewalSummary), when ACM has started one. */
  readonly renewal?: ManagedRenewal
}

/** An ACM Private CA as ListCertificateAuthorities returns it. */
export interface CertificateAuthority {
  readonly arn: string
  readonly commonName: string
  /** ACTIVE, DISABLED, PENDING_CERTIFICATE, CREATING, EXPIRED, FAILED, DELETED. */
  readonly status: string
  readonly type: 'ROOT' | 'SUBORDINATE'
  /** In ACM's key spelling (RSA_2048, EC_prime256v1, …). */
  readonly keyAlgorithm?: KeyAlgorithm
  readonly usageMode?: string
}

/** RFC 5280 reasons in ACM's spelling. */
export type RevocationReason =
  | 'UNSPECIFIED'
  | 'KEY_COMPROMISE'
  | 'CERTIFICATE_AUTHORITY_COMPROMISE'
  | 'AFFILIATION_CHANGED'
  | 'SUPERSEDED'
  | 'CESSATION_OF_OPERATION'
  | 'PRIVILEGE_WITHDRAWN'
  | 'A_A_COMPROMISE'

/** Every revocation reason, in RFC order. */
export const REVOCATION_REASONS: readonly RevocationReason[] = [
  'UNSPECIFIED',
  'KEY_COMPROMISE',
  'CERTIFICATE_AUTHORITY_COMPROMISE',
  'AFFILIATION_CHANGED',
  'SUPERSEDED',
  'CESSATION_OF_OPERATION',
  'PRIVILEGE_WITHDRAWN',
  'A_A_COMPROMISE',
]

/** What ExportCertificate returns. SECRET MATERIAL: the key is encrypted under the caller's passphrase. */
export interface ExportedCertificate {
  readonly pem: string
  /** Leaf's issuer first, up to the root. */
  readonly chainPem: readonly string[]
  /** Encrypted PKCS#8 PEM (`ENCRYPTED PRIVATE KEY`). */
  readonly encryptedPrivateKeyPem: string
}

/**
 * A cloud that issues certificates (ACM + ACM Private CA in one account). Rules: every method
 * honours `signal`, is safe for concurrent use, stays within the cloud's quotas, and throws
 * {@link CertDeckError} with plain words (quota exceeded, throttled, access denied: which
 * permission) for anything the user can act on. A missing ARN is `CLOUD_NOT_FOUND`.
 */
export interface CertificateIssuer {
  /** RequestCertificate; returns the ARN. Idempotent through `input.idempotencyToken`. */
  request(region: string, input: IssueInput, signal?: AbortSignal): Promise<string>
  /** DescribeCertificate. */
  describe(region: string, arn: string, signal?: AbortSignal): Promise<IssuedStatus>
  /** ResendValidationEmail for one domain of an EMAIL-validated request. */
  resendValidationEmail(
    region: string,
    arn: string,
    domain: string,
    validationDomain: string,
    signal?: AbortSignal,
  ): Promise<void>
  /** RenewCertificate (private certificates). */
  renew(region: string, arn: string, signal?: AbortSignal): Promise<void>
  /** ACM-PCA RevokeCertificate of a private certificate, by its CA and serial (lower-case hex). */
  revokePrivate(
    region: string,
    caArn: string,
    serial: string,
    reason: RevocationReason,
    signal?: AbortSignal,
  ): Promise<void>
  /** ACM RevokeCertificate of an exported public certificate. */
  revokePublic(region: string, arn: string, reason: RevocationReason, signal?: AbortSignal): Promise<void>
  /**
   * ExportCertificate (charged by AWS). `passphrase` is SECRET: 4–128 ASCII bytes without
   * `#`, `$`, `%`; never logged or put in an error.
   */
  exportCertificate(region: string, arn: string, passphrase: string, signal?: AbortSignal): Promise<ExportedCertificate>
  /** ACM Private CAs of the account in `region` (every status: callers keep the ACTIVE ones). */
  listAuthorities(region: string, signal?: AbortSignal): Promise<CertificateAuthority[]>
}
