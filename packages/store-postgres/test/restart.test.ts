import { type StoreChangeEvent, emptyStoreData } from '@certdeck/core'
import { rejection } from '@certdeck/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { type OwnServer, startOwnServer } from '../src/testing/own-server.js'

// This file restarts its server, so it runs one of its own rather than the run's shared one.
let server: OwnServer
let url: string
const opened: OpenedPostgres[] = []

beforeAll(async () => {
  server = await startOwnServer()
  url = await server.createDatabase('restart')
})

afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
  await server?.dispose()
})

describe('PostgreSQL store across a server restart', () => {
  it('reports the outage to a running process, reconnects by itself, and loses nothing', async () => {
    const result = await postgresBackend(url, { env: server.env }).create(emptyStoreData())
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
    expect(failed.message).not.toContain(server.password)

    await server.start()
    await expect.poll(() => events.includes('reconnected'), { timeout: 20_000 }).toBe(true)
    await add('after')
    const ids = (await store.read()).dnsProviders.map((p) => p.id)
    expect(ids).toContain('before')
    expect(ids).toContain('after')
    expect(ids).not.toContain('during')
    const reopened = await postgresBackend(url, { env: server.env }).open()
    opened.push(reopened)
    expect((await reopened.store.read()).dnsProviders.map((p) => p.id)).toEqual(ids)
    unsubscribe()
  }, 90_000)
})
