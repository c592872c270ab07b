import { type CloudCertificate, type StoreData, emptyStoreData } from '@certdeck/core'
import { cloudCertificate, fullDocument } from '@certdeck/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { textArray } from '../src/patch-rows.js'
import { MIGRATIONS } from '../src/schema/migrations.js'
import { createDatabase, sqlIn, type TestDatabase } from '../src/testing/index.js'

const opened: OpenedPostgres[] = []
afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
})

async function open(db: TestDatabase) {
  const store = await postgresBackend(db.url, { env: db.env }).open()
  opened.push(store)
  return store.store
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value))

/** Cloud certificate `i`, as a scan at `seen` found it. */
const cloud = (i: number, seen: string): CloudCertificate =>
  cloudCertificate(String(i), { kind: 'IMPORTED', notAfter: '2027-06-01T00:00:00.000Z', lastSeenAt: seen })

/** A database whose cloud certificates 0–9 were written by one store, which is returned loaded. */
async function scanned() {
  const db = await createDatabase('held')
  const created = await postgresBackend(db.url, { env: db.env }).create(emptyStoreData())
  opened.push(created)
  await created.store.update((data) => {
    data.cloudCertificates = Array.from({ length: 10 }, (_, i) => cloud(i, '2026-12-01T00:00:00.000Z'))
  })
  await created.store.read()
  return { db, store: created.store }
}

