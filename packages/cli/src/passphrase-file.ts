import { readFile, stat } from 'node:fs/promises'
import { inputError } from './errors.js'

/** The environment variable naming a file that holds the master passphrase (systemd `LoadCredential=`). */
export const PASSPHRASE_FILE_ENV = 'CERTDECK_PASSPHRASE_FILE'

/** The largest passphrase file read. */
const MAX_BYTES = 4096

/**
 * Reads the master passphrase from `path`: its first line, the end-of-line dropped. Refuses a
 * file others may read (group or world bits), naming the fix, and a missing, unreadable, empty or
 * oversized one; none of these messages contains the file's content.
 */
export async function readPassphraseFile(path: string): Promise<string> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw inputError(
      'PASSPHRASE_FILE_UNREADABLE',
      `${PASSPHRASE_FILE_ENV} names ${path}, which cannot be read (${error.code}). Give the path of a file that ` +
        `holds the master passphrase.`,
      error,
    )
  })
  if (!info.isFile()) {
    throw inputError('PASSPHRASE_FILE_UNREADABLE', `${PASSPHRASE_FILE_ENV} names ${path}, which is not a regular file.`)
  }
  if ((info.mode & 0o077) !== 0) {
    throw inputError(
      'PASSPHRASE_FILE_EXPOSED',
      `The passphrase file ${path} can be read or changed by other users (mode ${(info.mode & 0o777).toString(8)}), ` +
        `so it was not used. ` +
        `Make it private with: chmod 600 ${path}`,
    )
  }
  if (info.size > MAX_BYTES) {
    throw inputError(
      'PASSPHRASE_FILE_UNREADABLE',
      `The passphrase file ${path} is larger than ${MAX_BYTES} bytes; it should hold one line.`,
    )
  }
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw inputError(
      'PASSPHRASE_FILE_UNREADABLE',
      `The passphrase file ${path} cannot be read (${error.code}). Check that this user may read it.`,
      error,
    )
  })
  const passphrase = text.split(/\r?\n/)[0] ?? ''
  if (passphrase === '')
    throw inputError(
      'SECRET_EMPTY',
      `The passphrase file ${path} is empty. Write the master passphrase on its first line.`,
    )
  return passphrase
}
