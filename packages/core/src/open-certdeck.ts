import 'reflect-metadata'
import { join, resolve } from 'node:path'
import { container as rootContainer } from 'tsyringe'
import type { CertDeck, VaultApi } from './api.js'
import { JsonlAuditLog } from './audit/jsonl-audit-log.js'
import { loadConfig } from './config/load-config.js'
import { audited } from './audit/audited.js'
import { CertDeckError } from './errors.js'
import { loadPlugins } from './plugins/loader.js'
import type { VaultHeader } from './domain/store-data.js'
import type { CertDeckPlugin } from './plugins/plugin.js'
import type { CertDeckConfig } from './domain/config.js'
import type { AuditLog } from './ports/audit-log.js'
import { type Clock, systemClock } from './ports/clock.js'
import { hasChanges } from './ports/store-changes.js'
import { registerCloud } from './register-cloud.js'
import { registerCore } from './register-core.js'
import { CertificateService } from './services/certificates/index.js'
import { DnsService } from './services/dns/index.js'
import { NotificationService, Notifiers, defaultNotifiers } from './services/notifications/index.js'
import { createWatchApi } from './services/watch/index.js'
import { AUDIT_FILE, resolveDataDir } from './store/data-dir.js'
import { FileStore } from './store/file-store.js'
import type { BackendStore, StoreBackend } from './store/store-backend.js'
import {
  unavailableCloudAfter,
  unavailableCredentials,
  unavailableDeployments,
  unavailableLifecycle,
  unavailableRequests,
} from './unavailable.js'
import type { AesGcmVault } from './vault/aes-gcm-vault.js'
import { BOUND_SEALS_SCHEMA, bindLegacySeals } from './vault/bind-seals.js'
import { changePassphrase, staleVaultError } from './vault/change-passphrase.js'
import type { ScryptParams } from './vault/kdf.js'
import { unlockVault } from './vault/vault-header.js'

/** Options of {@link openCertDeck}. */
export interface OpenCertDeckOptions {
  /** @default `$CERTDECK_HOME`, else `$XDG_DATA_HOME/certdeck`, else `~/.local/share/certdeck` */
  readonly dataDir?: string
  /** The master passphrase (from the environment or a prompt, never argv). */
  readonly passphrase: string
  /** Plugin objects to register besides the packages listed in config.json. */
  readonly plugins?: readonly CertDeckPlugin[]
  /**
   * Whether to load the plugin packages config.json lists. `false` for a caller that uses only the
   * local repository (`certdeck certs list`): their code does not run and nothing is reported of them.
   * @default true
   */
  readonly configuredPlugins?: boolean
  /**
   * Start reading the whole repository while the passphrase is derived (scrypt runs on the thread
   * pool), for a caller that will read it: a store of a `backend` opens without reading it. The
   * file store reads it while opening anyway. @default false
   */
  readonly preload?: boolean
  /** @default the system clock */
  readonly clock?: Clock
  /** scrypt cost of a new passphrase. @default N=2^16, r=8, p=1 (lower only in tests) */
  readonly scrypt?: ScryptParams
  /** Where the repository is kept when not in the data dir's files (config.json stays in the data dir). */
  readonly backend?: StoreBackend
}

/** The error for a data dir without an initialised repository. */
export function notInitialisedError(dataDir: string): CertDeckError {
  return new CertDeckError(
    'VAULT_NOT_INITIALISED',
    `There is no CertDeck repository in ${dataDir} yet. Run \`certdeck init\` to create it ` +
      '(or set CERTDECK_HOME to the directory that holds your certdeck.json).',
  )
}

function vaultApi(store: BackendStore, vault: AesGcmVault, audit: AuditLog, scrypt?: ScryptParams): VaultApi {
  return {
    changePassphrase: async (newPassphrase) => {
      await audited(audit, { action: 'vault.passphrase-change', target: store.path }, (recorder) =>
        changePassphrase(store, vault, newPassphrase, {
          scrypt,
          ...recorder.onCommit(({ resealed }: { resealed: number }) => ({ detail: `re-sealed ${resealed} secrets` })),
        }),
      )
    },
  }
}

/**
 * Opens the repository: reads config.json, unlocks the vault (a wrong passphrase is
 * `PASSPHRASE_WRONG` and writes nothing), commits a pending schema migration, loads plugins,
 * and builds the services in a child container. Returns the facade scripts, the CLI and the
 * TUI use.
 */
