import { constants } from 'node:fs'
import { access, link, rename, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { InputFile } from '@certdeck/core'
import { loadCore } from './core.js'
import { isCertDeckError } from './errors.js'
import { inputError } from './errors.js'

/** Reads the files named on the command line; a missing or unreadable one is an input error. */
export async function readInputFiles(paths: readonly string[]): Promise<InputFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      try {
        return { name: basename(path), data: await (await loadCore()).readInputFile(path) }
      } catch (error) {
        if (isCertDeckError(error)) throw error
        throw inputError('FILE_UNREADABLE', `Cannot read '${path}': ${reason(error)}.`, error)
      }
    }),
  )
}

/** Fails with an input error when `path` exists and `force` is not set, before any work is done. */
export async function assertWritable(path: string, force: boolean): Promise<void> {
  if (force) return
  const exists = await access(path, constants.F_OK).then(
    () => true,
    () => false,
  )
  if (exists) {
    throw inputError('FILE_EXISTS', `'${path}' already exists; nothing was written. Pass --force to overwrite it.`)
  }
}

/**
 * Writes `data` to `path` with mode 0600. The bytes go to a new private file beside it first,
 * which then takes the name: a hard link (fails if the name is taken) without `force`, a rename
 * with it. A reader never sees half a file and an existing file keeps no looser mode.
 */
export async function writePrivateFile(path: string, data: Uint8Array | string, force: boolean): Promise<void> {
  // node:crypto is loaded here, not at start-up: most commands never write a file.
  const { randomBytes } = await import('node:crypto')
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, data, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    throw inputError('FILE_UNWRITABLE', `Cannot write '${path}': ${reason(error)}.`, error)
  }
  try {
    if (force) {
      await rename(temp, path)
      return
    }
    await link(temp, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw inputError('FILE_EXISTS', `'${path}' already exists; nothing was written. Pass --force to overwrite it.`)
    }
    throw inputError('FILE_UNWRITABLE', `Cannot write '${path}': ${reason(error)}.`, error)
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'it is a directory'
  return error instanceof Error ? error.message : String(error)
}
