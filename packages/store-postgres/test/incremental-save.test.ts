import { type Certificate, type StoreData, emptyStoreData } from '@certdeck/core'
import { fullDocument } from '@certdeck/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { createDatabase, sqlIn } from '../src/testing/index.js'

const opened: OpenedPostgres[] = []
afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
})

function certificate(n: number, tags: Record<string, string> = {}): Certificate {
  const base = fullDocument().certificates[0]
  return { ...base, id: `cert-${String(n).padStart(3, '0')}`, commonName: `host${n}.example.com`, tags }
}

const ids = (data: StoreData) => data.certificates.map((c) => c.id)
const plain = (value: unknown) => JSON.parse(JSON.stringify(value))

/** A database holding certificates 0–19, a store with it loaded, and ways to look at the rows. */
async function loaded() {
  const db = await createDatabase('incremental')
  const created = await postgresBackend(db.url, { env: db.env }).create(emptyStoreData())
  opened.push(created)
  const store = created.store
  await store.update((data) => {
    data.certificates = Array.from({ length: 20 }, (_, i) => certificate(i))
  })
  await store.read()
  const reopen = async () => {
    const again = await postgresBackend(db.url, { env: db.env }).open()
    opened.push(again)
    return again.store
  }
  const rows = async () => {
    const [{ revision }] = await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository')
    const all = await sqlIn<{ key: string; ord: number; rev: string }>(
      db.name,
      'SELECT key, ord, rev FROM certdeck_certificates ORDER BY ord',
    )
    return { all, written: all.filter((r) => r.rev === revision).map((r) => r.key), revision }
  }
  /** What this store holds, what a fresh process reads, and the database's order all agree. */
  const agrees = async (expected: string[]) => {
    expect(ids(await store.read())).toEqual(expected)
    const fresh = await (await reopen()).read()
    expect(ids(fresh)).toEqual(expected)
    expect(plain(fresh.certificates)).toEqual(plain((await store.read()).certificates))
    expect((await rows()).all.map((r) => r.key)).toEqual(expected)
  }
  return { db, store, reopen, rows, agrees }
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `cert-${String(from + i).padStart(3, '0')}`)

