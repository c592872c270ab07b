import { chmodSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withFileLock } from './file-lock.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-lock-'))
  file = join(dir, 'certdeck.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function plantLock(owner: { pid: number; host: string; token: string }, ageMs = 0): Promise<void> {
  await mkdir(`${file}.lock`)
  await writeFile(join(`${file}.lock`, 'owner.json'), JSON.stringify({ ...owner, since: '2025-01-01T00:00:00.000Z' }))
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

  it('removes its own lock when done', async () => {
    await withFileLock(file, async () => undefined, noWait)
    await expect(readFile(join(`${file}.lock`, 'owner.json'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
