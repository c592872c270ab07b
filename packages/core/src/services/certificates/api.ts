// The public types of the certificates capability (options, results, its part of the CertDeck facade).
import type { Certificate, KeyAlgorithm, PendingKey } from '../../domain/certificate.js'

/** A file handed to import: its name (for messages) and its bytes (PEM text or PKCS#12 DER). */
export interface InputFile {
  readonly name: string
  readonly data: Uint8Array
}

/** Options of {@link CertificatesApi.import}. */
export interface ImportOptions {
  /** One or several files holding the certificate, its key and chain, in any order, or a .pfx/.p12. */
  readonly files: readonly InputFile[]
  /** Passphrase of an encrypted PEM key or of a PKCS#12 file. */
  readonly passphrase?: string
  readonly tags?: Readonly<Record<string, string>>
  /**
   * The entry (id, id prefix or fingerprint prefix) this certificate renews, when the choice
   * among entries of the same names is ambiguous (`RENEWAL_AMBIGUOUS`) or should be overridden.
   */
  readonly renews?: string
}

/** Why a certificate became the new version of an entry; see {@link ImportResult.renewal}. */
export type RenewalReason = 'named' | 'same-key' | 'deployed' | 'latest'

/** What an import did. */
export interface ImportResult {
  readonly certificate: Certificate
  /** `created`: a new entry; `renewed`: a new version of an existing entry; `unchanged`: already held. */
  readonly outcome: 'created' | 'renewed' | 'unchanged'
  /**
   * For `renewed`: why that entry was chosen — `same-key` (its current version has the new
   * certificate's public key), `deployed` (the deployed one), `latest` (the latest-expiring one),
   * `named` (`renews`) — and a message saying so.
   */
  readonly renewal?: { readonly reason: RenewalReason; readonly message: string }
}

/** Key types CertDeck generates. */
export type GeneratedKeyAlgorithm = Extract<
  KeyAlgorithm,
  'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_prime256v1' | 'EC_secp384r1'
>

/** Options of {@link CertificatesApi.create} and {@link CertificatesApi.createCsr}. */
export interface CreateOptions {
  readonly commonName: string
  readonly sans?: readonly string[]
  /** @default 'EC_prime256v1' */
  readonly keyAlgorithm?: GeneratedKeyAlgorithm
  /** Self-signed validity. @default 365 */
  readonly days?: number
  readonly tags?: Readonly<Record<string, string>>
}

/** Options of {@link CertificatesApi.export}. */
export interface ExportOptions {
  /** @default 'pem' */
  readonly format?: 'pem' | 'pkcs12'
  /** Include the private key (PEM: an unencrypted PKCS#8 block). @default false */
  readonly includeKey?: boolean
  /** PKCS#12 password (required for pkcs12). */
  readonly passphrase?: string
}

/** Filters of {@link CertificatesApi.list}. */
export interface ListOptions {
  /** Case-insensitive substring of CN, SANs, issuer, serial, fingerprint, id or a tag. */
  readonly search?: string
  /** `key` or `key=value`. */
  readonly tag?: string
  /** Include entries revoked through CertDeck (tag `certdeck:revoked`), which active views leave out. @default false */
  readonly includeRevoked?: boolean
  /** Matches to skip (paging). @default 0 */
  readonly offset?: number
  /** Matches to return at most (paging). @default all */
  readonly limit?: number
}

/** The local certificate repository (the product's Certificates tab), headless. */
export interface CertificatesApi {
  import(options: ImportOptions): Promise<ImportResult>
  /** Generates a key and a self-signed certificate. */
  create(options: CreateOptions): Promise<Certificate>
  /** Generates a key and a CSR; importing the signed certificate later attaches the key. */
  createCsr(options: CreateOptions): Promise<PendingKey>
  list(options?: ListOptions): Promise<Certificate[]>
  /** By id, unique id prefix, or unique fingerprint prefix; a clear error when none or several match. */
  get(ref: string): Promise<Certificate>
  tag(ref: string, set: Readonly<Record<string, string>>, remove?: readonly string[]): Promise<Certificate>
  export(ref: string, options?: ExportOptions): Promise<Uint8Array>
  /** Deletes the local entry only (never a cloud copy). */
  delete(ref: string): Promise<void>
  /** Certificates whose current version expires within `days` (already expired included), soonest first. */
  expiring(days: number): Promise<Certificate[]>
  /** Pending CSR keys. */
  pendingKeys(): Promise<PendingKey[]>
  /**
   * SECRET MATERIAL: the certificate's private key as unencrypted PKCS#8 PEM, opened from the
   * vault (for deploying to ACM). Never print, log or audit it. `NO_PRIVATE_KEY` when none is held.
   */
  privateKeyPem(ref: string): Promise<string>
}