describe('PostgresStore saves of an open repository', () => {
  it('writes one row for a record replaced in place, keeping every position', async () => {
    const { store, rows, agrees } = await loaded()
    const before = await rows()
    await store.update((data) => {
      data.certificates[7] = { ...data.certificates[7], tags: { changed: 'yes' } }
    })
    const after = await rows()
    expect(after.written).toEqual(['cert-007'])
    expect(after.all.map((r) => r.ord)).toEqual(before.all.map((r) => r.ord))
    expect((await store.read()).certificates[7].tags).toEqual({ changed: 'yes' })
    await agrees(range(0, 20))
  })

  it('writes only the appended rows and keeps the committed records frozen', async () => {
    const { store, rows, agrees } = await loaded()
    await store.update((data) => {
      data.certificates.push(certificate(20), certificate(21))
    })
    expect((await rows()).written).toEqual(['cert-020', 'cert-021'])
    const last = (await store.read()).certificates[21] as { commonName: string }
    expect(() => {
      last.commonName = 'edited'
    }).toThrow(TypeError)
    await agrees(range(0, 22))
  })

  it('deletes a removed row and leaves a tombstone, rewriting nothing else', async () => {
    const { db, store, rows, agrees } = await loaded()
    await store.update((data) => {
      data.certificates = data.certificates.filter((c) => c.id !== 'cert-004' && c.id !== 'cert-019')
    })
    const after = await rows()
    expect(after.written).toEqual([])
    const tombstones = await sqlIn<{ key: string }>(
      db.name,
      "SELECT key FROM certdeck_tombstones WHERE collection = 'certificates' AND rev = $1 ORDER BY key",
      [after.revision],
    )
    expect(tombstones.map((t) => t.key)).toEqual(['cert-004', 'cert-019'])
    await agrees([...range(0, 4), ...range(5, 19)])
  })

  it('moves a reordered record alone, between its new neighbours', async () => {
    const { store, rows, agrees } = await loaded()
    await store.update((data) => {
      const [moved] = data.certificates.splice(3, 1)
      data.certificates.splice(15, 0, moved)
      data.certificates.unshift(certificate(30))
    })
    expect((await rows()).written.sort()).toEqual(['cert-003', 'cert-030'])
    const order = ['cert-030', ...range(0, 3), ...range(4, 16), 'cert-003', ...range(16, 20)]
    await agrees(order)
    await store.update((data) => {
      data.certificates.reverse()
    })
    await agrees(order.reverse())
  })

  it('keeps the committed snapshot when the database refuses the commit', async () => {
    const { db, store, agrees } = await loaded()
    await sqlIn(
      db.name,
      `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.key = 'cert-099' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
       CREATE CONSTRAINT TRIGGER refuse AFTER INSERT OR UPDATE ON certdeck_certificates
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse()`,
    )
    const committed = await store.read()
    await expect(
      store.update((data) => {
        data.certificates = data.certificates.filter((c) => c.id !== 'cert-002')
        data.certificates[5] = { ...data.certificates[5], tags: { lost: 'yes' } }
        data.certificates.push(certificate(99))
      }),
    ).rejects.toThrow(/refused by the test/)
    expect(await store.read()).toBe(committed)
    expect(ids(committed)).toEqual(range(0, 20))
    await sqlIn(db.name, 'DROP TRIGGER refuse ON certdeck_certificates')
    await store.update((data) => {
      data.certificates = data.certificates.filter((c) => c.id !== 'cert-002')
      data.certificates.push(certificate(99))
    })
    expect((await store.read()).certificates.every((c) => c.tags.lost === undefined)).toBe(true)
    await agrees([...range(0, 2), ...range(3, 20), 'cert-099'])
  })

  it("sees another process's replacement, insertion and removal in its next save", async () => {
    const { store, reopen, agrees } = await loaded()
    const other = await reopen()
    await other.update((data) => {
      data.certificates[2] = { ...data.certificates[2], tags: { by: 'other' } }
      data.certificates.splice(10, 1, certificate(40))
      data.certificates.push(certificate(41))
    })
    let seen: StoreData | undefined
    await store.update((data) => {
      seen = plain(data)
      data.certificates[12] = { ...data.certificates[12], tags: { by: 'this' } }
    })
    const expected = [...range(0, 10), 'cert-040', ...range(11, 20), 'cert-041']
    expect(seen && ids(seen)).toEqual(expected)
    expect(seen?.certificates[2].tags).toEqual({ by: 'other' })
    const data = await store.read()
    expect([data.certificates[2].tags, data.certificates[12].tags]).toEqual([{ by: 'other' }, { by: 'this' }])
    await agrees(expected)
  })
})

describe('PostgresStore filling an empty collection', () => {
  it('numbers records that share a key as every later save does, and reads them back in order', async () => {
    const db = await createDatabase('filled')
    const created = await postgresBackend(db.url, { env: db.env }).create(emptyStoreData())
    opened.push(created)
    const store = created.store
    const twice = [
      certificate(1),
      certificate(2),
      certificate(1, { copy: 'second' }),
      certificate(1, { copy: 'third' }),
    ]
    await store.update((data) => {
      data.certificates = twice
    })
    const keys = await sqlIn<{ key: string }>(db.name, 'SELECT key FROM certdeck_certificates ORDER BY ord')
    expect(keys.map((r) => r.key)).toEqual(['cert-001', 'cert-002', 'cert-001#2', 'cert-001#3'])
    expect(Object.isFrozen((await store.read()).certificates[3])).toBe(true)
    // A later save recomputes the keys (they hold '#') and must find the same rows.
    await store.update((data) => {
      data.certificates[2] = { ...data.certificates[2], tags: { copy: 'second, edited' } }
    })
    const again = await postgresBackend(db.url, { env: db.env }).open()
    opened.push(again)
    const fresh = await again.store.read()
    expect(fresh.certificates.map((c) => c.tags.copy ?? null)).toEqual([null, null, 'second, edited', 'third'])
    const rows = await sqlIn<{ key: string }>(db.name, 'SELECT key FROM certdeck_certificates ORDER BY ord')
    expect(rows.map((r) => r.key)).toEqual(['cert-001', 'cert-002', 'cert-001#2', 'cert-001#3'])
  })
})
