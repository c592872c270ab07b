import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyStoreData } from '../src/domain/store-data.js'
import { FileStore } from '../src/store/file-store.js'
import { startWriter, stopped } from './support/writer-process.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-procs-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('FileStore across processes', () => {
  it('loses no update when two processes each make 200 at once', async () => {
    await FileStore.create(dir, emptyStoreData())
    const a = startWriter(dir, 'a', '200')
    const b = startWriter(dir, 'b', '200')
    const codes = await Promise.all([a.exit, b.exit])
    expect(codes, a.stderr() + b.stderr()).toEqual([0, 0])
    const scans = (await (await FileStore.open(dir)).read()).regionScans
    expect(scans).toHaveLength(400)
    for (const label of ['a', 'b']) {
      const mine = scans.filter((s) => s.credentialId === label).map((s) => s.region)
      expect(mine).toEqual(Array.from({ length: 200 }, (_, i) => `r${i}`))
    }
  }, 60_000)

  it('keeps every committed update when a writer is killed ' +
    'with SIGKILL in the middle of each kind of write', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    await store.update((data) => {
      for (let i = 0; i < 3000; i++)
        data.regionScans.push({ credentialId: 'seed', region: `s${i}`, lastError: randomBytes(40).toString('hex') })
    })
    const committed = new Map<string, number>()
    for (const moment of ['mid-write json', 'mid-append pack', 'mid-write pack']) {
      const run = startWriter(dir, moment, 'forever', { PAUSE_AT: moment, PAUSE_AFTER: '12' })
      await run.reached(moment, 12)
      run.child.kill('SIGKILL')
      await run.exit
      committed.set(moment, Math.max(...run.committed))
      const scans = (await (await FileStore.open(dir)).read()).regionScans
      expect(scans.filter((s) => s.credentialId === 'seed')).toHaveLength(3000)
      for (const [label, last] of committed) {
        const written = new Set(scans.filter((s) => s.credentialId === label).map((s) => s.region))
        for (let i = 0; i <= last; i++) expect(written.has(`r${i}`), `${label} r${i}`).toBe(true)
      }
    }
    // The last dead writer's lock is taken over at once and the repository takes updates again.
    const reopened = await FileStore.open(dir, { lock: { retries: 0 } })
    await reopened.update((data) => {
      data.regionScans.push({ credentialId: 'after', region: 'x' })
    })
    expect((await (await FileStore.open(dir)).read()).regionScans.at(-1)).toEqual({
      credentialId: 'after',
      region: 'x',
    })
  }, 60_000)

  for (const moment of ['mid-write json', 'mid-append pack']) {
    it(`keeps the other's work when a writer stopped ` +
      `(SIGSTOP) at ${moment} loses its lock and then resumes`, async () => {
      await FileStore.create(dir, emptyStoreData())
      const fast = { STALE_MS: '2000', BLOBS: '1' }
      // On another host sharing the data dir: a stopped writer of this host is never taken over.
      const a = startWriter(dir, 'a', '6', { ...fast, STOP_AT: moment, PAUSE_AFTER: '2', CERTDECK_TEST_HOST: 'other' })
      await a.reached(moment, 2)
      await stopped(a.child.pid!)
      // A live owner is waited for, and the message says who holds the lock.
      const impatient = await FileStore.open(dir, { lock: { retries: 0 } })
      const locked = await impatient.update(() => undefined).catch((e: unknown) => e)
      expect(locked).toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`pid ${a.child.pid}`) })
      // The stopped remote writer's lock goes stale; another process takes it over and commits.
      const b = startWriter(dir, 'b', '4', fast)
      expect(await b.exit, b.stderr()).toBe(0)
      a.child.kill('SIGCONT')
      expect(await a.exit).not.toBe(0)
      expect(a.stderr()).toContain('STORE_LOCK_LOST')
      const data = await (await FileStore.open(dir)).read()
      const regions = (label: string) => data.regionScans.filter((s) => s.credentialId === label).map((s) => s.region)
      expect(regions('b')).toEqual(['r0', 'r1', 'r2', 'r3'])
      expect(regions('a')).toEqual(['r0', 'r1'])
      expect(data.credentials.map((c) => c.name)).toEqual(['a0', 'a1', 'b0', 'b1', 'b2', 'b3'])
      for (const credential of data.credentials) expect(credential.secretAccessKey?.data).toHaveLength(1200)
    }, 60_000)
  }

  it('takes over at once the lock of a writer killed inside the locked section', async () => {
    await FileStore.create(dir, emptyStoreData())
    const run = startWriter(dir, 'dead', 'forever', { PAUSE_AT: 'mid-write json', PAUSE_AFTER: '1' })
    await run.reached('mid-write json', 1)
    run.child.kill('SIGKILL')
    await run.exit
    // No retries and a long stale time: only recognising the dead owner lets this through.
    const store = await FileStore.open(dir, { lock: { retries: 0, staleMs: 60_000 } })
    await store.update((data) => {
      data.regionScans.push({ credentialId: 'next', region: 'x' })
    })
    expect((await (await FileStore.open(dir)).read()).regionScans.at(-1)).toEqual({ credentialId: 'next', region: 'x' })
  }, 60_000)
})
