import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCHEMA_VERSION, initCertDeck, openCertDeck } from '@certdeck/core'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresBackend } from '../src/index.js'
import { createDatabase, sqlIn } from '../src/testing/index.js'

const PASSPHRASE = 'correct horse battery staple 7'
const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A repository in a fresh database holding one certificate with its sealed key, then set back to document schema 2. */
async function olderRepository() {
  const db = await createDatabase('docschema')
  const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-pg-docschema-'))
  dirs.push(dataDir)
  const backend = () => postgresBackend(db.url, { env: db.env })
  await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 }, backend: backend() })
  const deck = await openCertDeck({ dataDir, passphrase: PASSPHRASE, backend: backend() })
  const created = await deck.certificates.create({ commonName: 'kept.example.test', days: 30 })
  // Schema 2 knew none of the automation collections (schema 3 added them): a schema-2 repository has no rows of them.
  await sqlIn(db.name, 'UPDATE certdeck_repository SET document_schema = 2')
  const [{ revision }] = await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository')
  return { db, dataDir, backend, created, revision: Number(revision) }
}

describe('PostgreSQL store: document schema migrations', () => {
  it('says an older document needs migrating, and openCertDeck migrates it in one commit with an audit event', async () => {
    expect(SCHEMA_VERSION).toBe(3)
    const { db, dataDir, backend, created, revision } = await olderRepository()
    const raw = await backend().open()
    expect(raw.store.pendingMigration).toEqual({ from: 2, to: 3 })
    expect((await raw.store.read()).schemaVersion).toBe(2)
    await raw.store.close()
    // Opening alone changed nothing.
    expect(await sqlIn(db.name, 'SELECT document_schema, revision FROM certdeck_repository')).toEqual([
      { document_schema: 2, revision: String(revision) },
    ])

    const deck = await openCertDeck({ dataDir, passphrase: PASSPHRASE, backend: backend() })
    expect(await sqlIn(db.name, 'SELECT document_schema, revision FROM certdeck_repository')).toEqual([
      { document_schema: 3, revision: String(revision + 1) },
    ])
    const events = await sqlIn<{ action: string; detail: string }>(
      db.name,
      "SELECT action, detail FROM certdeck_audit_events WHERE action = 'store.migrate'",
    )
    expect(events).toEqual([{ action: 'store.migrate', detail: 'document schema 2 → 3' }])
    // Nothing was lost: the certificate and its sealed key (which only the vault key opens) are there.
    const listed = await deck.certificates.list()
    expect(listed.map((c) => c.id)).toEqual([created.id])
    expect(listed[0].privateKey).toEqual(created.privateKey)
    expect(await deck.watch?.config()).toMatchObject({ renewBeforeDays: 30 })

    // The next opener finds it current: nothing more to do.
    const again = await backend().open()
    expect(again.store.pendingMigration).toBeUndefined()
    expect((await again.store.read()).schemaVersion).toBe(3)
    await again.store.close()
  })

  it('migrates once when two openers take the older repository at the same time', async () => {
    const { db, dataDir, backend, revision } = await olderRepository()
    await Promise.all([
      openCertDeck({ dataDir, passphrase: PASSPHRASE, backend: backend() }),
      openCertDeck({ dataDir, passphrase: PASSPHRASE, backend: backend() }),
    ])
    const [row] = await sqlIn<{ document_schema: number; revision: string }>(
      db.name,
      'SELECT document_schema, revision FROM certdeck_repository',
    )
    expect(row).toEqual({ document_schema: 3, revision: String(revision + 1) })
    const details = await sqlIn<{ detail: string }>(
      db.name,
      "SELECT detail FROM certdeck_audit_events WHERE action = 'store.migrate' ORDER BY seq",
    )
    // The one that came second (if it saw the older schema at all) found the work done.
    const done = details.filter((d) => d.detail === 'document schema 2 → 3')
    expect(done).toHaveLength(1)
    expect(details.filter((d) => d !== done[0]).every((d) => d.detail === 'already migrated by another process')).toBe(
      true,
    )
  })
})
