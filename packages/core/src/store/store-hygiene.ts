import { chmod, readdir, rm, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isTempFileOf } from './atomic-file.js'
import { newestBackup } from './backups.js'
import { listPacks } from './blob-pack.js'
import { AUDIT_FILE, CONFIG_FILE } from './data-dir.js'

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`
}

/**
 * Checks the data dir (0700) and the files CertDeck keeps in it (0600): a looser mode is
 * narrowed when this user owns the path, else reported. Returns one warning per path found
 * loosened, saying which it was and what was done, for the caller to show.
 */
export async function repairPermissions(dataFile: string): Promise<string[]> {
  const dir = dirname(dataFile)
  const name = basename(dataFile)
  const names = await readdir(dir)
  const ours = (entry: string) =>
    entry === name ||
    entry === AUDIT_FILE ||
    entry === CONFIG_FILE ||
    entry.startsWith(`${name}.bak-`) ||
    /^certdeck\.[0-9a-f]{16}\.pack$/.test(entry)
  const targets = [
    { path: dir, wanted: 0o700 },
    ...names.filter(ours).map((entry) => ({ path: join(dir, entry), wanted: 0o600 })),
  ]
  const warnings: string[] = []
  const uid = process.getuid?.()
  for (const { path, wanted } of targets) {
    const info = await stat(path).catch(() => undefined)
    if (!info || (info.mode & 0o777 & ~wanted) === 0) continue
    const was =
      `${path} had mode ${octal(info.mode)}, which lets other users ` +
      `${wanted === 0o700 ? 'into the data directory' : 'read or change it'}`
    if (uid === undefined || info.uid === uid) {
      const repaired = await chmod(path, wanted).then(
        () => true,
        () => false,
      )
      if (repaired) {
        warnings.push(
          `${was}; CertDeck set it back to ${octal(wanted)}. Check what loosened it (a backup restore, a ` +
            `copy, a umask).`,
        )
        continue
      }
    }
    warnings.push(
      `${was}, and CertDeck cannot change it (uid ${info.uid} owns it). Run \`chmod ${octal(wanted)} ` +
        `${path}\` as its owner.`,
    )
  }
  return warnings
}

/** Leftovers in the data dir that no committed state uses. */
export interface Leftovers {
  /** Pack files the document does not point at (a crashed rewrite, an `init` over a lost document). */
  readonly packs: string[]
  /** Temp files of interrupted saves and backups (a backup's holds sealed keys inline). */
  readonly temps: string[]
  /** Migration backups older than the newest (each holds sealed keys inline). */
  readonly oldBackups: string[]
  /** Lock directories moved aside by a takeover and not yet deleted. */
  readonly oldLocks: string[]
}

/** What {@link removeLeftovers} would delete, given the pack the document points at. */
export async function findLeftovers(dataFile: string, packFile: string | undefined): Promise<Leftovers> {
  const dir = dirname(dataFile)
  const name = basename(dataFile)
  const names = await readdir(dir)
  const newest = await newestBackup(dataFile)
  return {
    packs: (await listPacks(dir)).filter((entry) => entry !== packFile),
    temps: names.filter(
      (entry) => isTempFileOf(name, entry) || (entry.startsWith(`.${name}.bak-`) && entry.endsWith('.tmp')),
    ),
    oldBackups: names.filter((entry) => entry.startsWith(`${name}.bak-`) && join(dir, entry) !== newest),
    oldLocks: names.filter(
      (entry) => /^\S+\.lock\.[0-9a-f]{12}\.old$/.test(entry) && entry.startsWith(`${name}.lock.`),
    ),
  }
}

/** True when there is nothing to remove. */
export function isClean(leftovers: Leftovers): boolean {
  return Object.values(leftovers).every((list: string[]) => list.length === 0)
}

/** Deletes the leftovers (the caller holds the store lock). */
export async function removeLeftovers(dataFile: string, leftovers: Leftovers): Promise<void> {
  const dir = dirname(dataFile)
  for (const entry of [...leftovers.packs, ...leftovers.temps, ...leftovers.oldBackups])
    await unlink(join(dir, entry)).catch(() => undefined)
  for (const entry of leftovers.oldLocks) await rm(join(dir, entry), { recursive: true, force: true })
}