describe('PostgreSQL columns that hold record fields', () => {
  it('keeps a string field in its column only and any other value in the body, and reads both back', async () => {
    const { db, store } = await scanned()
    const odd = {
      ...cloud(42, '2026-12-01T00:00:00.000Z'),
      status: 7,
      domain: null,
      region: { name: 'eu-west-1' },
    } as unknown as CloudCertificate
    const { notAfter: _absent, ...withoutNotAfter } = cloud(43, '2026-12-01T00:00:00.000Z')
    await store.update((data) => void data.cloudCertificates.push(odd, withoutNotAfter as CloudCertificate))
    const rows = await sqlIn<{
      key: string
      status: string | null
      domain: string | null
      not_after: string | null
      body: Record<string, unknown>
    }>(
      db.name,
      "SELECT key, status, domain, not_after, body FROM certdeck_cloud_certificates WHERE key LIKE '%/4_' ORDER BY key",
    )
    expect(rows.map((r) => [r.status, r.domain, r.not_after])).toEqual([
      [null, null, '2027-06-01T00:00:00.000Z'],
      ['ISSUED', '43.example.test', null],
    ])
    expect(rows[0].body).toMatchObject({ status: 7, domain: null, region: { name: 'eu-west-1' } })
    expect(rows[0].body).not.toHaveProperty('store')
    expect(rows[1].body).not.toHaveProperty('status')
    expect(rows[1].body).not.toHaveProperty('notAfter')

    const fresh = await (await open(db)).read()
    expect(plain(fresh.cloudCertificates)).toEqual(plain((await store.read()).cloudCertificates))
    expect(fresh.cloudCertificates.at(-1)).not.toHaveProperty('notAfter')
  })

  it('keeps tabs, line breaks, backslashes and NULs of any field exactly (a NUL-bearing string stays in the body)', async () => {
    const { db, store } = await scanned()
    const hostile = {
      ...cloud(7, '2026-12-01T00:00:00.000Z'),
      domain: 'tab\there\nline\\back\\slash',
      status: 'nul\0byte',
      sans: ['a\tb', 'c\\d', 'e\0f'],
    }
    await store.update((data) => void data.cloudCertificates.push(hostile))
    const fresh = await (await open(db)).read()
    expect(fresh.cloudCertificates.at(-1)).toEqual(hostile)
    const [row] = await sqlIn<{ domain: string; status: string | null }>(
      db.name,
      'SELECT domain, status FROM certdeck_cloud_certificates ORDER BY ord DESC LIMIT 1',
    )
    expect(row).toEqual({ domain: hostile.domain, status: null })
    // Changed again in place: the patch and the staging paths keep them too.
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c) =>
        c.arn === hostile.arn ? { ...c, lastSeenAt: '2026-12-02T00:00:00.000Z', domain: 'x\ty' } : c,
      )
    })
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c) =>
        c.arn === hostile.arn ? { ...c, sans: ['\\\t\0'] } : c,
      )
    })
    const again = await (await open(db)).read()
    expect(again.cloudCertificates.at(-1)).toEqual({
      ...hostile,
      lastSeenAt: '2026-12-02T00:00:00.000Z',
      domain: 'x\ty',
      sans: ['\\\t\0'],
    })
  })

  it('keeps a re-scan that moved only lastSeenAt as one shared value, writing no row, and every reader sees it', async () => {
    const { db, store } = await scanned()
    const early = await open(db)
    await early.read()
    const rows = () =>
      sqlIn<{ body: unknown; last_seen_at: string; rev: string }>(
        db.name,
        'SELECT body, last_seen_at, rev FROM certdeck_cloud_certificates ORDER BY ord',
      )
    const before = await rows()
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c) => ({ ...c, lastSeenAt: '2026-12-02T00:00:00.000Z' }))
    })
    expect(await rows()).toEqual(before)
    const [{ revision }] = await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository')
    expect(
      await sqlIn(db.name, 'SELECT table_name, column_name, value, shared, rev FROM certdeck_shared_values'),
    ).toEqual([
      {
        table_name: 'certdeck_cloud_certificates',
        column_name: 'last_seen_at',
        value: '2026-12-02T00:00:00.000Z',
        shared: true,
        rev: revision,
      },
    ])
    const moved = (data: StoreData) => new Set(data.cloudCertificates.map((c) => c.lastSeenAt))
    expect(moved(await store.read())).toEqual(new Set(['2026-12-02T00:00:00.000Z']))
    // A process that had read the earlier scan, and one that starts now.
    expect(plain(await early.read())).toEqual(plain(await store.read()))
    expect(Object.isFrozen((await early.read()).cloudCertificates[0])).toBe(true)
    expect(plain(await (await open(db)).read())).toEqual(plain(await store.read()))

    const reader = await open(db)
    await reader.read()
    // A held field removed, one turned into a non-string, and a body field changed, in one update.
    await store.update((data) => {
      const [first, second, third, ...rest] = data.cloudCertificates
      const { certificateId: _gone, ...noCertificateId } = { ...first, certificateId: 'x' }
      data.cloudCertificates = [
        noCertificateId as CloudCertificate,
        { ...second, status: 404 } as unknown as CloudCertificate,
        { ...third, sans: ['other.example.com'] },
        ...rest,
      ]
    })
    const seen = await reader.read()
    expect(plain(seen.cloudCertificates)).toEqual(plain((await store.read()).cloudCertificates))
    expect(seen.cloudCertificates[1].status).toBe(404)
    expect(seen.cloudCertificates[2].sans).toEqual(['other.example.com'])
    expect(plain((await (await open(db)).read()).cloudCertificates)).toEqual(plain(seen.cloudCertificates))
  })

  it('leaves the shared value when the records stop sharing it: each row holds its own again, readers see each', async () => {
    const { db, store } = await scanned()
    const reader = await open(db)
    await reader.read()
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c, i) =>
        i === 3 ? { ...c, lastSeenAt: '2026-12-05T00:00:00.000Z' } : c,
      )
    })
    const rows = await sqlIn<{ last_seen_at: string; rev: string }>(
      db.name,
      'SELECT last_seen_at, rev FROM certdeck_cloud_certificates ORDER BY ord',
    )
    const [{ revision }] = await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository')
    expect(rows.map((r) => r.last_seen_at)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i === 3 ? '2026-12-05T00:00:00.000Z' : '2026-12-01T00:00:00.000Z')),
    )
    expect(new Set(rows.map((r) => r.rev))).toEqual(new Set([revision]))
    expect(await sqlIn(db.name, 'SELECT shared FROM certdeck_shared_values')).toEqual([{ shared: false }])
    expect(plain(await reader.read())).toEqual(plain(await store.read()))
    // Shared again: no row is written, and the reader follows.
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c) => ({ ...c, lastSeenAt: '2026-12-06T00:00:00.000Z' }))
    })
    const again = await sqlIn<{ rev: string }>(db.name, 'SELECT rev FROM certdeck_cloud_certificates ORDER BY ord')
    expect(new Set(again.map((r) => r.rev))).toEqual(new Set([revision]))
    const seen = await reader.read()
    expect(seen.cloudCertificates.every((c) => c.lastSeenAt === '2026-12-06T00:00:00.000Z')).toBe(true)
    expect(plain(seen)).toEqual(plain(await store.read()))
    expect(plain(await (await open(db)).read())).toEqual(plain(await store.read()))
  })

  it('patches part of the collection, one value set or many, and leaves the other rows as they were', async () => {
    const { db, store } = await scanned()
    const rows = () =>
      sqlIn<{ key: string; last_seen_at: string; rev: string }>(
        db.name,
        'SELECT key, last_seen_at, rev FROM certdeck_cloud_certificates ORDER BY ord',
      )
    // The records stop sharing one lastSeenAt first (every row written once), so each holds its own.
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c, i) =>
        i === 9 ? { ...c, lastSeenAt: '2026-12-02T00:00:00.000Z' } : c,
      )
    })
    const before = await rows()
    // Half of a collection, one new value: WHERE key = ANY(…).
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c, i) =>
        i % 2 === 0 ? { ...c, lastSeenAt: '2026-12-03T00:00:00.000Z' } : c,
      )
    })
    const half = await rows()
    expect(half.filter((_, i) => i % 2 === 1)).toEqual(before.filter((_, i) => i % 2 === 1))
    expect(new Set(half.filter((_, i) => i % 2 === 0).map((r) => r.last_seen_at))).toEqual(
      new Set(['2026-12-03T00:00:00.000Z']),
    )
    // More value sets than one UPDATE per set is worth: one UPDATE joined to the values.
    await store.update((data) => {
      data.cloudCertificates.push(...Array.from({ length: 20 }, (_, i) => cloud(100 + i, '2026-12-01T00:00:00.000Z')))
    })
    await store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c, i) => ({
        ...c,
        lastSeenAt: `2026-12-04T00:00:${String(i).padStart(2, '0')}.000Z`,
      }))
    })
    const fresh = await (await open(db)).read()
    expect(fresh.cloudCertificates.map((c) => c.lastSeenAt)).toEqual(
      Array.from({ length: 30 }, (_, i) => `2026-12-04T00:00:${String(i).padStart(2, '0')}.000Z`),
    )
    expect(plain(fresh.cloudCertificates)).toEqual(plain((await store.read()).cloudCertificates))
  })

  it('keeps certificate versions and request history when only held fields of their parents change', async () => {
    const db = await createDatabase('heldchild')
    const created = await postgresBackend(db.url, { env: db.env }).create(emptyStoreData())
    opened.push(created)
    const store = created.store
    const doc = fullDocument()
    await store.update((data) => {
      data.certificates = doc.certificates
      data.requests = doc.requests
    })
    await store.update((data) => {
      data.certificates = data.certificates.map((c) => ({ ...c, commonName: `renamed.${c.commonName}` }))
      data.requests = data.requests.map((r) => ({ ...r, state: 'FAILED' }))
    })
    const fresh = await (await open(db)).read()
    expect(plain(fresh.certificates)).toEqual(plain((await store.read()).certificates))
    expect(plain(fresh.requests)).toEqual(plain((await store.read()).requests))
    expect(fresh.certificates.some((c) => c.versions.length > 0)).toBe(true)
    expect(fresh.requests.some((r) => r.history.length > 0)).toBe(true)
    // The search column follows the renamed common name.
    const found = await (await open(db)).findCertificates({ search: 'renamed.' })
    expect(found.map((c) => c.id)).toEqual(fresh.certificates.map((c) => c.id))
  })
})

