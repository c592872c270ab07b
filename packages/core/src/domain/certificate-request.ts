/** Where a request to ACM stands (the product's request-status screen). */
export type RequestState =
  | 'PENDING_VALIDATION'
  | 'DEPLOY_CHALLENGE'
  | 'SYNC_RECORDS'
  | 'ISSUED'
  | 'FAILED'
  | 'VALIDATION_TIMED_OUT'
  | 'REVOKED'

/** The CNAME record that proves control of a domain for DNS validation. */
export interface ValidationRecord {
  readonly name: string
  /** CNAME from a genuine ACM; another type from the endpoint is refused before any DNS write. */
  readonly type: string
  readonly value: string
}

/** The validation of one domain name of a request. */
export interface DomainValidation {
  readonly domain: string
  readonly validationDomain: string
  /** ACM's status: PENDING_VALIDATION, SUCCESS, FAILED. */
  readonly status: string
  /** DNS or EMAIL, when ACM told. */
  readonly method?: 'DNS' | 'EMAIL'
  readonly record?: ValidationRecord
  readonly emails?: readonly string[]
}

/** An order to ACM for a new certificate or a renewal. */
export interface CertificateRequest {
  readonly id: string
  readonly kind: 'public' | 'private'
  /** `renewal`: a RenewCertificate of an existing ARN. @default 'new' */
  readonly purpose?: 'new' | 'renewal'
  readonly keyAlgorithm?: string
  /** Public only: requested with `Options.Export: ENABLED`. */
  readonly exportable?: boolean
  /** The IdempotencyToken sent, so a retry of the same request returns the same ARN. */
  readonly idempotencyToken?: string
  /** The reason of FAILED / VALIDATION_TIMED_OUT in plain words. */
  readonly failureReason?: string
  readonly credentialId: string
  readonly region: string
  readonly arn?: string
  readonly domain: string
  readonly sans: readonly string[]
  readonly validationMethod?: 'DNS' | 'EMAIL'
  readonly caArn?: string
  readonly dnsProviderId?: string
  readonly state: RequestState
  readonly validations: readonly DomainValidation[]
  /** Tags sent with the request (kept so a request sent again carries them). */
  readonly tags?: Readonly<Record<string, string>>
  /** ISO 8601 time the DNS provider reported the validation records written and in sync. */
  readonly challengeDeployedAt?: string
  /** The repository certificate once issued (for a renewal: the entry being renewed). */
  readonly certificateId?: string
  readonly history: readonly { readonly at: string; readonly state: RequestState; readonly note?: string }[]
  readonly createdAt: string
  readonly updatedAt: string
}

/** States a request does not leave by itself: refresh skips them unless named. */
export const FINAL_STATES: ReadonlySet<RequestState> = new Set(['ISSUED', 'FAILED', 'VALIDATION_TIMED_OUT', 'REVOKED'])
