import { appendFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  AUDIT_FILE,
  type AuditEvent,
  type AuditLog,
  CertDeckError,
  FileStore,
  JsonlAuditLog,
  type Store,
  type StoreData,
  systemClock,
} from '@certdeck/core'
import { isPostgresUrl, postgresBackend } from '@certdeck/store-postgres'

/** One side of a copy: a repository's store and audit log, opened without the passphrase (secrets stay sealed). */
export interface CopyEndpoint {
  /** Where it is, for messages (a URL without password). */
  readonly location: string
  /** The store, or undefined when there is no repository there yet. */
  readonly store: Store | undefined
  readonly audit: AuditLog | undefined
  /** Creates the repository holding `data` (only when {@link store} is undefined). */
  create(data: StoreData): Promise<void>
  /** Adds copied audit events as they are, skipping ids already there; returns how many were added. */
  importAudit(events: readonly AuditEvent[]): Promise<number>
  /** Closes connections. */
  close(): Promise<void>
}

function refusePending(store: Pick<FileStore, 'pendingMigration'>, location: string): void {
  if (store.pendingMigration) {
    throw new CertDeckError(
      'STORE_COPY_NEEDS_MIGRATION',
      `${location} is of an older schema (${store.pendingMigration.from}). Open it once with this CertDeck ` +
        '(any command, e.g. certdeck certs list) to migrate it, then copy it.',
    )
  }
}

async function fileEndpoint(dir: string): Promise<CopyEndpoint> {
  const dataDir = resolve(dir)
  const auditPath = join(dataDir, AUDIT_FILE)
  let store = (await FileStore.exists(dataDir)) ? await FileStore.open(dataDir) : undefined
  if (store) refusePending(store, dataDir)
  const audit = new JsonlAuditLog(auditPath, systemClock)
  return {
    location: dataDir,
    store,
    audit: store ? audit : undefined,
    async create(data) {
      store = await FileStore.create(dataDir, data)
    },
    async importAudit(events) {
      const have = new Set((await audit.list()).map((e) => e.id))
      const missing = events.filter((e) => !have.has(e.id))
      if (missing.length > 0) {
        await appendFile(auditPath, missing.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 })
      }
      return missing.length
    },
    close: async () => undefined,
  }
}

async function postgresEndpoint(url: string, env: NodeJS.ProcessEnv): Promise<CopyEndpoint> {
  const backend = postgresBackend(url, { env })
  let opened = await backend.open().catch((error: unknown) => {
    if ((error as { code?: string }).code === 'VAULT_NOT_INITIALISED') return undefined
    throw error
  })
  if (opened?.store.pendingMigration) {
    await opened.store.close()
    refusePending(opened.store, backend.location)
  }
  const auditOf = () => opened?.auditLog(systemClock)
  return {
    location: backend.location,
    store: opened?.store,
    audit: auditOf(),
    async create(data) {
      opened = await backend.create(data)
    },
    async importAudit(events) {
      const audit = auditOf()
      return audit ? audit.import(events) : 0
    },
    close: async () => opened?.store.close(),
  }
}

/** The endpoint of `--to` (a postgres:// URL or a directory) or of the current repository. */
export function openEndpoint(target: string, env: NodeJS.ProcessEnv): Promise<CopyEndpoint> {
  return isPostgresUrl(target) ? postgresEndpoint(target, env) : fileEndpoint(target)
}
