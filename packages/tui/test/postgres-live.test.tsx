import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CertDeck, initCertDeck, openCertDeck } from '@certdeck/core'
import acm from '@certdeck/plugin-acm'
import { afterAll, describe, expect, it } from 'vitest'
import { renderApp } from './helpers/render.js'
import { postgresBackend } from '@certdeck/store-postgres'
import { createDatabase, sqlIn } from '@certdeck/store-postgres/testing'

const PASSPHRASE = 'correct horse battery staple 7'
const cleanup: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const step of cleanup.reverse()) await step()
})

describe('the full-screen UI on a PostgreSQL store', () => {
  it("shows another process's commit by itself, without a key press", async () => {
    const db = await createDatabase('tui')
    const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-pg-tui-'))
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }))
    const backend = postgresBackend(db.url, { env: db.env })
    await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 }, backend })
    const deck: CertDeck = await openCertDeck({ dataDir, passphrase: PASSPHRASE, plugins: [acm()], backend })
    const app = await renderApp({ deck })
    cleanup.push(async () => app.unmount())
    await app.waitFor('0 certs')
    // The UI listens on a connection of its own once it is drawn.
    await expect
      .poll(
        async () =>
          (await sqlIn(db.name, "SELECT 1 FROM pg_stat_activity WHERE query = 'LISTEN certdeck_changes'")).length,
      )
      .toBe(1)

    // Another admin's CertDeck: its own deck on the same database.
    const otherDeck = await openCertDeck({
      dataDir,
      passphrase: PASSPHRASE,
      backend: postgresBackend(db.url, { env: db.env }),
    })
    await otherDeck.certificates.create({ commonName: 'live.example.test', days: 30 })
    // Nothing polls the store and no key is pressed: only the notification can bring it.
    await app.waitFor('live.example.test')
    await app.waitFor('1 cert ·')
  })
})
