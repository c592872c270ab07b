import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** @default 0o600 */
  readonly mode?: number
  /** fsync the content before the rename, so a power loss leaves the old or the new file. @default true */
  readonly durable?: boolean
}

/**
 * Replaces `path` with `data` through a temp file and a rename: a crash at any point leaves
 * either the previous or the new content. Callers serialise writers (the temp name is fixed).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp`)
  const handle = await open(temp, 'w', options.mode ?? 0o600)
  try {
    // A temp file left by a killed writer keeps its old mode: set it explicitly.
    await handle.chmod(options.mode ?? 0o600)
    await handle.writeFile(data)
    if (options.durable ?? true) await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await handle.close()
  await rename(temp, path)
}
