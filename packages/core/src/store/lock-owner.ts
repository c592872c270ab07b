import { readFile } from 'node:fs/promises'
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

/**
 * True when the owner certainly no longer holds its lock: it is on this host and its pid does
 * not run, or it is this very process under a token it no longer holds (`held`: lock dir → token).
 * An owner on another host is never judged dead (its lock goes stale instead).
 */
export function isDeadOwner(owner: LockOwner, held: ReadonlyMap<string, string>): boolean {
  if (owner.host !== hostname()) return false
  if (owner.pid === process.pid) return ![...held.values()].includes(owner.token)
  return !isRunning(owner.pid)
}

/** "pid 123 on host h, since …", for messages. */
export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host}${owner.since ? `, since ${owner.since}` : ''}`
}
