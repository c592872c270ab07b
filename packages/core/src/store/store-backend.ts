import type { StoreData, VaultHeader } from '../domain/store-data.js'
import type { AuditLog } from '../ports/audit-log.js'
import type { Clock } from '../ports/clock.js'
import type { Store, UpdateOptions } from '../ports/store.js'

/** A store opened by a {@link StoreBackend}, with what `openCertDeck` needs of it besides the port. */
export interface BackendStore extends Store {
  /** Refuses updates the check throws for (see `FileStore.setUpdateGuard`). */
  setUpdateGuard(guard: ((data: StoreData) => void) | undefined): void
  /** Things found at open the user should hear of. */
  readonly warnings: readonly string[]
  /** The document schema migration the next update commits, when the repository is of an older one. */
  readonly pendingMigration?: { readonly from: number; readonly to: number }
  /** Commits a pending document schema migration (one update); undefined when there is none. */
  migrate?(options?: UpdateOptions<unknown>): Promise<unknown>
}

/** A repository opened through a {@link StoreBackend}: the store, its audit log and its vault header. */
export interface OpenedBackend {
  readonly store: BackendStore
  /** The audit log kept beside the store. */
  auditLog(clock: Clock): AuditLog
  /** The vault header alone (no inventory is loaded to unlock); null when there is none yet. */
  vaultHeader(): Promise<VaultHeader | null>
}

/**
 * A repository kept somewhere other than the data dir's files (a PostgreSQL database), passed
 * to `openCertDeck` and `initCertDeck` by the composition root that chose it. Core never
 * imports a backend's driver.
 */
export interface StoreBackend {
  /** Where the repository is, for messages, with any password redacted. */
  readonly location: string
  /** Opens an initialised repository; `VAULT_NOT_INITIALISED` when there is none. */
  open(): Promise<OpenedBackend>
  /**
   * Creates the repository holding `initial`; refuses (`ALREADY_INITIALISED`), changing nothing,
   * when one exists. `afterCommit` runs once it is committed.
   */
  create(initial: StoreData, afterCommit?: () => Promise<void>): Promise<OpenedBackend>
}
