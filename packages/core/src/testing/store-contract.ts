import { describe, expect, it } from 'vitest'
import { type StoreData, emptyStoreData } from '../domain/store-data.js'
import type { Store } from '../ports/store.js'

/** A store implementation under the contract: each test gets a fresh repository. */
export interface StoreContractTarget {
  /** Creates an empty repository holding `initial` and returns a store on it. */
  create(initial: StoreData): Promise<Store>
  /** Opens another instance on the repository `create` made last (another process's view). */
  reopen(): Promise<Store>
}

/** A record for collection `name` with the fields every store keys on, nested values and a sealed-looking secret. */
function recordOf(name: string, n: number): Record<string, unknown> {
  return {
    id: `${name}-${n}`,
    arn: `arn:aws:acm:eu-west-1:123456789012:certificate/${name}-${n}`,
    credentialId: `cred-${n}`,
    region: `eu-west-${n}`,
    name: `${name} ${n}`,
    commonName: `${name}-${n}.example.com`,
    sans: [`${name}-${n}.example.com`, `www.${name}-${n}.example.com`],
    notAfter: `2030-01-0${n}T00:00:00.000Z`,
    tags: { team: 'ops', n: String(n) },
    versions: [
      { version: 1, fingerprintSha256: `aa${n}`, notAfter: '2029-01-01T00:00:00.000Z' },
      { version: 2, fingerprintSha256: `bb${n}`, notAfter: '2030-01-01T00:00:00.000Z' },
    ],
    history: [
      { at: '2026-01-01T00:00:00.000Z', state: 'PENDING_VALIDATION' },
      { at: '2026-01-02T00:00:00.000Z', state: 'ISSUED', note: 'done' },
    ],
    privateKey: { v: 1, alg: 'A256GCM', iv: 'aXY=', tag: 'dGFn', data: `c2VhbGVk${n}` },
    nested: { list: [1, 'two', { three: null, four: [true, false] }], unicode: 'é ✓ 証明書' },
  }
}

/** A document with two records in every collection CertDeck knows, plus a collection and a field it does not. */
export function fullDocument(): StoreData {
  const doc = emptyStoreData() as unknown as Record<string, unknown>
  for (const [name, value] of Object.entries(doc)) {
    if (Array.isArray(value)) doc[name] = [recordOf(name, 1), recordOf(name, 2)]
  }
  doc.vault = {
    kdf: 'scrypt',
    salt: 'c2FsdA==',
    N: 1024,
    r: 8,
    p: 1,
    check: { v: 1, alg: 'A256GCM', iv: 'aXY=', tag: 'dGFn', data: 'Y2hlY2s=' },
  }
  doc.futureCollection = [recordOf('future', 1), { no: 'id at all' }, { no: 'id at all' }]
  doc.futureSetting = { enabled: true, thresholds: [30, 7] }
  return doc as unknown as StoreData
}

const plain = (data: StoreData): Record<string, unknown> => JSON.parse(JSON.stringify(data))

/**
 * The behaviour every {@link Store} promises, as a vitest suite (run it inside a test file):
 * what an update commits is what any instance reads, in order, for every collection (those a
 * store has no table for too); a throwing update writes nothing; committed records are frozen;
 * concurrent updates of two instances are all kept; `afterCommit` runs once the change is visible.
 */
