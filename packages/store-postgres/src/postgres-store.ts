import type {
  BackendStore,
  Certificate,
  CertificateQuery,
  StoreData,
  StoreQueries,
  UpdateOptions,
} from '@certdeck/core'
import type pg from 'pg'
import { type PostgresLocation, storeError } from './connection.js'
import { ChangeListener } from './change-listener.js'
import { type DocumentMigration, migrateDraft, pendingDocumentMigration } from './document-migration.js'
import { acquireLease } from './leases.js'
import { loadChanges } from './load.js'
import { fieldColumns, itemOf } from './rows.js'
import { type CollectionDiff, commitDiff } from './diff.js'
import { type Draft, draftOf, wholeDraft } from './draft.js'
import { Snapshot } from './snapshot.js'
import { TABLES } from './tables.js'
import { type Written, writeChanges } from './write.js'
import type { Lease, StoreChangeEvent, StoreChanges, StoreLeases } from '@certdeck/core'

/** The advisory lock every update holds from its read to after its `afterCommit`. */
const WRITE_LOCK = '7212341002'
/** The channel each commit notifies. */
export const CHANGES_CHANNEL = 'certdeck_changes'

const CERTIFICATES = TABLES[0]

/**
 * The repository in a PostgreSQL database (see docs/team.md). Opening reads nothing of the
 * inventory; the first `read` loads it, later reads reload only the rows written since (one
 * query when nothing changed). Every `update` holds a session advisory lock from its read to
 * after its `afterCommit`, runs in one transaction that locks the repository row, and writes
 * only the rows that changed (one set-based upsert and one delete per table). A process that
 * dies mid-update leaves the last committed state: PostgreSQL rolls its transaction back and
 * frees its lock.
 */
export class PostgresStore implements BackendStore, StoreQueries, StoreLeases, StoreChanges {
  readonly path: string
  readonly warnings: readonly string[] = []
  readonly #pool: pg.Pool
  readonly #location: PostgresLocation
  readonly #snapshot = new Snapshot()
  readonly #listener: ChangeListener
  #guard: ((data: StoreData) => void) | undefined
  #queue: Promise<unknown> = Promise.resolve()
  #loading: Promise<StoreData> | undefined

  constructor(location: PostgresLocation, pool: pg.Pool) {
    this.path = location.redacted
    this.#location = location
    this.#pool = pool
    this.#listener = new ChangeListener(location, CHANGES_CHANNEL)
  }

  get loaded(): boolean {
    return this.#snapshot.revision >= 0
  }

  /** The document schema migration the next update commits, once an older repository was read. */
  get pendingMigration(): DocumentMigration | undefined {
    return this.loaded ? pendingDocumentMigration(this.#snapshot.data.schemaVersion) : undefined
  }

  /**
   * Commits a pending document schema migration in one update (under the write lock, in one
   * transaction); resolves with it, or undefined when another process migrated first.
   */
  migrate(options: UpdateOptions<DocumentMigration | undefined> = {}): Promise<DocumentMigration | undefined> {
    // Runs on the freshly read document: still the older one while this update migrates it.
    return this.update(() => pendingDocumentMigration(this.#snapshot.data.schemaVersion), options)
  }

  /** See FileStore.setUpdateGuard. */
  setUpdateGuard(guard: ((data: StoreData) => void) | undefined): void {
    this.#guard = guard
  }

  async read(): Promise<StoreData> {
    this.#loading ??= this.#refresh().finally(() => {
      this.#loading = undefined
    })
    return this.#loading
  }

  update<T>(fn: (data: StoreData) => T | Promise<T>, options: UpdateOptions<T> = {}): Promise<T> {
    const run = this.#queue.then(
      () => this.#update(fn, options),
      () => this.#update(fn, options),
    )
    this.#queue = run.catch(() => undefined)
    return run
  }

