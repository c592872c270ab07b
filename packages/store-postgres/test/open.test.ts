import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type StoreBackend, emptyStoreData, initCertDeck, openCertDeck } from '@certdeck/core'
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

  it('starts reading the repository while the passphrase is derived when asked to preload, and not otherwise', async () => {
    const db = await createDatabase('preload')
    const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-preload-'))
    const passphrase = 'preload passphrase 7'
    let reads = 0
    const backend = (): StoreBackend => {
      const inner = postgresBackend(db.url, { env: db.env })
      return {
        location: inner.location,
        create: (initial, afterCommit) => inner.create(initial, afterCommit),
        open: async () => {
          const result = await inner.open()
          opened.push(result)
          const read = result.store.read.bind(result.store)
          result.store.read = () => {
            reads += 1
            return read()
          }
          return result
        },
      }
    }
    try {
      await initCertDeck({ dataDir, passphrase, scrypt: { N: 2 ** 10, r: 8, p: 1 }, backend: backend() })
      await openCertDeck({ dataDir, passphrase, backend: backend() })
      expect(reads).toBe(0)
      const deck = await openCertDeck({ dataDir, passphrase, backend: backend(), preload: true })
      expect(reads).toBe(1)
      expect(await deck.certificates.list()).toEqual([])
      // A wrong passphrase still fails as before, preload or not.
      await expect(openCertDeck({ dataDir, passphrase: 'wrong', backend: backend(), preload: true })).rejects.toThrow(
        /passphrase/i,
      )
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
