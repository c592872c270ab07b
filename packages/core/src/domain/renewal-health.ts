import type { DomainValidation } from './certificate-request.js'

/** ACM's managed renewal of a certificate, as DescribeCertificate's RenewalSummary gives it. */
export interface ManagedRenewal {
  /** PENDING_AUTO_RENEWAL, PENDING_VALIDATION, SUCCESS or FAILED. */
  readonly status: string
  /** ACM's RenewalStatusReason (CAA_ERROR, NO_AVAILABLE_CONTACTS, …), when it gave one. */
  readonly reason?: string
  /** ISO 8601. */
  readonly updatedAt?: string
  /** The renewal's own validation of each name (not the first issuance's). */
  readonly validations: readonly DomainValidation[]
}

/** What the DNS provider covering its zone says of one validation CNAME. */
export interface ValidationRecordCheck {
  /** The CNAME's name, without the trailing dot. */
  readonly name: string
  /** The value ACM expects. */
  readonly value: string
  /** `present`: the zone holds it with that value; `missing`: it does not; `unknown`: nothing could tell. */
  readonly state: 'present' | 'missing' | 'unknown'
  /** The zone looked in, when one covers the name. */
  readonly zone?: string
  /** The configured DNS provider that answered. */
  readonly provider?: string
  /** Why the state is `unknown`, in plain words. */
  readonly detail?: string
}

/** What DescribeCertificate told of a cloud certificate, kept on its record by the details pass. */
export interface CloudCertificateDetails {
  /** ISO 8601 of the DescribeCertificate call. */
  readonly readAt: string
  /** ARNs of the AWS resources using it (load balancers, CloudFront distributions, API gateways…). */
  readonly inUseBy: readonly string[]
  /** The certificate's validation per name (method, CNAME, emails). */
  readonly validations: readonly DomainValidation[]
  /** ACM's managed renewal, when ACM has started one. */
  readonly renewal?: ManagedRenewal
  /** The validation CNAMEs as the DNS providers see them (Amazon-issued, DNS-validated). */
  readonly recordChecks?: readonly ValidationRecordCheck[]
}

/** Whether ACM's own renewal of an Amazon-issued certificate will succeed. */
export type RenewalHealthState = 'ok' | 'at-risk' | 'failing'

/** One reason a renewal is at risk or failing, as a policy found it. */
export interface RenewalHealthReason {
  /** Stable code (`not-in-use`, `validation-cname-gone`, `email-validation`, `renewal-failed`, …). */
  readonly code: string
  readonly severity: Exclude<RenewalHealthState, 'ok'>
  /** What is wrong, in plain words. */
  readonly message: string
  /** What to do about it. */
  readonly fix: string
}

/** Who renews a certificate. */
export type Renewer = 'acm' | 'certdeck' | 'nobody'

/** The renewal health of a cloud certificate, worked out when it is read (never stored). */
export interface RenewalHealth {
  /** Amazon-issued certificates only: private and imported ones show {@link renewedBy}. */
  readonly state?: RenewalHealthState
  /** Every reason found, worst first. */
  readonly reasons: readonly RenewalHealthReason[]
  readonly renewedBy: Renewer
  /** Who renews it, in plain words. */
  readonly renewer: string
  /** False until the details pass has read the certificate: the health rests on its summary alone. */
  readonly detailed: boolean
}
