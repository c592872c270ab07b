import { randomBytes } from 'node:crypto'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** @default 0o600 */
  readonly mode?: number
  /** fsync the content before the rename, so a power loss leaves the old or the new file. @default true */
  readonly durable?: boolean
  /** Runs right before the rename (after the content is on disk); when it throws, nothing is replaced. */
  readonly beforeRename?: () => Promise<void>
  /**
   * Where the temp file is written (on the same file system as `path`). @default the directory of `path`
   */
  readonly tempDir?: string
}

/**
 * Temp files of {@link writeFileAtomic} for `name` look like `.<name>.<random>.tmp` (`.<name>.tmp`
 * in older versions).
 */
export function isTempFileOf(name: string, candidate: string): boolean {
  return (
    candidate === `.${name}.tmp` ||
    (candidate.startsWith(`.${name}.`) && /^\.[0-9a-f]{12}\.tmp$/.test(candidate.slice(name.length + 1)))
  )
}

/**
 * Replaces `path` with `data` through a temp file and a rename: a crash at any point leaves
 * either the previous or the new content. Each write has its own temp file, so a writer that
 * resumes after a long pause never renames another writer's content.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = join(options.tempDir ?? dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', options.mode ?? 0o600)
  try {
    // The umask may have changed the mode: set it explicitly.
    await handle.chmod(options.mode ?? 0o600)
    await handle.writeFile(data)
    if (options.durable ?? true) await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await handle.close()
  try {
    await options.beforeRename?.()
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}
