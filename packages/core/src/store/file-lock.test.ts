import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withFileLock } from './file-lock.js'
import { bootId } from './lock-owner.js'
import { STORE_STEPS_CHANNEL } from './store-steps.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-lock-'))
  file = join(dir, 'certdeck.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function plantLock(owner: { pid: number; host: string; token: string; boot?: string }, ageMs = 0): Promise<void> {
  await mkdir(`${file}.lock`)
  await writeFile(join(`${file}.lock`, 'owner.json'), JSON.stringify({ ...owner, since: new Date().toISOString() }))
  const at = new Date(Date.now() - ageMs)
  await utimes(`${file}.lock`, at, at)
}

const noWait = { retries: 0, staleMs: 60_000 }

/** Stops renames in `path` (mode 0555; as root, the immutable attribute); false when neither works here. */
function makeUnwritable(path: string): boolean {
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o555)
    return true
  }
  return spawnSync('chattr', ['+i', path]).status === 0
}

function makeWritable(path: string): void {
  if (process.getuid?.() === 0) spawnSync('chattr', ['-i', path])
  else chmodSync(path, 0o700)
}

describe('withFileLock', () => {
  it('takes over at once the lock of a process of this host that no longer runs', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!
    await plantLock({ pid: gone, host: hostname(), token: 'dead' })
    expect(await withFileLock(file, async () => 'ran', noWait)).toBe('ran')
  })

  it('waits for a live owner and names it when giving up', async () => {
    await plantLock({ pid: process.ppid, host: hostname(), token: 'live' })
    await expect(withFileLock(file, async () => 'ran', noWait)).rejects.toMatchObject({
      code: 'STORE_LOCKED',
      message: expect.stringContaining(`pid ${process.ppid} on ${hostname()}`),
    })
  })

  it('never judges an owner on another host dead, but takes its lock once stale', async () => {
    await plantLock({ pid: 999_999_999, host: 'elsewhere.example', token: 'remote' })
    await expect(withFileLock(file, async () => 'ran', noWait)).rejects.toMatchObject({ code: 'STORE_LOCKED' })
    await rm(`${file}.lock`, { recursive: true })
    await plantLock({ pid: 1, host: 'elsewhere.example', token: 'remote' }, 61_000)
    expect(await withFileLock(file, async () => 'ran', noWait)).toBe('ran')
  })

  it('reports a lock taken over meanwhile, and leaves the new owner its lock', async () => {
    const error = await withFileLock(
      file,
      async (assertHeld) => {
        await assertHeld()
        await rm(`${file}.lock`, { recursive: true })
        await plantLock({ pid: process.ppid, host: hostname(), token: 'other' })
        await assertHeld()
      },
      noWait,
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'STORE_LOCK_LOST', message: expect.stringContaining(`pid ${process.ppid}`) })
    expect(JSON.parse(await readFile(join(`${file}.lock`, 'owner.json'), 'utf8'))).toMatchObject({ token: 'other' })
  })

  it('gives up on a stale lock it cannot remove instead of retrying it for ever', async (ctx) => {
    await plantLock({ pid: 1, host: 'elsewhere.example', token: 'remote' }, 61_000)
    if (!makeUnwritable(dir)) ctx.skip()
    try {
      const outcome = withFileLock(file, async () => 'ran', { retries: 2, staleMs: 60_000 })
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000, 'still trying'))
      expect(await Promise.race([outcome.catch((e: unknown) => e), timeout])).toMatchObject({
        code: 'STORE_LOCKED',
        message: expect.stringContaining(`remove ${file}.lock by hand`),
      })
    } finally {
      makeWritable(dir)
    }
  })

  it('never takes over by time the lock of a process that exists on this host', async () => {
    await plantLock({ pid: process.ppid, host: hostname(), token: 'live' }, 61_000)
    const error = await withFileLock(file, async () => 'ran', noWait).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`kill ${process.ppid}`) })
  })

  it('takes over at once a lock taken before this machine booted, though its pid runs again', async (ctx) => {
    if (!bootId()) ctx.skip()
    await plantLock({ pid: process.ppid, host: hostname(), token: 'old', boot: 'an-earlier-boot' })
    expect(await withFileLock(file, async () => 'ran', noWait)).toBe('ran')
  })

  it('writes its owner record create-only: a record written meanwhile by another wins', async () => {
    const takeOver = (message: unknown) => {
      if ((message as { step: string }).step !== 'lock-dir-created') return
      rmSync(`${file}.lock`, { recursive: true })
      mkdirSync(`${file}.lock`)
      writeFileSync(join(`${file}.lock`, 'owner.json'), JSON.stringify({ pid: 1, host: 'other.example', token: 'new' }))
    }
    subscribe(STORE_STEPS_CHANNEL, takeOver)
    try {
      const error = await withFileLock(file, async () => 'ran', { retries: 0, staleMs: 0 }).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'STORE_LOCK_LOST' })
    } finally {
      unsubscribe(STORE_STEPS_CHANNEL, takeOver)
    }
    expect(JSON.parse(await readFile(join(`${file}.lock`, 'owner.json'), 'utf8'))).toMatchObject({ token: 'new' })
  })

  it('removes its own lock when done', async () => {
    await withFileLock(file, async () => undefined, noWait)
    await expect(readFile(join(`${file}.lock`, 'owner.json'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
