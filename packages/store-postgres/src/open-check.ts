import type { VaultHeader } from '@certdeck/core'
import type { ClientBase } from 'pg'
import { vaultHeaderOf, type VaultRow } from './load.js'
import { APPLICATION } from './schema/apply.js'

/** What opening needs to know of a CertDeck database, read in one round trip. */
export interface OpenFacts {
  /** The newest migration applied. */
  readonly version: number
  /** The document schema of the repository row. */
  readonly documentSchema: number
  /** The vault header, or null when none was created. */
  readonly vault: VaultHeader | null
}

/**
 * Reads the schema version, the repository row and the vault header in one query. Undefined
 * when the database is not plainly an initialised CertDeck one (no tables, another application's,
 * no repository row): the caller then inspects it step by step for the precise error.
 */
export async function readOpenFacts(client: ClientBase): Promise<OpenFacts | undefined> {
  let rows: (VaultRow & { version: number | null; application: string; document_schema: number })[]
  try {
    ;({ rows } = await client.query(
      `SELECT (SELECT max(version) FROM certdeck_migrations) AS version, r.application, r.document_schema,
              v.kdf, v.salt, v.n, v.r, v.p, v.check_value
       FROM certdeck_repository r LEFT JOIN certdeck_vault v ON true`,
    ))
  } catch (error) {
    // undefined_table: an empty database or another application's.
    if ((error as { code?: string }).code === '42P01') return undefined
    throw error
  }
  const row = rows[0]
  if (!row || row.application !== APPLICATION) return undefined
  return {
    version: row.version ?? 0,
    documentSchema: row.document_schema,
    vault: (row.kdf as string | null) === null ? null : vaultHeaderOf(row),
  }
}
