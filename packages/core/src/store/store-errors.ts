import { CertDeckError } from '../errors.js'
import { newestBackup } from './backups.js'

/**
 * The error for a repository file that cannot be understood: names the file, why, and how to
 * restore it (a backup of the data dir, or the newest migration backup). The file is left exactly as it is.
 */
export async function corruptStoreError(path: string, reason: string, cause?: unknown): Promise<CertDeckError> {
  const backup = await newestBackup(path)
  const own = `Restore ${path} together with its certdeck.*.pack files from your own backup of the data directory`
  const restore = backup
    ? `${own}, or the newest migration backup ${backup} (self-contained, but without later changes): move ` +
      `the damaged file aside and copy the backup to ${path}.`
    : `${own}; CertDeck has no backup of it (it writes one before each schema migration).`
  return new CertDeckError(
    'STORE_CORRUPT',
    `The repository file ${path} cannot be read: ${reason}. CertDeck has not changed it. ${restore}`,
    { kind: 'failure', cause },
  )
}