export function runStoreContract(name: string, target: StoreContractTarget): void {
  describe(`store contract: ${name}`, () => {
    it('round-trips every collection of the document, one it does not know included', async () => {
      const store = await target.create(emptyStoreData())
      const doc = fullDocument()
      await store.update((data) => {
        Object.assign(data, doc)
      })
      const again = await (await target.reopen()).read()
      for (const key of [...Object.keys(emptyStoreData()), 'futureCollection', 'futureSetting']) {
        expect({ key, value: plain(again)[key] }).toEqual({ key, value: plain(doc)[key] })
      }
    })

    it('keeps the order of records through appends, removals, insertions and moves', async () => {
      const store = await target.create(emptyStoreData())
      const ids = (data: StoreData) => data.credentials.map((c) => c.id)
      const credential = (id: string) => ({ id, name: id, kind: 'default-chain' }) as StoreData['credentials'][number]
      await store.update((data) => {
        data.credentials = ['a', 'b', 'c', 'd'].map(credential)
      })
      await store.update((data) => {
        data.credentials = data.credentials.filter((c) => c.id !== 'b')
        data.credentials.unshift(credential('first'))
        data.credentials.splice(2, 0, credential('middle'))
        data.credentials.push(credential('last'))
      })
      await store.update((data) => {
        const [moved] = data.credentials.splice(1, 1)
        data.credentials.push(moved)
      })
      const expected = ['first', 'middle', 'c', 'd', 'last', 'a']
      expect(ids(await store.read())).toEqual(expected)
      expect(ids(await (await target.reopen()).read())).toEqual(expected)
    })

    it('writes nothing when the update function throws', async () => {
      const store = await target.create(emptyStoreData())
      await store.update((data) => {
        data.dnsProviders.push({ id: 'kept', providerId: 'memory', name: 'kept', settings: {} })
      })
      await expect(
        store.update((data) => {
          data.dnsProviders.push({ id: 'lost', providerId: 'memory', name: 'lost', settings: {} })
          data.credentials.push({ id: 'lost', name: 'lost', kind: 'default-chain' } as never)
          throw new Error('refused')
        }),
      ).rejects.toThrow('refused')
      for (const data of [await store.read(), await (await target.reopen()).read()]) {
        expect(data.dnsProviders.map((p) => p.id)).toEqual(['kept'])
        expect(data.credentials).toEqual([])
      }
    })

    it('freezes committed records so in-place edits fail loudly instead of being lost', async () => {
      const store = await target.create(emptyStoreData())
      await store.update((data) => {
        data.dnsProviders.push({ id: 'p', providerId: 'memory', name: 'before', settings: {} })
      })
      const record = (await store.read()).dnsProviders[0] as { name: string }
      expect(() => {
        record.name = 'after'
      }).toThrow(TypeError)
      const reread = (await (await target.reopen()).read()).dnsProviders[0] as { name: string }
      expect(() => {
        reread.name = 'after'
      }).toThrow(TypeError)
    })

    it('shows readers the committed document while an update is under way', async () => {
      const store = await target.create(emptyStoreData())
      let seen: number | undefined
      await store.update(async (data) => {
        data.dnsProviders.push({ id: 'p', providerId: 'memory', name: 'p', settings: {} })
        seen = (await store.read()).dnsProviders.length
      })
      expect(seen).toBe(0)
      expect((await store.read()).dnsProviders).toHaveLength(1)
    })

    it('keeps every update of two instances writing at once', async () => {
      await target.create(emptyStoreData())
      const one = await target.reopen()
      const two = await target.reopen()
      const writes = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).update((data) => {
          data.credentials.push({ id: `w${i}`, name: `w${i}`, kind: 'default-chain' } as never)
        }),
      )
      await Promise.all(writes)
      for (const store of [one, two, await target.reopen()]) {
        const ids = (await store.read()).credentials.map((c) => c.id).sort()
        expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `w${i}`).sort())
      }
    })

    it('runs afterCommit with the result once another instance can read the change', async () => {
      const store = await target.create(emptyStoreData())
      const other = await target.reopen()
      let seenByOther: string[] | undefined
      const result = await store.update(
        (data) => {
          data.dnsProviders.push({ id: 'p', providerId: 'memory', name: 'p', settings: {} })
          return 'done'
        },
        {
          afterCommit: async (value) => {
            expect(value).toBe('done')
            seenByOther = (await other.read()).dnsProviders.map((p) => p.id)
          },
        },
      )
      expect(result).toBe('done')
      expect(seenByOther).toEqual(['p'])
    })

    it('replaces, removes and brings back records by their key', async () => {
      const store = await target.create(emptyStoreData())
      const doc = fullDocument()
      await store.update((data) => {
        data.certificates = doc.certificates
      })
      const [first, second] = doc.certificates
      await store.update((data) => {
        data.certificates = [{ ...second, tags: { changed: 'yes' }, versions: second.versions.slice(0, 1) }]
      })
      let again = await (await target.reopen()).read()
      expect(again.certificates.map((c) => [c.id, c.tags, c.versions.length])).toEqual([
        [second.id, { changed: 'yes' }, 1],
      ])
      await store.update((data) => {
        data.certificates.unshift(first)
      })
      again = await (await target.reopen()).read()
      expect(JSON.parse(JSON.stringify(again.certificates[0]))).toEqual(JSON.parse(JSON.stringify(first)))
      expect(again.certificates.map((c) => c.id)).toEqual([first.id, second.id])
    })
  })
}
