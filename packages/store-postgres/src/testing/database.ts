import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

/** How the tests reach the server of the run. */
export interface PostgresServerInfo {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string
  /** Where the server keeps its data (the restart test needs it). */
  readonly databaseDir: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresServerInfo
  }
}

/** A database of its own on the run's server, and how to reach it. */
export interface TestDatabase {
  readonly name: string
  /** `postgres://postgres@127.0.0.1:PORT/NAME` (no password: it is in {@link env}). */
  readonly url: string
  /** The environment that gives the password (PGPASSWORD). */
  readonly env: NodeJS.ProcessEnv
}

/** The run's server. */
export function server() {
  return inject('postgres')
}

/** Creates a fresh database on the run's server (one per test file, or per test where needed). */
export async function createDatabase(prefix = 'certdeck'): Promise<TestDatabase> {
  const info = server()
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({
    host: info.host,
    port: info.port,
    user: info.user,
    password: info.password,
    database: 'postgres',
  })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  return {
    name,
    url: `postgres://${info.user}@${info.host}:${info.port}/${name}`,
    env: { ...process.env, PGPASSWORD: info.password },
  }
}

/** A connected client of database `name` as the superuser (for a test that holds a lock or a transaction open); end it. */
export async function clientIn(name: string): Promise<pg.Client> {
  const client = new pg.Client({ ...server(), database: name })
  await client.connect()
  return client
}

/** Runs `sql` in database `name` as the superuser. */
export async function sqlIn<R extends pg.QueryResultRow = pg.QueryResultRow>(
  name: string,
  sql: string,
  values: unknown[] = [],
): Promise<R[]> {
  const info = server()
  const client = new pg.Client({
    host: info.host,
    port: info.port,
    user: info.user,
    password: info.password,
    database: name,
  })
  await client.connect()
  try {
    return (await client.query<R>(sql, values)).rows
  } finally {
    await client.end()
  }
}
