import { CertDeckError } from '@certdeck/core'
import type { ClientBase } from 'pg'
import { DATABASE_SCHEMA_VERSION, MIGRATIONS } from './migrations.js'

/** The value of `certdeck_repository.application`: a database of another application lacks it. */
export const APPLICATION = 'certdeck'

/** The advisory lock key migrations are applied under (any 64-bit constant private to CertDeck). */
const MIGRATION_LOCK = '7212341001'

const CREATE_MIGRATIONS = `CREATE TABLE certdeck_migrations (
  version integer PRIMARY KEY,
  description text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`

/** What a database holds. */
export type DatabaseState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'certdeck'; readonly version: number }
  | { readonly kind: 'foreign'; readonly tables: readonly string[] }

/** Looks at the tables of the connection's schema without changing anything. */
export async function inspectDatabase(client: ClientBase): Promise<DatabaseState> {
  const { rows } = await client.query<{ tablename: string }>(
    'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  )
  const tables = rows.map((row) => row.tablename)
  if (tables.length === 0) return { kind: 'empty' }
  if (!tables.includes('certdeck_migrations') || !tables.includes('certdeck_repository')) {
    return { kind: 'foreign', tables: tables.filter((t) => !t.startsWith('certdeck_')) }
  }
  const applied = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM certdeck_migrations',
  )
  const app = await client.query<{ application: string }>('SELECT application FROM certdeck_repository')
  if (app.rows.length > 0 && app.rows[0].application !== APPLICATION) return { kind: 'foreign', tables }
  return { kind: 'certdeck', version: applied.rows[0]?.version ?? 0 }
}

/** The error for a database that holds another application's tables. */
export function foreignDatabaseError(where: string, tables: readonly string[]): CertDeckError {
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, and ${tables.length - 5} more` : '')
  return new CertDeckError(
    'STORE_FOREIGN_DATABASE',
    `${where} holds tables of another application (${shown}), so CertDeck will not use it; nothing was written. ` +
      'Give CertDeck a database of its own (CREATE DATABASE certdeck) and point the store URL at it.',
  )
}

/** The error for a schema written by a newer CertDeck. */
export function tooNewError(where: string, version: number): CertDeckError {
  return new CertDeckError(
    'STORE_TOO_NEW',
    `${where} was written by a newer CertDeck (database schema ${version}; this one knows up to ` +
      `${DATABASE_SCHEMA_VERSION}). Upgrade CertDeck on this machine to use it; nothing was changed.`,
    { kind: 'failure' },
  )
}

/**
 * Brings the schema up to {@link DATABASE_SCHEMA_VERSION} under an advisory lock (concurrent
 * processes apply each step once), one transaction per step, recorded in `certdeck_migrations`.
 * Refuses a database of another application and a newer schema. Returns the steps applied.
 */
export async function applyMigrations(client: ClientBase, where: string): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
  try {
    const state = await inspectDatabase(client)
    if (state.kind === 'foreign') throw foreignDatabaseError(where, state.tables)
    const from = state.kind === 'certdeck' ? state.version : 0
    if (from > DATABASE_SCHEMA_VERSION) throw tooNewError(where, from)
    let applied = 0
    for (const step of MIGRATIONS.filter((m) => m.version > from)) {
      await client.query('BEGIN')
      try {
        if (state.kind === 'empty' && applied === 0) await client.query(CREATE_MIGRATIONS)
        await client.query(step.sql)
        await client.query('INSERT INTO certdeck_migrations (version, description) VALUES ($1, $2)', [
          step.version,
          step.description,
        ])
        await client.query('COMMIT')
        applied += 1
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }
    return applied
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
  }
}