describe('PostgreSQL schema 1 → 2', () => {
  it('moves held fields out of the bodies of a schema 1 database without changing what a store reads', async () => {
    const db = await createDatabase('schema1')
    const doc = fullDocument()
    const certificate = doc.certificates[0]
    const { versions, ...certificateBody } = certificate
    const scan = { ...cloud(1, '2026-12-01T00:00:00.000Z'), status: 7 } as unknown as CloudCertificate
    // What a schema 1 CertDeck wrote: whole records in jsonb bodies, any value as text in its column.
    await sqlIn(db.name, MIGRATIONS[0].sql)
    await sqlIn(
      db.name,
      `CREATE TABLE certdeck_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
       INSERT INTO certdeck_migrations (version, description) VALUES (1, 'v1');
       INSERT INTO certdeck_repository (application, revision, document_schema) VALUES ('certdeck', 1, ${emptyStoreData().schemaVersion})`,
    )
    await sqlIn(
      db.name,
      `INSERT INTO certdeck_certificates (key, ord, rev, body, fingerprint_sha256, common_name, not_after, origin, revoked, search_text)
       VALUES ($1, 1, 1, $2, $3, $4, $5, $6, false, '')`,
      [
        certificate.id,
        JSON.stringify(certificateBody),
        certificate.fingerprintSha256,
        certificate.commonName,
        certificate.notAfter,
        certificate.origin,
      ],
    )
    for (const [position, version] of versions.entries()) {
      await sqlIn(
        db.name,
        `INSERT INTO certdeck_certificate_versions (certificate_key, position, version, fingerprint_sha256, not_after, body)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          certificate.id,
          position,
          version.version,
          version.fingerprintSha256,
          version.notAfter,
          JSON.stringify(version),
        ],
      )
    }
    await sqlIn(
      db.name,
      `INSERT INTO certdeck_cloud_certificates (key, ord, rev, body, store, region, account_id, credential_id, status, domain, not_after)
       VALUES ($1, 1, 1, $2, 'acm', 'eu-west-1', $5, $6, '7', $3, $4)`,
      [scan.arn, JSON.stringify(scan), scan.domain, scan.notAfter, scan.accountId, scan.credentialId],
    )

    const data: StoreData = await (await open(db)).read()
    const [{ version }] = await sqlIn<{ version: number }>(
      db.name,
      'SELECT max(version) AS version FROM certdeck_migrations',
    )
    expect(version).toBe(MIGRATIONS.length)
    expect(plain(data.certificates)).toEqual(plain([certificate]))
    expect(data.cloudCertificates).toEqual([scan])
    const [row] = await sqlIn<{ status: string | null; kind: string; last_seen_at: string }>(
      db.name,
      'SELECT status, kind, last_seen_at FROM certdeck_cloud_certificates',
    )
    expect(row).toEqual({ status: null, kind: 'IMPORTED', last_seen_at: '2026-12-01T00:00:00.000Z' })
  })
})

describe('text[] literals of column values', () => {
  it('round-trip quotes, backslashes, braces, commas, NULL-looking text and nulls; a NUL becomes U+FFFD', async () => {
    const db = await createDatabase('arrays')
    const values = ['plain', 'a "quoted" {brace}, comma', 'back\\slash\\', 'NULL', '', null, 'é ✓ 証明書', 'nul\0byte']
    const rows = await sqlIn<{ value: string | null }>(db.name, 'SELECT unnest($1::text[]) AS value', [
      textArray(values),
    ])
    expect(rows.map((r) => r.value)).toEqual([...values.slice(0, -1), 'nul\uFFFDbyte'])
  })
})
