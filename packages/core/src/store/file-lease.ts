import { randomBytes } from 'node:crypto'
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname, userInfo } from 'node:os'
import { join } from 'node:path'
import type { Lease } from '../ports/store-leases.js'
import { type LockOwner, OWNER_FILE, bootId, ownerStatus, readOwner, removeOwnedDir } from './lock-owner.js'

/** Options of {@link tryAcquireFileLease}. */
export interface FileLeaseOptions {
  /** A lease not refreshed for this long (a stopped or remote holder) is taken over. @default 30000 */
  readonly staleMs?: number
}

/** Tokens of the leases this process holds, by lease directory. */
const held = new Map<string, string>()

function userName(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}

/**
 * Takes the lease `name` of the repository file `file`: a directory `<file>.lease-<name>` holding
 * the owner's pid, host, boot and a random token, refreshed every third of `staleMs` while held. A
 * lease whose holder no longer runs on this host (or ran before the last boot) is taken over at
 * once; one held from another host once not refreshed for `staleMs`. A live local holder, even a
 * stopped one, keeps it. `lost` is aborted when a refresh finds the
 * lease in other hands. Undefined when a live process holds it.
 */
export async function tryAcquireFileLease(
  file: string,
  name: string,
  options: FileLeaseOptions = {},
): Promise<Lease | undefined> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`lease name ${JSON.stringify(name)} is not [a-z0-9-]+`)
  const dir = `${file}.lease-${name}`
  const staleMs = options.staleMs ?? 30_000
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(12).toString('hex'),
    since: new Date().toISOString(),
    ...(bootId() ? { boot: bootId() } : {}),
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await mkdir(dir, { mode: 0o700 })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const info = await stat(dir).catch(() => undefined)
      if (!info) continue
      const current = await readOwner(dir)
      const stale = Date.now() - info.mtimeMs > staleMs
      // A live holder on this host (even a stopped one) keeps it; one on another host, until stale.
      const status = current ? ownerStatus(current, held) : undefined
      const free = status === 'dead' || ((status === 'elsewhere' || status === undefined) && stale)
      if (free && (await removeOwnedDir(dir, current?.token))) continue
      return undefined
    }
    held.set(dir, owner.token)
    await writeFile(join(dir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 })
    return heldLease(dir, owner, staleMs)
  }
  return undefined
}

function heldLease(dir: string, owner: LockOwner, staleMs: number): Lease {
  const lost = new AbortController()
  let released = false
  const timer = setInterval(
    () => {
      void readOwner(dir)
        .then(async (current) => {
          if (released) return
          if (current?.token !== owner.token) lost.abort(new Error(`the lease ${dir} was taken over`))
          else await utimes(dir, new Date(), new Date())
        })
        .catch(() => undefined)
    },
    Math.max(staleMs / 3, 200),
  )
  timer.unref()
  return {
    holder: `${userName()}@${owner.host} pid ${owner.pid}`,
    lost: lost.signal,
    release: async () => {
      if (released) return
      released = true
      clearInterval(timer)
      if (held.get(dir) === owner.token) held.delete(dir)
      await removeOwnedDir(dir, owner.token)
    },
  }
}

/** Who holds the lease `name` of `file`, for messages; undefined when nobody does. */
export async function leaseHolder(file: string, name: string): Promise<string | undefined> {
  const owner = await readOwner(`${file}.lease-${name}`)
  return owner && `pid ${owner.pid} on ${owner.host}, since ${owner.since}`
}
