import { join, resolve } from 'node:path'
import { audited } from './audit/audited.js'
import { JsonlAuditLog } from './audit/jsonl-audit-log.js'
import { emptyStoreData } from './domain/store-data.js'
import { CertDeckError } from './errors.js'
import { type Clock, systemClock } from './ports/clock.js'
import { AUDIT_FILE, resolveDataDir } from './store/data-dir.js'
import { FileStore } from './store/file-store.js'
import type { OpenedBackend, StoreBackend } from './store/store-backend.js'
import { DEFAULT_SCRYPT, type ScryptParams } from './vault/kdf.js'
import { assertPassphraseStrength } from './vault/passphrase-policy.js'
import { createVault } from './vault/vault-header.js'

/** Options of {@link initCertDeck}. */
export interface InitCertDeckOptions {
  /** @default `$CERTDECK_HOME`, else `$XDG_DATA_HOME/certdeck`, else `~/.local/share/certdeck` */
  readonly dataDir?: string
  /** The new master passphrase: at least 8 characters. */
  readonly passphrase: string
  /** @default the system clock */
  readonly clock?: Clock
  /** scrypt cost. @default N=2^16, r=8, p=1 (lower only in tests) */
  readonly scrypt?: ScryptParams
  /** Where to keep the repository when not in the data dir's files. */
  readonly backend?: StoreBackend
}

/** What {@link initCertDeck} created. */
export interface InitResult {
  readonly dataDir: string
  /** The repository file, or the backend's redacted location. */
  readonly path: string
}

function alreadyInitialised(dataDir: string): CertDeckError {
  return new CertDeckError(
    'ALREADY_INITIALISED',
    `${dataDir} already holds an initialised CertDeck repository; nothing was changed. To change its ` +
      'passphrase run `certdeck passphrase change`; to start afresh, choose another directory with CERTDECK_HOME.',
  )
}

/**
 * Creates the repository and its vault (dir 0700, files 0600) under a new master passphrase.
 * Refuses a weak passphrase and an already initialised repository, writing nothing. A file
 * without a vault (written by hand) gets one.
 */
export async function initCertDeck(options: InitCertDeckOptions): Promise<InitResult> {
  assertPassphraseStrength(options.passphrase)
  const dataDir = options.dataDir ? resolve(options.dataDir) : resolveDataDir()
  if (options.backend) return initBackend(dataDir, options, options.backend)
  const existing = (await FileStore.exists(dataDir)) ? await FileStore.open(dataDir) : undefined
  if (existing && (await existing.read()).vault) throw alreadyInitialised(dataDir)
  const { header } = await createVault(options.passphrase, options.scrypt ?? DEFAULT_SCRYPT)
  const audit = new JsonlAuditLog(join(dataDir, AUDIT_FILE), options.clock ?? systemClock)
  const store = await audited(audit, { action: 'vault.init', target: dataDir }, async (recorder) => {
    if (!existing) return FileStore.create(dataDir, { ...emptyStoreData(), vault: header }, recorder.onCommit())
    await existing.update((data) => {
      if (data.vault) throw alreadyInitialised(dataDir)
      data.vault = header
    }, recorder.onCommit())
    return existing
  })
  return { dataDir, path: store.path }
}

/** Creates the vault in a repository kept by `backend`, audited in that repository's own log. */
async function initBackend(dataDir: string, options: InitCertDeckOptions, backend: StoreBackend): Promise<InitResult> {
  const { header } = await createVault(options.passphrase, options.scrypt ?? DEFAULT_SCRYPT)
  let opened: OpenedBackend | undefined
  await backend.create({ ...emptyStoreData(), vault: header }, async () => {
    opened = await backend.open()
  })
  await opened
    ?.auditLog(options.clock ?? systemClock)
    .append({ action: 'vault.init', target: backend.location, outcome: 'ok' })
  return { dataDir, path: backend.location }
}