export async function openCertDeck(options: OpenCertDeckOptions): Promise<CertDeck> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : resolveDataDir()
  if (options.backend) return openWithBackend(dataDir, options, options.backend)
  if (!(await FileStore.exists(dataDir))) throw notInitialisedError(dataDir)
  // scrypt runs on the thread pool: start it from the file's first line while the rest loads.
  const peeked = (await FileStore.peekHeader(dataDir))?.vault as VaultHeader | null | undefined
  const early = peeked ? unlockVault(peeked, options.passphrase) : undefined
  early?.catch(() => undefined)
  const config = await loadConfig(dataDir)
  const store = await FileStore.open(dataDir)
  const header = (await store.read()).vault
  if (!header) throw notInitialisedError(dataDir)
  const sameHeader = early !== undefined && JSON.stringify(peeked) === JSON.stringify(header)
  const vault = sameHeader ? await early : await unlockVault(header, options.passphrase)
  store.setUpdateGuard((data) => {
    if (data.vault?.salt !== vault.salt) throw staleVaultError()
    // The update that commits a migration from schema 1 binds its seals: all of them or none.
    const from = store.pendingMigration?.from
    if (from !== undefined && from < BOUND_SEALS_SCHEMA) bindLegacySeals(data, vault)
  })
  const clock = options.clock ?? systemClock
  const auditLog = new JsonlAuditLog(join(dataDir, AUDIT_FILE), clock)
  const pending = store.pendingMigration
  if (pending) {
    await audited(auditLog, { action: 'store.migrate', target: store.path }, (recorder) =>
      store.migrate(
        recorder.onCommit((report) => ({
          detail: `schema ${pending.from} → ${pending.to}; backup ${report?.backup ?? 'none'}`,
        })),
      ),
    )
  }
  return assembleDeck(dataDir, options, { config, store, vault, auditLog, clock })
}

/**
 * Opens a repository kept by `backend`: unlocks the vault from its header alone, then builds the
 * services as {@link openCertDeck} does.
 */
async function openWithBackend(
  dataDir: string,
  options: OpenCertDeckOptions,
  backend: StoreBackend,
): Promise<CertDeck> {
  const config = await loadConfig(dataDir)
  const opened = await backend.open()
  const header = await opened.vaultHeader()
  if (!header) throw notInitialisedError(backend.location)
  // A failed preload is not reported here: the first read tries again and says why.
  if (options.preload) opened.store.read().catch(() => undefined)
  const vault = await unlockVault(header, options.passphrase)
  const store = opened.store
  store.setUpdateGuard((data) => {
    if (data.vault?.salt !== vault.salt) throw staleVaultError()
    // As on files: the update that commits a migration from schema 1 binds its seals.
    const from = store.pendingMigration?.from
    if (from !== undefined && from < BOUND_SEALS_SCHEMA) bindLegacySeals(data, vault)
  })
  const clock = options.clock ?? systemClock
  const auditLog = opened.auditLog(clock)
  const pending = store.pendingMigration
  if (pending && store.migrate) {
    const migrate = store.migrate.bind(store)
    await audited(auditLog, { action: 'store.migrate', target: backend.location }, (recorder) =>
      migrate(
        recorder.onCommit((done) => ({
          detail: done ? `document schema ${pending.from} → ${pending.to}` : 'already migrated by another process',
        })),
      ),
    )
  }
  return assembleDeck(dataDir, options, { config, store, vault, auditLog, clock })
}

interface OpenedParts {
  readonly config: CertDeckConfig
  readonly store: BackendStore
  readonly vault: AesGcmVault
  readonly auditLog: AuditLog
  readonly clock: Clock
}

/** Loads the plugins and builds the services of an opened repository. */
async function assembleDeck(dataDir: string, options: OpenCertDeckOptions, parts: OpenedParts): Promise<CertDeck> {
  const { config, store, vault, auditLog, clock } = parts
  const plugins = await loadPlugins({
    plugins: options.plugins,
    packages: options.configuredPlugins === false ? [] : config.plugins,
    dataDir,
  })
  const container = registerCore(rootContainer.createChildContainer(), {
    store,
    vault,
    auditLog,
    clock,
    config,
    plugins,
  })
  const cloud = registerCloud(container)
  const certificates = container.resolve(CertificateService)
  container.register(Notifiers, { useValue: defaultNotifiers })
  const notifications = container.resolve(NotificationService)
  const deck: CertDeck = {
    dataDir,
    config,
    certificates,
    vault: vaultApi(store, vault, auditLog, options.scrypt),
    plugins: plugins.status,
    credentials: cloud?.credentials ?? unavailableCredentials,
    cloud: cloud?.cloud ?? unavailableCloudAfter(plugins.status.failed),
    deployments: cloud?.deployments ?? unavailableDeployments,
    auditEvents: (listOptions) => auditLog.list(listOptions),
    warnings: store.warnings,
    requests: cloud?.requests ?? {
      ...unavailableRequests,
      list: async () => [...(await store.read()).requests].reverse(),
    },
    lifecycle: cloud?.lifecycle ?? unavailableLifecycle,
    dns: container.resolve(DnsService),
    ...(hasChanges(store) ? { onStoreChange: (listener) => store.onChange(listener) } : {}),
    notifications,
  }
  return { ...deck, watch: createWatchApi({ ...deck, notifications }, store, clock, auditLog) }
}
