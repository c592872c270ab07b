import {
  CertDeckError,
  type Clock,
  type OpenedBackend,
  type StoreBackend,
  type StoreData,
  type VaultHeader,
} from '@certdeck/core'
import pg from 'pg'
import { PostgresAuditLog } from './audit-log.js'
import { type PostgresLocation, parseStoreUrl, storeError } from './connection.js'
import { loadVaultHeader } from './load.js'
import { readOpenFacts } from './open-check.js'
import { PostgresStore } from './postgres-store.js'
import { APPLICATION, applyMigrations, foreignDatabaseError, inspectDatabase, tooNewError } from './schema/apply.js'
import { DATABASE_SCHEMA_VERSION } from './schema/migrations.js'
import { SCHEMA_VERSION } from '@certdeck/core'

/** Options of {@link postgresBackend}. */
export interface PostgresBackendOptions {
  /** Where `PGPASSWORD` and `CERTDECK_STORE_PASSWORD_FILE` are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv
  /** Connections of the pool. @default 4 */
  readonly poolSize?: number
}

/** An opened repository with its store typed as {@link PostgresStore}. */
export interface OpenedPostgres extends OpenedBackend {
  readonly store: PostgresStore
  auditLog(clock: Clock): PostgresAuditLog
}

/** A {@link StoreBackend} whose stores are {@link PostgresStore}s. */
export interface PostgresBackend extends StoreBackend {
  open(): Promise<OpenedPostgres>
  create(initial: StoreData, afterCommit?: () => Promise<void>): Promise<OpenedPostgres>
}

function poolOf(location: PostgresLocation, size: number): pg.Pool {
  const pool = new pg.Pool({ ...location.config, max: size, allowExitOnIdle: true, keepAlive: true })
  // An idle connection dropped by the server (a restart) is replaced on the next query.
  pool.on('error', () => undefined)
  return pool
}

function notInitialised(location: PostgresLocation): CertDeckError {
  return new CertDeckError(
    'VAULT_NOT_INITIALISED',
    `There is no CertDeck repository in ${location.redacted} yet. Run \`certdeck init --store ${location.redacted}\` ` +
      'to create it there, or `certdeck store copy --to ...` to copy an existing one.',
  )
}

/**
 * The PostgreSQL store of `url` as a `StoreBackend` for `openCertDeck` / `initCertDeck`.
 * Opening checks the schema (another application's database and a newer schema are refused,
 * writing nothing; an older database schema is migrated) and reads no inventory, unless the document
 * schema is older: then `store.pendingMigration` says so and `store.migrate()` (run by
 * `openCertDeck`) brings it up to date in one transaction under the write lock.
 */
export function postgresBackend(url: string, options: PostgresBackendOptions = {}): PostgresBackend {
  const location = parseStoreUrl(url, options.env)
  const size = options.poolSize ?? 4
  const opened = (pool: pg.Pool, header?: VaultHeader | null): OpenedPostgres => {
    const store = new PostgresStore(location, pool)
    // The header read while opening serves the first ask (unlocking); later ones read it again.
    let early = header
    return {
      store,
      auditLog: (clock: Clock) => new PostgresAuditLog(pool, location, clock),
      vaultHeader: async () => {
        if (early !== undefined) {
          const found = early
          early = undefined
          return found
        }
        try {
          return await loadVaultHeader(pool)
        } catch (error) {
          throw storeError(error, location, 'reading the vault header')
        }
      },
    }
  }
  return {
    location: location.redacted,
    async open() {
      const pool = poolOf(location, size)
      let documentSchema = SCHEMA_VERSION
      try {
        const client = await pool.connect()
        let header: VaultHeader | null | undefined
        try {
          // The usual case in one round trip; anything else is inspected step by step for its error.
          const facts = await readOpenFacts(client)
          if (facts?.version === DATABASE_SCHEMA_VERSION) {
            assertKnownDocumentSchema(facts.documentSchema, location)
            documentSchema = facts.documentSchema
            header = facts.vault
          } else {
            const state = await inspectDatabase(client)
            if (state.kind === 'empty') throw notInitialised(location)
            if (state.kind === 'foreign') throw foreignDatabaseError(location.redacted, state.tables)
            if (state.version > DATABASE_SCHEMA_VERSION) throw tooNewError(location.redacted, state.version)
            if (state.version < DATABASE_SCHEMA_VERSION) await applyMigrations(client, location.redacted)
            documentSchema = await assertDocumentSchema(client, location)
          }
        } finally {
          client.release()
        }
        const result = opened(pool, header)
        // An older document is read now, so that `pendingMigration` tells the opener to migrate it.
        if (documentSchema < SCHEMA_VERSION) await result.store.read()
        return result
      } catch (error) {
        await pool.end().catch(() => undefined)
        throw storeError(error, location, 'opening the repository')
      }
    },
    async create(initial, afterCommit) {
      const pool = poolOf(location, size)
      try {
        const client = await pool.connect()
        try {
          await applyMigrations(client, location.redacted)
          await client.query(
            'INSERT INTO certdeck_repository (application, document_schema) VALUES ($1, $2) ON CONFLICT DO NOTHING',
            [APPLICATION, SCHEMA_VERSION],
          )
        } finally {
          client.release()
        }
        const result = opened(pool)
        await result.store.update((draft) => {
          if (draft.vault) throw alreadyInitialised(location)
          const target = draft as unknown as Record<string, unknown>
          for (const [key, value] of Object.entries(initial)) target[key] = value
        })
        await afterCommit?.()
        return result
      } catch (error) {
        await pool.end().catch(() => undefined)
        throw storeError(error, location, 'creating the repository')
      }
    },
  }
}

function alreadyInitialised(location: PostgresLocation): CertDeckError {
  return new CertDeckError(
    'ALREADY_INITIALISED',
    `${location.redacted} already holds a CertDeck repository; nothing was changed. To change its passphrase run ` +
      '`certdeck passphrase change`; to start afresh, point the store URL at another database.',
  )
}

/** The repository's document schema; a newer one than this build knows is refused. */
async function assertDocumentSchema(client: pg.PoolClient, location: PostgresLocation): Promise<number> {
  const { rows } = await client.query<{ document_schema: number }>('SELECT document_schema FROM certdeck_repository')
  if (rows.length === 0) throw notInitialised(location)
  assertKnownDocumentSchema(rows[0].document_schema, location)
  return rows[0].document_schema
}

function assertKnownDocumentSchema(documentSchema: number, location: PostgresLocation): void {
  if (documentSchema > SCHEMA_VERSION) {
    throw new CertDeckError(
      'STORE_TOO_NEW',
      `${location.redacted} holds a repository of a newer CertDeck (document schema ${documentSchema}; ` +
        `this one knows up to ${SCHEMA_VERSION}). Upgrade CertDeck on this machine to use it; nothing was changed.`,
      { kind: 'failure' },
    )
  }
}
