import { mkdtemp, rm, utimes } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyStoreData } from '../src/domain/store-data.js'
import { FileStore } from '../src/store/file-store.js'
import { type Writer, snapshot, startWriter, stopped } from './support/writer-process.js'

/**
 * A writer stopped with SIGSTOP (Ctrl-Z, a VM pause, swapping) at a named step of its save
 * (see `fixtures/pause-at-step.ts`) while other processes save, then resumed.
 */

const STALE = { STALE_MS: '4000' }
/** The stopped writer records an owner on another machine, whose lock goes stale with time. */
const REMOTE = { ...STALE, CERTDECK_TEST_HOST: 'paused-host.example' }

let dir: string
const running: Writer[] = []
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-paused-'))
  await FileStore.create(dir, emptyStoreData())
})
afterEach(async () => {
  for (const writer of running) {
    writer.child.kill('SIGKILL')
    await writer.exit
  }
  running.length = 0
  await rm(dir, { recursive: true, force: true })
})

function writer(label: string, count: string, env: Record<string, string>): Writer {
  const started = startWriter(dir, label, count, env)
  running.push(started)
  return started
}

/** Starts writer `a` (one commit, then a second update stopped at `step`), and waits until it is stopped. */
async function pausedWriter(step: string, env: Record<string, string>): Promise<Writer> {
  const a = writer('a', '3', { ...env, BLOBS: '1', CERTDECK_TEST_PAUSE_AT: step, CERTDECK_TEST_PAUSE_AFTER: '1' })
  await a.reached(`paused at ${step}`, 1)
  await stopped(a.child.pid!)
  return a
}

async function regions(label: string): Promise<string[]> {
  const data = await (await FileStore.open(dir)).read()
  return data.regionScans.filter((s) => s.credentialId === label).map((s) => s.region)
}

/** Resumes `a` and checks it reports the lost lock and changes no file. */
async function resumeAndExpectLockLost(a: Writer): Promise<void> {
  const before = await snapshot(dir)
  a.child.kill('SIGCONT')
  expect(await a.exit, a.stderr()).toBe(1)
  expect(a.stderr()).toContain('STORE_LOCK_LOST')
  expect(a.stderr()).not.toContain('ENOENT')
  expect(await snapshot(dir)).toEqual(before)
}

describe('a writer paused in the middle of its save', () => {
  const cases = [
    {
      name: 'just before the rename, while another saves once with a blob',
      step: 'before-rename',
      saves: 1,
      blobs: true,
    },
    {
      name: 'just before the rename, while another saves once without a blob',
      step: 'before-rename',
      saves: 1,
      blobs: false,
    },
    { name: 'just before the rename, while another saves three times', step: 'before-rename', saves: 3, blobs: true },
    {
      name: 'between creating the lock directory and its owner record',
      step: 'lock-dir-created',
      saves: 1,
      blobs: true,
    },
  ]
  for (const { name, step, saves, blobs } of cases) {
    it(`${name}: commits nothing and reports STORE_LOCK_LOST; the other's changes stay`, async () => {
      const a = await pausedWriter(step, REMOTE)
      for (let i = 0; i < saves; i++) {
        const b = writer(`b${i}`, '1', { ...STALE, ...(blobs ? { BLOBS: '1' } : {}) })
        expect(await b.exit, b.stderr()).toBe(0)
      }
      await resumeAndExpectLockLost(a)
      const data = await (await FileStore.open(dir)).read()
      for (let i = 0; i < saves; i++) expect(await regions(`b${i}`)).toEqual(['r0'])
      expect(await regions('a')).toEqual(['r0'])
      const names = data.credentials.map((c) => c.name)
      expect(names).toEqual(['a0', ...(blobs ? Array.from({ length: saves }, (_, i) => `b${i}0`) : [])])
      for (const credential of data.credentials) expect(credential.secretAccessKey?.data).toHaveLength(1200)
    }, 60_000)
  }

  it('is not taken over by time while it runs on this host, even stopped; the waiter names it', async () => {
    const a = await pausedWriter('before-rename', STALE)
    // As if the stale time had long passed.
    const old = new Date(Date.now() - 3_600_000)
    await utimes(join(dir, 'certdeck.json.lock'), old, old)
    const waiter = await FileStore.open(dir, { lock: { retries: 0, staleMs: 1500 } })
    const error = await waiter.update(() => undefined).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'STORE_LOCKED',
      message: expect.stringContaining(`pid ${a.child.pid} on ${hostname()}`),
    })
    expect((error as Error).message).toContain(`kill -CONT ${a.child.pid}`)
    a.child.kill('SIGCONT')
    expect(await a.exit, a.stderr()).toBe(0)
    expect(await regions('a')).toEqual(['r0', 'r1', 'r2'])
  }, 60_000)
})
