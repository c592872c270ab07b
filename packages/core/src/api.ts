import type { AuditEvent } from './domain/audit-event.js'
import type { Certificate, KeyAlgorithm, PendingKey } from './domain/certificate.js'
import type { CertificateRequest, ValidationRecord } from './domain/certificate-request.js'
import type { CloudCertificate } from './domain/cloud-certificate.js'
import type { CertDeckConfig } from './domain/config.js'
import type { Credential, CredentialKind } from './domain/credential.js'
import type { Deployment } from './domain/deployment.js'
import type { DnsProviderConfig } from './domain/dns-provider-config.js'
import type { CertificateAuthority, RequestKeyAlgorithm, RevocationReason } from './plugins/certificate-issuer.js'
import type { DnsProviderType, DnsZone } from './plugins/dns-provider.js'

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
}

/** What an import did. */
export interface ImportResult {
  readonly certificate: Certificate
  /** `created`: a new entry; `renewed`: a new version of an existing entry; `unchanged`: already held. */
  readonly outcome: 'created' | 'renewed' | 'unchanged'
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

/** The vault of secrets. */
export interface VaultApi {
  /** Re-seals every secret under a new passphrase in one atomic write. */
  changePassphrase(newPassphrase: string): Promise<void>
}

/** Plugins loaded at open. */
export interface PluginsStatus {
  readonly loaded: readonly string[]
  /** Plugins that failed to load or register: the rest still work. */
  readonly failed: readonly { readonly name: string; readonly error: string }[]
}

/** Options of adding a credential; secrets come from the caller (stdin/env), never argv. */
export interface AddCredentialOptions {
  readonly name: string
  readonly kind: CredentialKind
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  readonly profile?: string
  readonly roleArn?: string
  readonly externalId?: string
  /** Name of the source credential of an assume-role. */
  readonly source?: string
  readonly endpoint?: string
  readonly defaultRegion?: string
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
}

/** AWS credentials (filled in by the ACM plugin issue). */
export interface CredentialsApi {
  add(options: AddCredentialOptions): Promise<Credential>
  list(): Promise<Credential[]>
  /** One cheap call; resolves with the account id (when AWS tells it) or throws a plain-words error. */
  test(name: string): Promise<{ accountId?: string }>
  remove(name: string): Promise<void>
}

/** Progress of discovery, one event per region step. */
export type DiscoveryEvent =
  | { readonly type: 'region-start'; readonly region: string; readonly credential?: string }
  | { readonly type: 'region-done'; readonly region: string; readonly credential?: string; readonly found: number }
  | { readonly type: 'region-failed'; readonly region: string; readonly credential?: string; readonly error: string }

/** The summary of one discovery run. */
export interface DiscoverySummary {
  readonly found: number
  readonly new: number
  readonly changed: number
  readonly gone: number
  /** Regions (IAM: `global`) that did not answer: their previous records were kept, marked stale. */
  readonly failedRegions: readonly { readonly region: string; readonly error: string; readonly credential?: string }[]
}

/** Options of a discovery run. */
export interface DiscoverOptions {
  readonly credential?: string
  /** @default the configured regions */
  readonly regions?: readonly string[]
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
  /** @default true */
  readonly iam?: boolean
  readonly signal?: AbortSignal
  readonly onEvent?: (event: DiscoveryEvent) => void
}

/** Options of {@link CloudApi.importBodies}. */
export interface ImportBodiesOptions {
  readonly credential?: string
  /** Only records of these regions (`global` for IAM). @default every region */
  readonly regions?: readonly string[]
  readonly signal?: AbortSignal
  /** One `region-start` and one `region-done` (found = bodies read) per region. */
  readonly onEvent?: (event: DiscoveryEvent) => void
}

/** What {@link CloudApi.importBodies} did. */
export interface ImportBodiesSummary {
  /** Bodies read. */
  readonly fetched: number
  /** New `discovered` entries in the repository. */
  readonly added: number
  /** Bodies that could not be read (retried by the next run). */
  readonly failed: number
}

/** The AWS tab, headless. */
export interface CloudApi {
  discover(options?: DiscoverOptions): Promise<DiscoverySummary>
  /**
   * Discovery's second phase: reads the body of every discovered certificate not read yet,
   * within the GetCertificate quota, and enters it into the repository (`discovered`). Saves as
   * it goes, so an interrupted run resumes where it stopped. Optional for fakes.
   */
  importBodies?(options?: ImportBodiesOptions): Promise<ImportBodiesSummary>
  list(filter?: { kind?: string; region?: string; drift?: boolean }): Promise<CloudCertificate[]>
  /**
   * Cloud certificates whose notAfter falls within `days` (already expired included), soonest
   * first, as the last discovery saw them (summaries suffice: no body is needed). Left out: those
   * linked to a repository certificate (`certificateId` set), which the repository's own
   * {@link CertificatesApi.expiring} covers; REVOKED, FAILED and VALIDATION_TIMED_OUT ones; and
   * records without a notAfter.
   */
  expiring(days: number): Promise<CloudCertificate[]>
  /** Regions scanned when none are given. */
  regions(): readonly string[]
}

/** Options of a deploy. */
export interface DeployOptions {
  readonly certificates: readonly string[]
  readonly credential: string
  readonly regions: readonly string[]
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
  readonly replace?: boolean
  readonly autoRedeploy?: boolean
  readonly dryRun?: boolean
  readonly signal?: AbortSignal
}

/** What a deploy did (or would do) in one region for one certificate. */
export interface DeployResult {
  readonly certificateId: string
  readonly region: string
  readonly action: 'imported' | 'reimported' | 'unchanged' | 'exists' | 'failed'
  readonly arn?: string
  readonly message: string
  /** True for a dry run: nothing was changed and `action` says what a real run would do. */
  readonly dryRun?: boolean
}

/** Deployments to ACM, headless. */
export interface DeploymentsApi {
  deploy(options: DeployOptions): Promise<DeployResult[]>
  list(): Promise<Deployment[]>
  /** Forgets a deployment record (by id or unique id prefix); the copy in ACM stays. */
  remove(id: string): Promise<void>
}

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

/** Progress of a deploy challenge. */
export type ChallengeEvent =
  | { readonly type: 'zone'; readonly zone: string; readonly records: number }
  | { readonly type: 'written'; readonly zone: string; readonly changeId?: string }
  | { readonly type: 'in-sync'; readonly zone: string }

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

/** Renew, revoke, retrieve the private key, delete: the details menu of an ACM certificate. */
export interface LifecycleApi {
  /**
   * Renews a private certificate (RenewCertificate), tracked as a request; when issued it becomes
   * a new version in the repository and auto-redeploy fires. `ref`: an ARN or a repository id.
   */
  renew(ref: string, options?: { readonly signal?: AbortSignal }): Promise<CertificateRequest>
  /** Revokes (private: ACM-PCA; exported public: ACM); the entry is marked revoked. */
  revoke(ref: string, reason: RevocationReason, options?: { readonly signal?: AbortSignal }): Promise<void>
  /**
   * Exports the private key (charged by AWS) under a random passphrase that never leaves the
   * process, checks it matches the certificate and seals it in the vault.
   */
  retrieveKey(ref: string, options?: { readonly signal?: AbortSignal }): Promise<Certificate>
  /** Removes the entry (and its cloud record) from CertDeck only: ACM keeps the certificate. */
  delete(ref: string): Promise<void>
}

/** Options of {@link DnsApi.add}. */
export interface AddDnsProviderOptions {
  /** The provider type id (`route53`, `hook`). */
  readonly type: string
  readonly name: string
  /** Credential name or id, for types that use one. */
  readonly credential?: string
  /** Type-specific settings (e.g. `zoneId`, `addScript`). */
  readonly settings?: Readonly<Record<string, string>>
}

/** Configured DNS providers (the DNS tab), headless. */
export interface DnsApi {
  /** Configured providers, by name. */
  providers(): Promise<DnsProviderConfig[]>
  /** The provider types the loaded plugins offer. */
  types(): readonly DnsProviderType[]
  add(options: AddDnsProviderOptions): Promise<DnsProviderConfig>
  /** Lists the provider's zones (one cheap call); a plain-words error when it cannot. */
  test(name: string, options?: { readonly signal?: AbortSignal }): Promise<{ readonly zones: readonly DnsZone[] }>
  remove(name: string): Promise<void>
  /** The configured provider whose zones cover every domain (public zones), if exactly one does. */
  suggest(
    domains: readonly string[],
    options?: { readonly signal?: AbortSignal },
  ): Promise<DnsProviderConfig | undefined>
}

/** The facade scripts, the CLI and the TUI use. */
export interface CertDeck {
  readonly dataDir: string
  readonly config: CertDeckConfig
  readonly certificates: CertificatesApi
  readonly vault: VaultApi
  readonly plugins: PluginsStatus
  readonly credentials: CredentialsApi
  readonly cloud: CloudApi
  readonly deployments: DeploymentsApi
  /** The audit log, oldest first. */
  auditEvents(options?: { limit?: number }): Promise<AuditEvent[]>
  /** Requests to ACM and their validation. */
  readonly requests: RequestsApi
  /** Renew, revoke, retrieve key, delete. */
  readonly lifecycle: LifecycleApi
  /** Configured DNS providers. */
  readonly dns: DnsApi
  /** What opening found wrong but did not stop it (loosened file permissions, and what was done), for the user to see. */
  readonly warnings?: readonly string[]
}
