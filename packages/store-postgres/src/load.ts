import type { VaultHeader } from '@certdeck/core'
import type { ClientBase } from 'pg'
import { fieldColumns, itemOf } from './rows.js'
import { loadSharedValues } from './shared-values.js'
import type { LoadedChange, Snapshot } from './snapshot.js'
import { GENERIC_TABLE, TABLES, type TableSpec } from './tables.js'

/** Row of `certdeck_vault`. */
export interface VaultRow {
  kdf: 'scrypt'
  salt: string
  n: number
  r: number
  p: number
  check_value: VaultHeader['check']
}

/** The vault header, or null when none was created. */
export async function loadVaultHeader(client: Pick<ClientBase, 'query'>): Promise<VaultHeader | null> {
  const { rows } = await client.query<VaultRow>('SELECT kdf, salt, n, r, p, check_value FROM certdeck_vault')
  return rows[0] ? vaultHeaderOf(rows[0]) : null
}

/** The vault header of its row. */
export function vaultHeaderOf(row: VaultRow): VaultHeader {
  return { kdf: row.kdf, salt: row.salt, N: row.n, r: row.r, p: row.p, check: row.check_value }
}

/** The child rows (certificate versions, request history) of the rows written after `since`, by parent. */
async function childrenOf(client: ClientBase, spec: TableSpec, since: number): Promise<Map<string, unknown[]>> {
  const byParent = new Map<string, unknown[]>()
  const child = spec.child
  if (!child) return byParent
  const { rows } = await client.query<{ parent: string; body: unknown }>(
    `SELECT c.${child.parent} AS parent, c.body${fieldColumns(child, 'c.')} FROM ${child.table} c ` +
      `JOIN ${spec.table} t ON t.key = c.${child.parent} WHERE t.rev > $1 ORDER BY c.${child.parent}, c.position`,
    [since],
  )
  for (const row of rows) {
    const entry = itemOf(child, row.body, row)
    const list = byParent.get(row.parent)
    if (list) list.push(entry)
    else byParent.set(row.parent, [entry])
  }
  return byParent
}

/**
 * Reads what changed since `snapshot.revision` (everything the first time) and applies it.
 * Runs on `client` inside a transaction that sees one committed state (the caller's).
 */
export async function loadChanges(client: ClientBase, snapshot: Snapshot, revision: number): Promise<void> {
  const since = snapshot.revision
  const changed: LoadedChange[] = []
  for (const spec of TABLES) {
    const { rows } = await client.query<{ key: string; ord: number; body: unknown }>(
      `SELECT key, ord, body${fieldColumns(spec)} FROM ${spec.table} WHERE rev > $1 ORDER BY ord`,
      [since],
    )
    if (rows.length === 0) continue
    // Children in a query of their own: one join instead of a sub-select per row.
    const children = await childrenOf(client, spec, since)
    for (const row of rows) {
      changed.push({
        collection: spec.collection,
        key: row.key,
        ord: row.ord,
        item: itemOf(spec, row.body, row, children.get(row.key)),
      })
    }
  }
  const generic = await client.query<{ collection: string; key: string; ord: number; body: unknown }>(
    `SELECT collection, key, ord, body FROM ${GENERIC_TABLE} WHERE rev > $1 ORDER BY collection, ord`,
    [since],
  )
  for (const row of generic.rows)
    changed.push({ collection: row.collection, key: row.key, ord: row.ord, item: row.body })
  const deleted =
    since < 0
      ? []
      : (
          await client.query<{ collection: string; key: string }>(
            'SELECT collection, key FROM certdeck_tombstones WHERE rev > $1',
            [since],
          )
        ).rows
  const fields = await client.query<{ name: string; body: unknown }>(
    'SELECT name, body FROM certdeck_document_fields WHERE rev > $1',
    [since],
  )
  const other: Record<string, unknown> = {}
  for (const row of fields.rows) other[row.name] = row.body
  const schema = await client.query<{ document_schema: number }>('SELECT document_schema FROM certdeck_repository')
  const vault = await loadVaultHeader(client)
  snapshot.apply(
    revision,
    deleted,
    changed,
    { vault, schemaVersion: schema.rows[0]?.document_schema, other },
    await loadSharedValues(client),
  )
}
