// The public types of the requests capability (options, results, its part of the CertDeck facade).
import type { CertificateAuthority, RequestKeyAlgorithm } from '../../plugins/certificate-issuer.js'
import type { CertificateRequest, ValidationRecord } from '../../domain/certificate-request.js'
import type { ChallengeEvent } from '../dns/index.js'

/** Options of {@link RequestsApi.requestPublic}. */
export interface RequestPublicOptions {
  /** Credential name or id. */
  readonly credential: string
  /** @default the credential's default region, else us-east-1 */
  readonly region?: string
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
  /** The common name (≤ 64 octets; a wildcard only as the leftmost label; IDNs are converted to punycode). */
  readonly domain: string
  /** More names; duplicates (and the domain itself) are dropped. At most the SAN quota (10 unless configured). */
  readonly sans?: readonly string[]
  readonly validation: 'DNS' | 'EMAIL'
  /** @default 'RSA_2048' */
  readonly keyAlgorithm?: RequestKeyAlgorithm
  /**
   * DNS validation: the configured DNS provider (name or id) that writes the records. When absent,
   * the configured provider whose public zones cover every name, if exactly one does; `false`:
   * none, the user creates the records (SYNC_RECORDS).
   */
  readonly dnsProvider?: string | false
  /** Exportable public certificate (AWS charges for it). @default false */
  readonly exportable?: boolean
  readonly tags?: Readonly<Record<string, string>>
  readonly signal?: AbortSignal
}

/** Options of {@link RequestsApi.requestPrivate}. */
export interface RequestPrivateOptions {
  readonly credential: string
  readonly region?: string
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
  /** ARN of an ACTIVE ACM Private CA of the account. */
  readonly caArn: string
  readonly domain: string
  readonly sans?: readonly string[]
  /** @default the CA's key algorithm family (RSA_2048 or EC_prime256v1) */
  readonly keyAlgorithm?: RequestKeyAlgorithm
  readonly tags?: Readonly<Record<string, string>>
  readonly signal?: AbortSignal
}

/** Requests to ACM and their validation (the product's request-status screen), headless. */
export interface RequestsApi {
  /** Every request (new and renewals), newest first. */
  list(): Promise<CertificateRequest[]>
  /** By id, unique id prefix or ARN. */
  get(ref: string): Promise<CertificateRequest>
  /**
   * Problems with a public/private request's names, in plain words, without any AWS call (the
   * TUI shows them inline). Empty when the request may be sent.
   */
  check(options: Pick<RequestPublicOptions, 'domain' | 'sans'>): string[]
  requestPublic(options: RequestPublicOptions): Promise<CertificateRequest>
  requestPrivate(options: RequestPrivateOptions): Promise<CertificateRequest>
  /** ACTIVE private CAs of a credential's account in `region` (`allowUnknownRegion` as for a request). */
  authorities(
    credential: string,
    region?: string,
    signal?: AbortSignal,
    options?: { readonly allowUnknownRegion?: boolean },
  ): Promise<CertificateAuthority[]>
  /** Syncs one request (or every unfinished one) with ACM; an ISSUED one enters the repository. */
  refresh(ref?: string, options?: { readonly signal?: AbortSignal }): Promise<CertificateRequest[]>
  /** Writes the validation CNAMEs through the DNS provider, waits until in sync, then refreshes. */
  deployChallenge(
    ref: string,
    options?: {
      readonly dnsProvider?: string
      readonly signal?: AbortSignal
      readonly onEvent?: (event: ChallengeEvent) => void
      /**
       * Accepts a validation CNAME pointing at any valid host name, not only under
       * `acm-validations.aws` (its name must still be a `_` label under a requested name). @default false
       */
      readonly allowAnyValidationTarget?: boolean
      /**
       * Poll ACM (up to 2 minutes) once the records are in sync; `false` returns as soon as they
       * are, for a caller that polls itself (`waitForIssuance`). @default true
       */
      readonly awaitIssuance?: boolean
    },
  ): Promise<CertificateRequest>
  /** The de-duplicated validation records for the user to create (a wildcard and its apex share one). */
  records(ref: string): Promise<ValidationRecord[]>
  /** Resends the validation email (within 72 h); returns the addresses mailed. */
  resendEmail(
    ref: string,
    options?: { readonly domain?: string; readonly signal?: AbortSignal },
  ): Promise<{ readonly emails: readonly string[] }>
}
