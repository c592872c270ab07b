/** Test support for suites that need a database of their own on the test run's PostgreSQL server. */
export type { PostgresServerInfo, TestDatabase } from './database.js'
export { clientIn, createDatabase, server, sqlIn } from './database.js'
export type { OwnServer } from './own-server.js'
export { startOwnServer } from './own-server.js'
