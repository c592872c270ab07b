import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Credential } from '../domain/credential.js'
import { SCHEMA_VERSION, emptyStoreData } from '../domain/store-data.js'
import { FileStore } from './file-store.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const credential = (name: string, secret?: string): Credential => ({
  id: name,
  name,
  kind: 'static',
  accessKeyId: 'AKIAEXAMPLE',
  createdAt: '2025-01-01T00:00:00.000Z',
  ...(secret ? { secretAccessKey: { sealed: 'aes-256-gcm', iv: 'aXY=', tag: 'dGFn', data: secret } } : {}),
})
const longText = (label: string) => `${label}:${randomBytes(600).toString('base64')}`

describe('FileStore', () => {
  it('creates the file 0600 in a 0700 dir and reads back what updates committed', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    await store.update((data) => {
      data.credentials.push(credential('a'))
    })
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
    const again = await FileStore.open(dir)
    expect((await again.read()).credentials.map((c) => c.name)).toEqual(['a'])
  })

  it('refuses to create over an existing repository and leaves it unchanged', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const before = await readFile(store.path)
    await expect(FileStore.create(dir, emptyStoreData())).rejects.toMatchObject({ code: 'ALREADY_INITIALISED' })
    expect(await readFile(store.path)).toEqual(before)
  })

  it('keeps long strings in a 0600 pack and out of the JSON document', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const secret = longText('sealed')
    await store.update((data) => {
      data.credentials.push(credential('a', secret))
    })
    expect(await readFile(store.path, 'utf8')).not.toContain(secret)
    const packs = (await readdir(dir)).filter((name) => name.endsWith('.pack'))
    expect(packs).toHaveLength(1)
    expect((await stat(join(dir, packs[0]))).mode & 0o777).toBe(0o600)
    const again = await FileStore.open(dir)
    expect((await again.read()).credentials[0].secretAccessKey?.data).toBe(secret)
  })

  it('removes a deleted sealed secret from disk at the next save', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const secret = longText('sealed')
    const kept = longText('kept')
    await store.update((data) => {
      data.credentials.push(credential('a', secret), credential('b', kept))
    })
    await store.update((data) => {
      data.credentials.splice(0, 1)
    })
    const files = await readdir(dir)
    const contents = await Promise.all(
      files.filter((f) => !f.endsWith('.lock')).map((f) => readFile(join(dir, f), 'utf8')),
    )
    expect(contents.some((text) => text.includes(secret))).toBe(false)
    expect(contents.some((text) => text.includes(kept))).toBe(true)
    expect((await (await FileStore.open(dir)).read()).credentials.map((c) => c.name)).toEqual(['b'])
  })

  it('brings a removed item back whole, even after its blobs were erased', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const secret = longText('sealed')
    await store.update((data) => {
      data.credentials.push(credential('a', secret), credential('b', longText('other')))
    })
    const removed = (await store.read()).credentials[0]
    await store.update((data) => {
      data.credentials.splice(0, 1)
    })
    await store.update((data) => {
      data.credentials.push(removed, removed)
    })
    const read = (await (await FileStore.open(dir)).read()).credentials
    expect(read.map((c) => [c.name, c.secretAccessKey?.data])).toEqual([
      ['b', expect.any(String)],
      ['a', secret],
      ['a', secret],
    ])
    await store.update((data) => {
      data.credentials.splice(1, 1)
    })
    expect((await (await FileStore.open(dir)).read()).credentials.map((c) => c.secretAccessKey?.data)).toEqual([
      read[0].secretAccessKey?.data,
      secret,
    ])
  })

  it('writes nothing when the update function throws, and forgets its in-memory changes', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const before = await readFile(store.path)
    await expect(
      store.update((data) => {
        data.credentials.push(credential('half-done'))
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await readFile(store.path)).toEqual(before)
    expect((await store.read()).credentials).toEqual([])
  })

  it('freezes committed items so in-place edits fail loudly instead of being lost', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    await store.update((data) => {
      data.credentials.push(credential('a'))
    })
    const item = (await store.read()).credentials[0] as { name: string }
    expect(() => {
      item.name = 'b'
    }).toThrow(TypeError)
  })

  it('sees the updates of another instance and serialises concurrent ones', async () => {
    const one = await FileStore.create(dir, emptyStoreData())
    const two = await FileStore.open(dir)
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).update((data) => {
          data.credentials.push(credential(`c${i}`, longText(`k${i}`)))
        }),
      ),
    )
    const names = (await one.read()).credentials.map((c) => c.name).sort()
    expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`).sort())
    expect((await two.read()).credentials).toHaveLength(20)
  })

  it('reports a corrupt file with its name and newest backup, and never rewrites it', async () => {
    await FileStore.create(dir, emptyStoreData())
    const path = join(dir, 'certdeck.json')
    const backup = `${path}.bak-v0-20250101T000000000Z`
    await writeFile(backup, '{}')
    await writeFile(path, '{"schemaVersion": 1, "certificates": [')
    const before = await readFile(path)
    const error = await FileStore.open(dir).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'STORE_CORRUPT' })
    expect((error as Error).message).toContain(path)
    expect((error as Error).message).toContain(backup)
    await expect(FileStore.create(dir, emptyStoreData())).rejects.toMatchObject({ code: 'ALREADY_INITIALISED' })
    expect(await readFile(path)).toEqual(before)
  })

  it('reports a document whose pack is gone as corrupt', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    await store.update((data) => {
      data.credentials.push(credential('a', longText('s')))
    })
    for (const name of await readdir(dir)) if (name.endsWith('.pack')) await rm(join(dir, name))
    await expect(FileStore.open(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT' })
  })

  it('migrates a v0 document after writing a backup of it', async () => {
    const path = join(dir, 'certdeck.json')
    const v0 = { vault: null, credentials: [credential('legacy', longText('s'))] }
    await writeFile(path, JSON.stringify(v0))
    const store = await FileStore.open(dir)
    expect(store.pendingMigration).toEqual({ from: 0, to: SCHEMA_VERSION })
    const read = await store.read()
    expect(read.schemaVersion).toBe(SCHEMA_VERSION)
    expect(read.certificates).toEqual([])
    const report = await store.migrate()
    expect(report?.backup).toMatch(/certdeck\.json\.bak-v0-\d{8}T\d{9}Z$/)
    expect(JSON.parse(await readFile(report!.backup, 'utf8'))).toEqual(v0)
    const onDisk = JSON.parse(await readFile(path, 'utf8'))
    expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION)
    expect(store.pendingMigration).toBeUndefined()
    expect((await (await FileStore.open(dir)).read()).credentials[0].name).toBe('legacy')
  })

  it('refuses a document of a newer schema without touching it', async () => {
    const path = join(dir, 'certdeck.json')
    await writeFile(path, JSON.stringify({ ...emptyStoreData(), schemaVersion: SCHEMA_VERSION + 1 }))
    const before = await readFile(path)
    await expect(FileStore.open(dir)).rejects.toMatchObject({ code: 'STORE_TOO_NEW' })
    expect(await readFile(path)).toEqual(before)
  })

  it('says where to run init when there is no repository', async () => {
    await expect(FileStore.open(dir)).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
      message: expect.stringContaining('certdeck init'),
    })
  })
})

describe('FileStore document format', () => {
  it('round-trips long strings anywhere: top-level values, list items, nested lists', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const long = [longText('a'), longText('b'), longText('c')]
    await store.update((data) => {
      const doc = data as unknown as Record<string, unknown>
      doc.note = long[0]
      doc.notes = [long[1], { deep: [long[2]] }]
    })
    const text = await readFile(store.path, 'utf8')
    expect(JSON.parse(text).notes).toHaveLength(2)
    for (const value of long) expect(text).not.toContain(value)
    const read = (await (await FileStore.open(dir)).read()) as unknown as Record<string, unknown>
    expect(read.note).toBe(long[0])
    expect(read.notes).toEqual([long[1], { deep: [long[2]] }])
  })

  it('reads a hand-formatted document and rewrites it in its own layout', async () => {
    const path = join(dir, 'certdeck.json')
    const secret = longText('inline')
    await writeFile(path, JSON.stringify({ ...emptyStoreData(), credentials: [credential('a', secret)] }, null, 2))
    const store = await FileStore.open(dir)
    expect((await store.read()).credentials[0].secretAccessKey?.data).toBe(secret)
    await store.update((data) => {
      data.credentials.push(credential('b'))
    })
    const lines = (await readFile(path, 'utf8')).split('\n')
    expect(lines).toContain(',"credentials":[')
    expect((await (await FileStore.open(dir)).read()).credentials.map((c) => c.secretAccessKey?.data)).toEqual([
      secret,
      undefined,
    ])
  })
})

describe('FileStore hardening', () => {
  const packOf = async () => join(dir, (await readdir(dir)).find((name) => name.endsWith('.pack'))!)

  it('shows readers the committed document while an update of the same process is under way', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    let seen: string[] | undefined
    await expect(
      store.update(async (data) => {
        data.credentials.push(credential('draft'))
        seen = (await store.read()).credentials.map((c) => c.name)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(seen).toEqual([])
    expect((await store.read()).credentials).toEqual([])
  })

  it('keeps what an update guard changed out of the committed document until the update commits', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    store.setUpdateGuard((data) => {
      data.credentials.push(credential('from-guard'))
    })
    await expect(
      store.update(() => {
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect((await store.read()).credentials).toEqual([])
    await store.update(() => undefined)
    expect((await store.read()).credentials.map((c) => c.name)).toEqual(['from-guard'])
  })

  it('runs afterCommit once the change is on disk and before the lock is released', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const seen: unknown[] = []
    const name = await store.update(
      (data) => {
        data.credentials.push(credential('a'))
        return 'a'
      },
      {
        afterCommit: async (result) => {
          const onDisk = (await (await FileStore.open(dir)).read()).credentials.map((c) => c.name)
          seen.push(result, onDisk, (await stat(`${store.path}.lock`)).isDirectory())
        },
      },
    )
    expect(name).toBe('a')
    expect(seen).toEqual(['a', ['a'], true])
  })

  it('reports a pack byte changed on disk as corruption of that pack, with the recovery step', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const secret = longText('sealed')
    await store.update((data) => {
      data.credentials.push(credential('a', secret))
    })
    const pack = await packOf()
    const bytes = await readFile(pack)
    const at = bytes.indexOf(secret.slice(100, 140))
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41
    await writeFile(pack, bytes)
    const error = await FileStore.open(dir).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'STORE_CORRUPT' })
    expect((error as Error).message).toContain(pack)
    expect((error as Error).message).toContain('does not match its SHA-256 digest')
    expect((error as Error).message).toMatch(/restore/i)
  })

  it('removes at open the packs and temp files no document uses, and backups but the newest', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    await store.update((data) => {
      data.credentials.push(credential('a', longText('sealed')))
    })
    const pack = await packOf()
    const orphan = join(dir, 'certdeck.0123456789abcdef.pack')
    await writeFile(orphan, 'CERTDECK-PACK 1\n')
    await writeFile(join(dir, '.certdeck.json.tmp'), '{}')
    await writeFile(join(dir, '.certdeck.json.0123456789ab.tmp'), '{}')
    await writeFile(join(dir, '.certdeck.json.bak-v1-20250102T000000000Z.0123456789ab.tmp'), '{}')
    const backups = ['20240101T000000000Z', '20250101T000000000Z'].map((stamp) => `${store.path}.bak-v0-${stamp}`)
    for (const [i, backup] of backups.entries()) {
      await writeFile(backup, '{}', { mode: 0o600 })
      await utimes(backup, 1_700_000_000 + i, 1_700_000_000 + i)
    }
    await FileStore.open(dir)
    expect((await readdir(dir)).sort()).toEqual(
      ['certdeck.json', 'certdeck.json.bak-v0-20250101T000000000Z', basename(pack)].sort(),
    )
  })

  it('removes the pack of a lost certdeck.json when a new repository is created over it', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const secret = longText('sealed')
    await store.update((data) => {
      data.credentials.push(credential('a', secret))
    })
    await rm(store.path)
    await FileStore.create(dir, emptyStoreData())
    expect((await readdir(dir)).filter((name) => name.endsWith('.pack'))).toEqual([])
  })

  it('narrows loosened permissions at open and says so', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    await store.update((data) => {
      data.credentials.push(credential('a', longText('sealed')))
    })
    const pack = await packOf()
    await chmod(dir, 0o755)
    await chmod(store.path, 0o644)
    await chmod(pack, 0o640)
    const opened = await FileStore.open(dir)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
    expect((await stat(pack)).mode & 0o777).toBe(0o600)
    expect(opened.warnings).toHaveLength(3)
    expect(opened.warnings.join('\n')).toContain(`${store.path} had mode 0644`)
    expect(opened.warnings.join('\n')).toContain('set it back to 0600')
    expect((await FileStore.open(dir)).warnings).toEqual([])
  })
})
