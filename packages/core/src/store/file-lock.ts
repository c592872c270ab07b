import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { mkdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { CertDeckError } from '../errors.js'
import { type LockOwner, OWNER_FILE, describeOwner, isDeadOwner, readOwner } from './lock-owner.js'

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /**
   * A lock not refreshed for this long belongs to a stalled or dead process and is taken over.
   * A lock whose owner is known dead (a pid on this host that no longer runs) is taken at once.
   * @default 10000
   */
  readonly staleMs?: number
  /** How many times to retry a held lock (backoff 5–50 ms, randomised). @default 400 */
  readonly retries?: number
}

/** Checks, right before a commit, that this process still holds the lock; throws `STORE_LOCK_LOST` if not. */
export type AssertHeld = () => Promise<void>

/** Tokens of the locks this process holds, by lock directory, for the exit handler. */
const held = new Map<string, string>()
let exitHandler = false

function releaseAllOnExit(): void {
  if (exitHandler) return
  exitHandler = true
  process.once('exit', () => {
    for (const [dir, token] of held) {
      try {
        if ((JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as LockOwner).token === token)
          rmSync(dir, { recursive: true, force: true })
      } catch {
        // Nothing to clean, or not ours any more.
      }
    }
  })
}

/**
 * Moves the lock directory aside and deletes it if it still belongs to `token` (the owner judged
 * dead or stale, or this process releasing); a lock that changed hands meanwhile is put back.
 * True when the lock is gone; false when it changed hands or cannot be moved (no write access to
 * the data dir, a read-only file system).
 */
async function removeLock(dir: string, token: string | undefined): Promise<boolean> {
  const grave = `${dir}.${randomBytes(6).toString('hex')}.old`
  try {
    await rename(dir, grave)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
  }
  if ((await readOwner(grave))?.token === token) {
    await rm(grave, { recursive: true, force: true })
    return true
  }
  await rename(grave, dir).catch(() => rm(grave, { recursive: true, force: true }))
  return false
}

/** Creates the lock directory with its owner record; the owner found when it is held. */
async function tryAcquire(
  dir: string,
  owner: LockOwner,
  staleMs: number,
): Promise<{ held?: LockOwner | undefined; ok: boolean }> {
  try {
    await mkdir(dir, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const info = await stat(dir).catch(() => undefined)
    if (!info) return { ok: false }
    const current = await readOwner(dir)
    const stale = Date.now() - info.mtimeMs > staleMs
    // A lock that cannot be removed is waited for like a live one, up to the retries.
    if ((stale || (current && isDeadOwner(current, held))) && (await removeLock(dir, current?.token))) {
      return tryAcquire(dir, owner, staleMs)
    }
    return { ok: false, held: current }
  }
  await writeFile(join(dir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 })
  return { ok: true }
}

/**
 * Runs `fn` holding the cross-process lock of `file`: a `<file>.lock` directory holding the
 * owner's pid, host and a random token, kept fresh while held. A lock of a dead process on this
 * host is taken over at once; one not refreshed for `staleMs` (a stopped or remote process) too.
 * `fn` gets `assertHeld`, which re-reads the owner and throws `STORE_LOCK_LOST` if the lock
 * changed hands: callers run it right before committing. Release removes the lock only if it is
 * still this process's.
 */
export async function withFileLock<T>(
  file: string,
  fn: (assertHeld: AssertHeld) => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const dir = `${file}.lock`
  const staleMs = options.staleMs ?? 10_000
  const retries = options.retries ?? 400
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(12).toString('hex'),
    since: new Date().toISOString(),
  }
  let blocker: LockOwner | undefined
  for (let attempt = 0, delay = 5; ; attempt++) {
    const outcome = await tryAcquire(dir, owner, staleMs)
    if (outcome.ok) break
    blocker = outcome.held ?? blocker
    if (attempt >= retries) {
      throw new CertDeckError(
        'STORE_LOCKED',
        `Another CertDeck process (${blocker ? describeOwner(blocker) : 'unknown'}) keeps ${file} locked. ` +
          `Wait for it to ` +
          `finish and try again. If that process is stopped (Ctrl-Z) or hung, end it; a lock not refreshed for ` +
          `${staleMs / 1000} s, or whose process no longer runs on this host, is taken over by itself when the ` +
          `data directory is writable (else remove ${dir} by hand once no CertDeck process runs).`,
        { kind: 'failure' },
      )
    }
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())))
    delay = Math.min(50, delay * 1.3)
  }
  held.set(dir, owner.token)
  releaseAllOnExit()
  let lost: LockOwner | 'gone' | undefined
  const check = async () => {
    const current = await readOwner(dir)
    if (current?.token !== owner.token) lost ??= current ?? 'gone'
    return lost === undefined
  }
  const timer = setInterval(
    () => {
      void check()
        .then((mine) => (mine ? utimes(dir, new Date(), new Date()) : undefined))
        .catch(() => undefined)
    },
    Math.max(staleMs / 3, 500),
  )
  timer.unref()
  const assertHeld: AssertHeld = async () => {
    if (await check()) return
    const by = lost === 'gone' || lost === undefined ? 'the lock was removed' : `${describeOwner(lost)} took it over`
    throw new CertDeckError(
      'STORE_LOCK_LOST',
      `This process lost the lock on ${file} before committing (it was paused or stalled for more than ` +
        `${staleMs / 1000} s and ${by}), so it wrote nothing; the other process's changes are kept. Run ` +
        `the command again.`,
      { kind: 'failure' },
    )
  }
  try {
    return await fn(assertHeld)
  } finally {
    clearInterval(timer)
    held.delete(dir)
    if (lost === undefined) await removeLock(dir, owner.token)
  }
}
