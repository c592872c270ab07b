import type { CloudCertificateKind, CloudStoreKind } from '../domain/cloud-certificate.js'
import type { Credential } from '../domain/credential.js'
import type { KeyAlgorithm } from '../domain/certificate.js'
import type { CertificateIssuer } from './certificate-issuer.js'

/** A credential with its secrets opened by the vault, handed to a provider for one session. */
export interface ResolvedCredential {
  readonly credential: Credential
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  /** `assume-role`: the resolved source credential. */
  readonly source?: ResolvedCredential
}

/** What a cloud store says of one certificate when listing (no body). */
export interface CloudCertificateSummary {
  readonly arn: string
  readonly kind: CloudCertificateKind
  readonly status: string
  readonly domain: string
  readonly sans: readonly string[]
  readonly keyAlgorithm?: KeyAlgorithm
  readonly notBefore?: string
  readonly notAfter?: string
  /** When the body was last imported (ACM ImportedAt, IAM UploadDate): a re-import changes it. */
  readonly importedAt?: string
  readonly inUse?: boolean
  readonly renewalEligibility?: string
  readonly exportOption?: string
  /** ACM: exported since issued or last renewed. */
  readonly exported?: boolean
}

/** A certificate body as a cloud store returns it. */
export interface CloudCertificateBody {
  readonly pem: string
  /** Leaf's issuer first, up to the root. */
  readonly chainPem: readonly string[]
}

/**
 * A cloud certificate store (ACM in one region, IAM globally). Rules for implementations:
 * every method honours `signal`, is safe for concurrent use, stays within the cloud's quotas,
 * and throws {@link CertDeckError} with plain words for anything the user can act on.
 */
export interface CloudCertificateStore {
  readonly kind: CloudStoreKind
  /** `regional` stores are scanned per region; `global` ones once, as region `global`. */
  readonly scope: 'regional' | 'global'
  /** Every certificate of the region: all key types, all statuses, all pages. Idempotent. */
  list(region: string, signal?: AbortSignal): Promise<CloudCertificateSummary[]>
  /** The body of one certificate; one that does not exist is a `CLOUD_NOT_FOUND` {@link CertDeckError}. */
  get(region: string, arn: string, signal?: AbortSignal): Promise<CloudCertificateBody>
}

/** A store that can import certificates with their private key. */
export interface CloudCertificateImporter extends CloudCertificateStore {
  /**
   * Imports a certificate; with `arn`, re-imports onto it so its associations survive.
   * Returns the ARN. Not idempotent without `arn`: callers check for an existing copy first.
   * Re-importing onto an ARN that no longer exists is a `CLOUD_NOT_FOUND` {@link CertDeckError}.
   */
  importCertificate(
    region: string,
    input: {
      readonly pem: string
      readonly chainPem: readonly string[]
      readonly privateKeyPem: string
      readonly arn?: string
      readonly tags?: Readonly<Record<string, string>>
    },
    signal?: AbortSignal,
  ): Promise<string>
  /** Tags of one certificate. */
  tags(region: string, arn: string, signal?: AbortSignal): Promise<Record<string, string>>
}

/** True when the store can import. */
export function canImport(store: CloudCertificateStore): store is CloudCertificateImporter {
  return typeof (store as Partial<CloudCertificateImporter>).importCertificate === 'function'
}

/** An open session of one credential with a cloud. */
export interface CloudSession {
  /**
   * One cheap call proving the credential works in `region`; throws a plain-words error.
   * `accountId` is absent when the cloud did not tell it.
   */
  test(region: string, signal?: AbortSignal): Promise<{ accountId?: string }>
  readonly stores: readonly CloudCertificateStore[]
  /** Requests, renews, revokes and exports certificates; absent when the cloud cannot. */
  readonly issuer?: CertificateIssuer
  /** Releases the session's connections; optional. */
  close?(): void
}

/** Network time-outs of every call a session makes, in milliseconds. */
export interface NetworkTimeouts {
  /** Longest wait for a connection to be established. */
  readonly connectMs?: number
  /** Longest wait for one attempt's answer, connection included. */
  readonly requestMs?: number
}

/** What core tells a provider when it opens a session. */
export interface ConnectOptions {
  /** Time-outs from config.json; they win over the provider's own options and defaults. */
  readonly timeouts?: NetworkTimeouts
}

/** A cloud that holds certificates (AWS). */
export interface CloudProvider {
  readonly id: string
  /** Regions scanned when none are configured; also the names region checks accept. */
  readonly regions: readonly string[]
  /**
   * Opens a session; no network I/O until a method is called. Every call of the session must
   * honour `options.timeouts` (or the provider's defaults): no call may wait for ever.
   */
  connect(credential: ResolvedCredential, options?: ConnectOptions): CloudSession
}
