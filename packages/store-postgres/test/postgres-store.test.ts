import { type Certificate, type StoreData, emptyStoreData, systemClock } from '@certdeck/core'
import { fullDocument } from '@certdeck/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { createDatabase, sqlIn } from '../src/testing/index.js'

const opened: OpenedPostgres[] = []
afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
})

async function fresh(initial: StoreData = emptyStoreData()) {
  const db = await createDatabase('store')
  const result = await postgresBackend(db.url, { env: db.env }).create(initial)
  opened.push(result)
  const reopen = async () => {
    const again = await postgresBackend(db.url, { env: db.env }).open()
    opened.push(again)
    return again
  }
  return { db, ...result, reopen }
}

function certificate(n: number, tags: Record<string, string> = {}): Certificate {
  const base = fullDocument().certificates[0]
  return {
    ...base,
    id: `cert-${String(n).padStart(3, '0')}`,
    commonName: `host${n}.example.com`,
    sans: [`host${n}.example.com`],
    tags,
  }
}

describe('PostgresStore', () => {
  it('pages and searches certificates in the database with the rules of certificates.list()', async () => {
    const { store } = await fresh()
    await store.update((data) => {
      data.certificates = Array.from({ length: 50 }, (_, i) =>
        certificate(
          i,
          i === 7 ? { 'certdeck:revoked': '2026-01-01 keyCompromise' } : i % 10 === 0 ? { env: 'prod' } : {},
        ),
      )
    })
    const page = await store.findCertificates({ offset: 10, limit: 5 })
    expect(page.map((c) => c.id)).toEqual(['cert-011', 'cert-012', 'cert-013', 'cert-014', 'cert-015'])
    expect(page[0].versions).toHaveLength(2)
    expect((await store.findCertificates({ search: 'HOST4' })).map((c) => c.id)).toEqual([
      'cert-004',
      ...Array.from({ length: 10 }, (_, i) => `cert-0${40 + i}`),
    ])
    expect((await store.findCertificates({ tag: 'env=prod' })).map((c) => c.id)).toEqual([
      'cert-000',
      'cert-010',
      'cert-020',
      'cert-030',
      'cert-040',
    ])
    expect((await store.findCertificates({ search: 'host7.' })).map((c) => c.id)).toEqual([])
    expect((await store.findCertificates({ search: 'host7.', includeRevoked: true })).map((c) => c.id)).toEqual([
      'cert-007',
    ])
  })

  it('writes only the rows an update changed', async () => {
    const { store, db } = await fresh()
    await store.update((data) => {
      data.certificates = Array.from({ length: 30 }, (_, i) => certificate(i))
      data.credentials = fullDocument().credentials
    })
    await store.update((data) => {
      data.certificates[3] = { ...data.certificates[3], tags: { changed: 'yes' } }
      data.certificates.push(certificate(99))
    })
    const [{ revision }] = await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository')
    const written = await sqlIn<{ key: string }>(
      db.name,
      'SELECT key FROM certdeck_certificates WHERE rev = $1 ORDER BY key',
      [revision],
    )
    expect(written.map((r) => r.key)).toEqual(['cert-003', 'cert-099'])
    const credentials = await sqlIn(db.name, 'SELECT key FROM certdeck_credentials WHERE rev = $1', [revision])
    expect(credentials).toEqual([])
  })

  it('keeps the vault header in its own table, readable without the inventory', async () => {
    const doc = fullDocument()
    const { reopen, db } = await fresh({ ...emptyStoreData(), vault: doc.vault })
    const again = await reopen()
    expect(await again.vaultHeader()).toEqual(doc.vault)
    const [row] = await sqlIn<{ n: number; salt: string }>(db.name, 'SELECT n, salt FROM certdeck_vault')
    expect(row).toEqual({ n: 1024, salt: 'c2FsdA==' })
  })

  it('keeps an append-only audit log whose actor names the OS user, host and database role', async () => {
    const { auditLog, db } = await fresh()
    const log = auditLog(systemClock)
    const event = await log.append({ action: 'certificate.tag', target: 'cert-1', outcome: 'ok' })
    expect(event.actor).toMatch(/^.+@.+ \(role postgres\)$/)
    expect(await log.list()).toEqual([event])
    await expect(sqlIn(db.name, "UPDATE certdeck_audit_events SET outcome = 'failed'")).rejects.toThrow(/append-only/)
    await expect(sqlIn(db.name, 'DELETE FROM certdeck_audit_events')).rejects.toThrow(/append-only/)
    await expect(log.append({ action: 'x', detail: '-----BEGIN PRIVATE KEY-----', outcome: 'ok' })).rejects.toThrow()
    expect(await log.list()).toHaveLength(1)
  })

  it('grants a lease to one holder, frees it when the holder session dies, and tells the holder', async () => {
    const { store, db } = await fresh()
    const first = await store.tryAcquireLease('watch')
    expect(first?.holder).toMatch(/ pid \d+$/)
    expect(await store.tryAcquireLease('watch')).toBeUndefined()
    await sqlIn(
      db.name,
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )
    await expect.poll(() => first?.lost.aborted, { timeout: 15_000 }).toBe(true)
    const second = await store.tryAcquireLease('watch')
    expect(second).toBeDefined()
    await second?.release()
    await first?.release()
  })
})
