import { CertDeckError } from '../errors.js'
import { newestBackup } from './backups.js'

/**
 * The error for a repository file that cannot be understood: names the file, why, and the
 * newest backup to restore. The file is left exactly as it is.
 */
export async function corruptStoreError(path: string, reason: string, cause?: unknown): Promise<CertDeckError> {
  const backup = await newestBackup(path)
  const restore = backup
    ? `The newest backup is ${backup}: to restore it, move the damaged file aside and copy the backup to ${path}.`
    : 'There is no backup of it (backups are written before each schema migration).'
  return new CertDeckError(
    'STORE_CORRUPT',
    `The repository file ${path} cannot be read: ${reason}. CertDeck has not changed it. ${restore}`,
    { kind: 'failure', cause },
  )
}
