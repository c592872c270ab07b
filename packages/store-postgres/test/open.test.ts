import { emptyStoreData } from '@certdeck/core'
import { fullDocument } from '@certdeck/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { createDatabase, sqlIn } from '../src/testing/index.js'

const opened: OpenedPostgres[] = []
afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
})

describe('opening a PostgreSQL repository', () => {
  it('hands over the vault header read while opening once, then reads it again', async () => {
    const db = await createDatabase('open')
    const vault = fullDocument().vault
    opened.push(await postgresBackend(db.url, { env: db.env }).create({ ...emptyStoreData(), vault }))
    const again = await postgresBackend(db.url, { env: db.env }).open()
    opened.push(again)
    await sqlIn(db.name, "UPDATE certdeck_vault SET salt = 'bmV3'")
    expect(await again.vaultHeader()).toEqual(vault)
    expect((await again.vaultHeader())?.salt).toBe('bmV3')
  })

  it('refuses a repository row of another application, writing nothing', async () => {
    const db = await createDatabase('open')
    opened.push(await postgresBackend(db.url, { env: db.env }).create(emptyStoreData()))
    await sqlIn(db.name, "UPDATE certdeck_repository SET application = 'other'")
    await expect(postgresBackend(db.url, { env: db.env }).open()).rejects.toThrow(/another application/)
    expect(await sqlIn(db.name, 'SELECT application FROM certdeck_repository')).toEqual([{ application: 'other' }])
  })
})
