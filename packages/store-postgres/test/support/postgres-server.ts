import type { TestProject } from 'vitest/node'
import type { PostgresServerInfo } from '../../src/testing/index.js'
import { startOwnServer } from '../../src/testing/own-server.js'

/** vitest globalSetup: starts one server for the whole run, provides its address, removes it at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startOwnServer({ maxConnections: 200 })
  const info: PostgresServerInfo = {
    host: '127.0.0.1',
    port: server.port,
    user: 'postgres',
    password: server.password,
    databaseDir: server.databaseDir,
  }
  project.provide('postgres', info)
  return () => server.dispose()
}
