import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { CertDeckError } from '../errors.js'
import { reachStep } from './store-steps.js'
import {
  type LockOwner,
  OWNER_FILE,
  type OwnerStatus,
  bootId,
  describeOwner,
  ownerStatus,
  readOwner,
  removeOwnedDir,
} from './lock-owner.js'

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /**
   * A lock not refreshed for this long whose owner is on another host (or unrecorded) belongs to a
   * stalled or dead process and is taken over. A lock whose owner is known dead (a pid on this host
   * that no longer runs) is taken at once; one whose owner still exists on this host, never.
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

/** What {@link tryAcquire} found. */
type Attempt = { ok: true } | { ok: false; held?: LockOwner | undefined; status?: OwnerStatus | undefined }

/**
 * Creates the lock directory, then its owner record create-only: a process paused between the
 * two whose directory was taken over meanwhile finds the record (or the directory) gone or
 * someone else's and reports `STORE_LOCK_LOST` rather than believing it holds the lock.
 * A held lock is taken over when its owner is dead, or when it is stale and its owner is not a
 * process that runs (even stopped) on this host.
 */
async function tryAcquire(dir: string, owner: LockOwner, staleMs: number): Promise<Attempt> {
  try {
    await mkdir(dir, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const info = await stat(dir).catch(() => undefined)
    if (!info) return { ok: false }
    const current = await readOwner(dir)
    const status = current && ownerStatus(current, held)
    const stale = Date.now() - info.mtimeMs > staleMs && status !== 'running' && status !== 'stopped'
    // A lock that cannot be removed is waited for like a live one, up to the retries.
    if ((stale || status === 'dead') && (await removeOwnedDir(dir, current?.token))) {
      return tryAcquire(dir, owner, staleMs)
    }
    return { ok: false, held: current, status }
  }
  const created = performance.now()
  reachStep('lock-dir-created', dir)
  try {
    await writeFile(join(dir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600, flag: 'wx' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EEXIST' && code !== 'ENOENT') throw error
    // Within the stale time nobody takes a fresh directory over: the record is a paused writer's, wait for it.
    if (code === 'EEXIST' && performance.now() - created < staleMs) return { ok: false, held: await readOwner(dir) }
    throw lockLost(
      dir.slice(0, -'.lock'.length),
      'while taking it: it was paused or stalled between creating the lock directory and recording itself as ' +
        `its owner, for more than ${staleMs / 1000} s, and another process took the lock over`,
    )
  }
  return { ok: true }
}

function lockLost(file: string, how: string): CertDeckError {
  return new CertDeckError(
    'STORE_LOCK_LOST',
    `This process lost the lock on ${file} ${how}, so it wrote nothing; the other process's changes are ` +
      'kept. Run the command again.',
    { kind: 'failure' },
  )
}

/** The `STORE_LOCKED` error: who holds the lock, and what the user can do about it. */
function lockedError(file: string, dir: string, staleMs: number, blocker: LockOwner | undefined, status?: OwnerStatus) {
  const who = blocker ? describeOwner(blocker) : 'unknown'
  let advice =
    `If that process is stopped (Ctrl-Z) or hung, end it; a lock not refreshed for ${staleMs / 1000} s, or whose ` +
    'process no longer runs on this host, is taken over by itself when the data directory is writable (else ' +
    `remove ${dir} by hand once no CertDeck process runs).`
  if (blocker && (status === 'running' || status === 'stopped')) {
    const state =
      status === 'stopped'
        ? 'That process is stopped (Ctrl-Z or SIGSTOP): resume it'
        : 'If that process is stopped or hung, resume it'
    advice =
      `${state} (\`fg\` in its shell, or \`kill -CONT ${blocker.pid}\`) and let it finish, or end it ` +
      `(\`kill ${blocker.pid}\`); its lock is then taken over at once. A lock whose process still exists on this ` +
      'host is never taken over by time.'
  }
  return new CertDeckError(
    'STORE_LOCKED',
    `Another CertDeck process (${who}) keeps ${file} locked. Wait for it to finish and try again. ${advice}`,
    { kind: 'failure' },
  )
}

/** The lock this process holds, as `fn` of {@link withFileLock} sees it. */
export interface HeldLock {
  /**
   * The lock directory. Files a commit stages in it (the document's temp file, a new pack) vanish
   * with it when another process takes the lock over, so a late rename of them fails.
   */
  readonly dir: string
}

/**
 * Runs `fn` holding the cross-process lock of `file`: a `<file>.lock` directory holding the
 * owner's pid, host and a random token, kept fresh while held. A lock of a dead process on this
 * host is taken over at once; one of a process that still exists on this host (even stopped) is
 * never taken over; one of another host is taken over once not refreshed for `staleMs`.
 * `fn` gets `assertHeld`, which re-reads the owner and throws `STORE_LOCK_LOST` if the lock
 * changed hands, and the {@link HeldLock}: callers stage what they commit in its directory and
 * run `assertHeld` right before the renames that commit. Release removes the lock only if it is
 * still this process's.
 */
export async function withFileLock<T>(
  file: string,
  fn: (assertHeld: AssertHeld, lock: HeldLock) => Promise<T>,
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
    boot: bootId(),
  }
  let blocker: LockOwner | undefined
  let status: OwnerStatus | undefined
  for (let attempt = 0, delay = 5; ; attempt++) {
    const outcome = await tryAcquire(dir, owner, staleMs)
    if (outcome.ok) break
    if (outcome.held) [blocker, status] = [outcome.held, outcome.status]
    if (attempt >= retries) throw lockedError(file, dir, staleMs, blocker, status)
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
    throw lockLost(file, `before committing (it was paused or stalled for more than ${staleMs / 1000} s and ${by})`)
  }
  try {
    return await fn(assertHeld, { dir })
  } finally {
    clearInterval(timer)
    held.delete(dir)
    if (lost === undefined) await removeOwnedDir(dir, owner.token)
  }
}
