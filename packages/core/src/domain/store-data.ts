import type { Certificate, PendingKey } from './certificate.js'
import type { CertificateRequest } from './certificate-request.js'
import type { CloudCertificate } from './cloud-certificate.js'
import type { Credential } from './credential.js'
import type { Deployment } from './deployment.js'
import type { DnsProviderConfig } from './dns-provider-config.js'
import type { NotificationChannel, NotificationLogEntry, NotificationRules, NotificationSent } from './notification.js'
import type { SealedSecret } from './sealed-secret.js'
import type { WatchRun, WatchSetting } from './watch.js'

/** scrypt parameters and salt of the master key, plus a sealed check value. */
export interface VaultHeader {
  readonly kdf: 'scrypt'
  /** base64 */
  readonly salt: string
  readonly N: number
  readonly r: number
  readonly p: number
  /** A known value sealed with the key: opening it proves the passphrase. */
  readonly check: SealedSecret
}

/** Discovery bookkeeping per (credential, region). */
export interface RegionScan {
  readonly credentialId: string
  readonly region: string
  /** ISO 8601 of the last scan that answered. */
  readonly lastSuccessAt?: string
  /** ISO 8601 and message of the last failure, cleared by a success. */
  readonly lastFailureAt?: string
  readonly lastError?: string
}

/** The whole repository document. Secrets inside are {@link SealedSecret}s. */
export interface StoreData {
  schemaVersion: number
  vault: VaultHeader | null
  certificates: Certificate[]
  pendingKeys: PendingKey[]
  credentials: Credential[]
  cloudCertificates: CloudCertificate[]
  regionScans: RegionScan[]
  requests: CertificateRequest[]
  deployments: Deployment[]
  dnsProviders: DnsProviderConfig[]
  /** Automation: where notifications go (secrets sealed). */
  notificationChannels: NotificationChannel[]
  /** Automation: at most one entry (`default`); absent means the defaults. */
  notificationRules: NotificationRules[]
  /** Automation: what was delivered, so nothing is sent twice. */
  notificationsSent: NotificationSent[]
  /** Automation: the latest delivery attempts, newest last (bounded). */
  notificationLog: NotificationLogEntry[]
  /** Automation: schedules and settings per watch task kind; absent kinds use the defaults. */
  watchSettings: WatchSetting[]
  /** Automation: where each watch task stands. */
  watchRuns: WatchRun[]
}

/** The schema version this build writes. */
export const SCHEMA_VERSION = 3

/** A fresh, empty document. */
export function emptyStoreData(): StoreData {
  return {
    schemaVersion: SCHEMA_VERSION,
    vault: null,
    certificates: [],
    pendingKeys: [],
    credentials: [],
    cloudCertificates: [],
    regionScans: [],
    requests: [],
    deployments: [],
    dnsProviders: [],
    notificationChannels: [],
    notificationRules: [],
    notificationsSent: [],
    notificationLog: [],
    watchSettings: [],
    watchRuns: [],
  }
}