  async findCertificates(query: CertificateQuery): Promise<Certificate[]> {
    const needle = query.search?.trim().toLowerCase() || null
    const eq = query.tag?.indexOf('=') ?? -1
    const tagKey = query.tag === undefined ? null : eq < 0 ? query.tag : query.tag.slice(0, eq)
    const tagValue = query.tag === undefined || eq < 0 ? null : query.tag.slice(eq + 1)
    const child = CERTIFICATES.child
    // Each child row with the fields its columns hold, as itemOf puts them back.
    const children = child
      ? `, (SELECT coalesce(json_agg(json_build_object('body', c.body${child.columns
          .filter((col) => col.field)
          .map((col) => `, '${col.name}', c.${col.name}`)
          .join(
            '',
          )}) ORDER BY c.position), '[]'::json) FROM ${child.table} c WHERE c.${child.parent} = t.key) AS children`
      : ''
    const { rows } = await this.#query<{ body: unknown; children?: { body: unknown }[] }>(
      'listing certificates',
      `SELECT t.body${fieldColumns(CERTIFICATES, 't.')}${children} FROM ${CERTIFICATES.table} t
       WHERE ($1::text IS NULL OR strpos(t.search_text, $1) > 0)
         AND ($2::boolean OR NOT coalesce(t.revoked, false))
         AND ($3::text IS NULL OR t.body->'tags'->$3 IS NOT NULL)
         AND ($4::text IS NULL OR t.body->'tags'->>$3 = $4)
       ORDER BY t.ord OFFSET $5 LIMIT $6`,
      [needle, query.includeRevoked === true, tagKey, tagValue, query.offset ?? 0, query.limit ?? null],
    )
    return rows.map(
      (row) =>
        itemOf(
          CERTIFICATES,
          row.body,
          row,
          (row.children ?? []).map((c) => itemOf(child, c.body, c)),
        ) as Certificate,
    )
  }

  tryAcquireLease(name: string): Promise<Lease | undefined> {
    return acquireLease(this.#location, name)
  }

  onChange(listener: (event: StoreChangeEvent) => void): () => void {
    return this.#listener.subscribe(listener)
  }

  /** Closes every connection of this store. */
  async close(): Promise<void> {
    await this.#listener.close()
    await this.#pool.end()
  }

  async #query<R extends pg.QueryResultRow>(doing: string, sql: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.#pool.query<R>(sql, values)
    } catch (error) {
      throw storeError(error, this.#location, doing)
    }
  }

  async #refresh(): Promise<StoreData> {
    const revision = await this.#query<{ revision: string }>('reading', 'SELECT revision FROM certdeck_repository', [])
    if (Number(revision.rows[0]?.revision) === this.#snapshot.revision) return this.#snapshot.data
    const client = await this.#connect('reading')
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const { rows } = await client.query<{ revision: string }>('SELECT revision FROM certdeck_repository')
      await loadChanges(client, this.#snapshot, Number(rows[0].revision))
      await client.query('COMMIT')
      client.release()
      return this.#snapshot.data
    } catch (error) {
      client.release(true)
      throw storeError(error, this.#location, 'reading')
    }
  }

  async #connect(doing: string): Promise<pg.PoolClient> {
    try {
      return await this.#pool.connect()
    } catch (error) {
      throw storeError(error, this.#location, doing)
    }
  }

  async #update<T>(fn: (data: StoreData) => T | Promise<T>, options: UpdateOptions<T>): Promise<T> {
    // A read in flight (a preload) is awaited: the update then reloads only what changed since.
    await this.#loading?.catch(() => undefined)
    const client = await this.#connect('saving')
    let broken = false
    let inTransaction = false
    try {
      await client.query('SELECT pg_advisory_lock($1)', [WRITE_LOCK])
      await client.query('BEGIN')
      inTransaction = true
      const { rows } = await client.query<{ revision: string }>('SELECT revision FROM certdeck_repository FOR UPDATE')
      if (rows.length === 0) throw new Error('the repository row is missing')
      const revision = Number(rows[0].revision)
      if (revision !== this.#snapshot.revision) await loadChanges(client, this.#snapshot, revision)
      // An older document is brought to this build's schema in the same transaction as the change.
      const draft = migratedDraft(draftOf(this.#snapshot.data, this.#snapshot.collectionNames()))
      const migrating = draft.data.schemaVersion !== this.#snapshot.data.schemaVersion
      this.#guard?.(draft.data)
      const result = await fn(draft.data)
      const written = await writeChanges(client, this.#snapshot, draft, revision + 1)
      if (migrating)
        await client.query('UPDATE certdeck_repository SET document_schema = $1', [draft.data.schemaVersion])
      if (written || migrating) {
        await client.query('UPDATE certdeck_repository SET revision = $1', [revision + 1])
        await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, String(revision + 1)])
      }
      await client.query('COMMIT')
      inTransaction = false
      if (written || migrating) this.#commit(draft, written, revision + 1)
      await options.afterCommit?.(result)
      return result
    } catch (error) {
      if (inTransaction)
        await client.query('ROLLBACK').catch(() => {
          broken = true
        })
      if (isConnectionError(error)) broken = true
      throw isDriverError(error) ? storeError(error, this.#location, 'saving') : error
    } finally {
      if (!broken)
        await client.query('SELECT pg_advisory_unlock($1)', [WRITE_LOCK]).catch(() => {
          broken = true
        })
      client.release(broken)
    }
  }

  /** Makes the committed update the snapshot: only the changed collections' states are replaced. */
  #commit(draft: Draft, written: Written | undefined, revision: number): void {
    const snapshot = this.#snapshot
    // A read that raced this commit may have loaded it already.
    if (snapshot.revision >= revision) return
    const next = written?.diffs ?? new Map<string, CollectionDiff>()
    for (const [table, value] of written?.shared ?? []) snapshot.shared.set(table, value)
    const record = draft.data as unknown as Record<string, unknown>
    const committed = snapshot.data as unknown as Record<string, unknown>
    const data: Record<string, unknown> = {}
    for (const name of Object.keys(record)) {
      const diff = next.get(name)
      if (diff) {
        const state = commitDiff(diff)
        snapshot.collections.set(name, state)
        data[name] = state.items
      } else data[name] = draft.isList(name) ? committed[name] : record[name]
    }
    for (const [name, diff] of next) {
      if (!(name in data)) snapshot.collections.set(name, commitDiff(diff))
    }
    snapshot.data = data as unknown as StoreData
    snapshot.revision = revision
  }
}

/** `draft` brought to this build's document schema (a whole new document when it was older). */
function migratedDraft(draft: Draft): Draft {
  const migrated = migrateDraft(draft.data)
  return migrated === draft.data ? draft : wholeDraft(migrated, draft)
}

function isDriverError(error: unknown): boolean {
  const err = error as { code?: unknown; severity?: unknown } | null
  return err !== null && typeof err === 'object' && (typeof err.severity === 'string' || isConnectionError(error))
}

function isConnectionError(error: unknown): boolean {
  const err = error as { code?: unknown; message?: unknown } | null
  return (
    err !== null &&
    typeof err === 'object' &&
    ((typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) ||
      (typeof err.message === 'string' && /Connection terminated|not queryable/i.test(err.message)))
  )
}
