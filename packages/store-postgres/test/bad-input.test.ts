import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emptyStoreData } from '@certdeck/core'
import { rejection } from '@certdeck/core/testing'
import { describe, expect, it } from 'vitest'
import { postgresBackend } from '../src/index.js'
import { createDatabase, server, sqlIn } from '../src/testing/index.js'

const tablesOf = async (name: string) =>
  (
    await sqlIn<{ tablename: string }>(name, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
  ).map((r) => r.tablename)

describe('PostgreSQL store: bad input', () => {
  it('refuses a password inside the URL, naming where it belongs, and never echoes it', async () => {
    const error = await rejection(
      Promise.resolve().then(() => postgresBackend('postgres://alice:hunter2secret@127.0.0.1:5432/certdeck')),
    )
    expect(error).toMatchObject({ code: 'STORE_URL_HAS_PASSWORD' })
    expect(error.message).toContain('PGPASSWORD')
    expect(error.message).not.toContain('hunter2secret')
  })

  it('says an unreachable server cannot be reached, with the host to check', async () => {
    const backend = postgresBackend('postgres://alice@127.0.0.1:1/certdeck', { env: { PGPASSWORD: 'hunter2secret' } })
    const error = await rejection(backend.open())
    expect(error).toMatchObject({ code: 'STORE_UNREACHABLE' })
    expect(error.message).toContain('postgres://alice@127.0.0.1:1/certdeck')
    expect(error.message).toContain('Check the host and port')
    expect(error.message).not.toContain('hunter2secret')
  })

  it('says a wrong password was refused and where to set it, writing nothing', async () => {
    const db = await createDatabase('badpw')
    const error = await rejection(
      postgresBackend(db.url, { env: { PGPASSWORD: 'wrong-password' } }).create(emptyStoreData()),
    )
    expect(error).toMatchObject({ code: 'STORE_LOGIN_FAILED' })
    expect(error.message).toMatch(/PGPASSWORD.*CERTDECK_STORE_PASSWORD_FILE.*~\/\.pgpass/)
    expect(error.message).not.toContain('wrong-password')
    expect(await tablesOf(db.name)).toEqual([])
  })

  it('refuses the database of another application, writing nothing', async () => {
    const db = await createDatabase('foreign')
    await sqlIn(db.name, 'CREATE TABLE orders (id serial PRIMARY KEY, total numeric)')
    for (const attempt of [
      () => postgresBackend(db.url, { env: db.env }).create(emptyStoreData()),
      () => postgresBackend(db.url, { env: db.env }).open(),
    ]) {
      const error = await rejection(attempt())
      expect(error).toMatchObject({ code: 'STORE_FOREIGN_DATABASE' })
      expect(error.message).toContain('(orders)')
      expect(error.message).toContain('CREATE DATABASE certdeck')
    }
    expect(await tablesOf(db.name)).toEqual(['orders'])
  })

  it('refuses a schema written by a newer CertDeck, changing nothing', async () => {
    const db = await createDatabase('newer')
    const created = await postgresBackend(db.url, { env: db.env }).create(emptyStoreData())
    await created.store.close()
    await sqlIn(db.name, "INSERT INTO certdeck_migrations (version, description) VALUES (99, 'from the future')")
    const before = await sqlIn(db.name, 'SELECT revision FROM certdeck_repository')
    const error = await rejection(postgresBackend(db.url, { env: db.env }).open())
    expect(error).toMatchObject({ code: 'STORE_TOO_NEW' })
    expect(error.message).toContain('Upgrade CertDeck')
    expect(await sqlIn(db.name, 'SELECT revision FROM certdeck_repository')).toEqual(before)
  })

  it('refuses a schema written by a newer CertDeck on create too, adding nothing', async () => {
    const db = await createDatabase('newercreate')
    const created = await postgresBackend(db.url, { env: db.env }).create(emptyStoreData())
    await created.store.close()
    await sqlIn(db.name, "INSERT INTO certdeck_migrations (version, description) VALUES (99, 'from the future')")
    const migrations = await sqlIn(db.name, 'SELECT version FROM certdeck_migrations ORDER BY version')
    const error = await rejection(postgresBackend(db.url, { env: db.env }).create(emptyStoreData()))
    expect(error).toMatchObject({ code: 'STORE_TOO_NEW' })
    expect(error.message).toContain('Upgrade CertDeck')
    expect(await sqlIn(db.name, 'SELECT version FROM certdeck_migrations ORDER BY version')).toEqual(migrations)
  })

  it('refuses a document written by a newer CertDeck, changing nothing', async () => {
    const db = await createDatabase('newerdoc')
    const created = await postgresBackend(db.url, { env: db.env }).create(emptyStoreData())
    await created.store.close()
    await sqlIn(db.name, 'UPDATE certdeck_repository SET document_schema = 99')
    const before = await sqlIn(db.name, 'SELECT revision, document_schema FROM certdeck_repository')
    const error = await rejection(postgresBackend(db.url, { env: db.env }).open())
    expect(error).toMatchObject({ code: 'STORE_TOO_NEW' })
    expect(error.message).toContain('document schema 99')
    expect(error.message).toContain('Upgrade CertDeck')
    expect(await sqlIn(db.name, 'SELECT revision, document_schema FROM certdeck_repository')).toEqual(before)
  })

  it('says a missing database must be created first', async () => {
    const info = server()
    const backend = postgresBackend(`postgres://${info.user}@${info.host}:${info.port}/no_such_db`, {
      env: { PGPASSWORD: info.password },
    })
    const error = await rejection(backend.open())
    expect(error).toMatchObject({ code: 'STORE_DATABASE_MISSING' })
    expect(error.message).toContain('CREATE DATABASE no_such_db')
  })

  it('says an empty database holds no repository yet and how to create one', async () => {
    const db = await createDatabase('empty')
    const error = await rejection(postgresBackend(db.url, { env: db.env }).open())
    expect(error).toMatchObject({ code: 'VAULT_NOT_INITIALISED' })
    expect(error.message).toContain('certdeck init --store')
    expect(await tablesOf(db.name)).toEqual([])
  })

  it('honours sslmode from the URL: require against a server without TLS is refused, naming TLS', async () => {
    const db = await createDatabase('tls')
    const error = await rejection(postgresBackend(`${db.url}?sslmode=require`, { env: db.env }).open())
    expect(error).toMatchObject({ code: 'STORE_TLS_FAILED' })
    expect(error.message).toContain('sslmode')
  })

  it('reads the password from the file CERTDECK_STORE_PASSWORD_FILE names', async () => {
    const db = await createDatabase('pwfile')
    const dir = await mkdtemp(join(tmpdir(), 'certdeck-pwfile-'))
    try {
      const file = join(dir, 'password')
      await writeFile(file, `${db.env.PGPASSWORD}\n`, { mode: 0o600 })
      const created = await postgresBackend(db.url, { env: { CERTDECK_STORE_PASSWORD_FILE: file } }).create(
        emptyStoreData(),
      )
      await created.store.close()
      const missing = await rejection(
        Promise.resolve().then(() =>
          postgresBackend(db.url, { env: { CERTDECK_STORE_PASSWORD_FILE: join(dir, 'nope') } }),
        ),
      )
      expect(missing).toMatchObject({ code: 'STORE_PASSWORD_FILE_UNREADABLE' })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
