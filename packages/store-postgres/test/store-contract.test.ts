import { runStoreContract } from '@certdeck/core/testing'
import { afterAll } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { createDatabase, type TestDatabase } from '../src/testing/index.js'

const opened: OpenedPostgres[] = []
let current: TestDatabase

runStoreContract('PostgreSQL store', {
  async create(initial) {
    current = await createDatabase('contract')
    const backend = postgresBackend(current.url, { env: current.env })
    const result = await backend.create(initial)
    opened.push(result)
    return result.store
  },
  async reopen() {
    const result = await postgresBackend(current.url, { env: current.env }).open()
    opened.push(result)
    return result.store
  },
})

afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
})
