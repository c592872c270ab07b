import { CertDeckError } from '../errors.js'

/** Shortest master passphrase accepted, in characters. */
export const MIN_PASSPHRASE_LENGTH = 8

/** Refuses an empty or short master passphrase with a plain message (never echoing it). */
export function assertPassphraseStrength(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new CertDeckError(
      'PASSPHRASE_WEAK',
      'The master passphrase is empty. Choose one of at least 8 characters (a few unrelated words work well).',
    )
  }
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new CertDeckError(
      'PASSPHRASE_WEAK',
      `The master passphrase is too short. Choose one of at least ${MIN_PASSPHRASE_LENGTH} characters ` +
        '(a few unrelated words work well).',
    )
  }
}
