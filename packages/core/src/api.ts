import type { StoreChangeEvent } from './ports/store-changes.js'
import type { AuditEvent } from './domain/audit-event.js'
import type { CertDeckConfig } from './domain/config.js'
import type { CertificatesApi } from './services/certificates/index.js'
import type { CredentialsApi } from './services/credentials/index.js'
import type { CloudApi } from './services/discovery/index.js'
import type { DeploymentsApi } from './services/deploy/index.js'
import type { RequestsApi } from './services/requests/index.js'
import type { LifecycleApi } from './services/lifecycle/index.js'
import type { DnsApi } from './services/dns/index.js'
import type { NotificationsApi } from './services/notifications/index.js'
import type { WatchApi } from './services/watch/index.js'

// The facade's shape. Each capability's types live beside its service (services/<capability>/api.ts);
// this file names them once more for the code that sees the whole facade.
export type {
  CertificatesApi,
  CreateOptions,
  ExportOptions,
  GeneratedKeyAlgorithm,
  ImportOptions,
  ImportResult,
  InputFile,
  ListOptions,
  RenewalReason,
} from './services/certificates/index.js'
export type { AddCredentialOptions, CredentialsApi } from './services/credentials/index.js'
export type {
  CloudApi,
  DiscoverOptions,
  DiscoveryEvent,
  DiscoverySummary,
  ImportBodiesOptions,
  ImportBodiesSummary,
} from './services/discovery/index.js'
export type { DeploymentsApi, DeployOptions, DeployResult } from './services/deploy/index.js'
export type { RequestPrivateOptions, RequestPublicOptions, RequestsApi } from './services/requests/index.js'
export type { LifecycleApi } from './services/lifecycle/index.js'
export type { AddDnsProviderOptions, ChallengeEvent, DnsApi } from './services/dns/index.js'

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
  /** Notification channels and rules (set by openCertDeck). */
  readonly notifications?: NotificationsApi
  /** The automation scheduler: `certdeck watch` (set by openCertDeck). */
  readonly watch?: WatchApi
  /**
   * What opening found wrong but did not stop it (loosened file permissions, and what was done),
   * for the user to see.
   */
  readonly warnings?: readonly string[]
  /**
   * Present when the store tells of commits made by other processes (PostgreSQL): subscribes a
   * listener and returns the function that unsubscribes. A view re-reads on `changed` and
   * `reconnected`.
   */
  readonly onStoreChange?: (listener: (event: StoreChangeEvent) => void) => () => void
}
