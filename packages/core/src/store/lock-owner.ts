import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile, rename, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

/** The file inside a lock directory that records its {@link LockOwner}. */
export const OWNER_FILE = 'owner.json'

/** Who holds a store lock: written in {@link OWNER_FILE} inside the lock directory. */
export interface LockOwner {
  readonly pid: number
  readonly host: string
  /** Random, per acquisition: tells this holder from a later one with the same pid. */
  readonly token: string
  /** When the lock was taken (ISO 8601). */
  readonly since: string
  /** The machine's boot id when the lock was taken (Linux), see {@link bootId}. */
  readonly boot?: string
}

/** The owner recorded in a lock directory; undefined when there is none (being created, or an old-style lock). */
export async function readOwner(dir: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(dir, OWNER_FILE), 'utf8')) as Partial<LockOwner>
    const valid = Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.token === 'string'
    return valid ? (owner as LockOwner) : undefined
  } catch {
    return undefined
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The state letter of a running process (`T`: stopped), from Linux `/proc`; undefined elsewhere. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name before it may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  } catch {
    return undefined
  }
}

let boot: string | undefined | null = null

/** This boot of the machine (Linux `boot_id`), to tell a pid of an earlier boot; undefined elsewhere. */
export function bootId(): string | undefined {
  if (boot === null) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined
    } catch {
      boot = undefined
    }
  }
  return boot
}

/**
 * Where the owner of a lock stands, seen from this process:
 * - `dead`: it certainly no longer holds the lock: on this host its pid does not run, or the lock
 *   was taken before the machine last booted (the pid may now be another process's), or it is
 *   this very process under a token it no longer holds (`held`: lock dir → token);
 * - `stopped` / `running`: it runs on this host (stopped: Ctrl-Z or SIGSTOP); never taken over;
 * - `elsewhere`: it is on another host (a shared data dir); its lock is taken over once stale.
 */
export function ownerStatus(owner: LockOwner, held: ReadonlyMap<string, string>): OwnerStatus {
  if (owner.host !== hostname()) return 'elsewhere'
  if (owner.pid === process.pid) return [...held.values()].includes(owner.token) ? 'running' : 'dead'
  const booted = bootId()
  if (!isRunning(owner.pid) || (owner.boot && booted && owner.boot !== booted)) return 'dead'
  const state = processState(owner.pid)
  return state === 'T' || state === 't' ? 'stopped' : 'running'
}

/** See {@link ownerStatus}. */
export type OwnerStatus = 'dead' | 'running' | 'stopped' | 'elsewhere'

/** "pid 123 on host h, since …", for messages. */
export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host}${owner.since ? `, since ${owner.since}` : ''}`
}

/**
 * Moves a lock or lease directory aside and deletes it if it still belongs to `token` (the owner judged
 * dead or stale, or this process releasing); a lock that changed hands meanwhile is put back.
 * True when the lock is gone; false when it changed hands or cannot be moved (no write access to
 * the data dir, a read-only file system).
 */
export async function removeOwnedDir(dir: string, token: string | undefined): Promise<boolean> {
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
