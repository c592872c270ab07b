import { CertDeckError } from '../errors.js'
import type { Store, UpdateOptions } from '../ports/store.js'
import type { AesGcmVault } from './aes-gcm-vault.js'
import { DEFAULT_SCRYPT, type ScryptParams } from './kdf.js'
import { assertPassphraseStrength } from './passphrase-policy.js'
import { resealRecords } from './sealed-fields.js'
import { createVault } from './vault-header.js'

/** The error of a process whose vault key predates a passphrase change made elsewhere. */
export function staleVaultError(): CertDeckError {
  return new CertDeckError(
    'VAULT_STALE',
    'The master passphrase was changed by another CertDeck process after this one opened the repository, ' +
      'so nothing was written. Open it again with the new passphrase.',
    { kind: 'failure' },
  )
}

/**
 * Re-seals every sealed secret of the repository under a new passphrase, each with its own
 * record binding, and replaces the vault header, in ONE store update: either everything is
 * re-sealed or nothing is written (a secret that fails to open aborts it). On success `vault`
 * switches to the new key.
 * Returns how many secrets were re-sealed.
 */
export async function changePassphrase(
  store: Store,
  vault: AesGcmVault,
  newPassphrase: string,
  options: { readonly scrypt?: ScryptParams } & UpdateOptions<{ resealed: number }> = {},
): Promise<{ resealed: number }> {
  assertPassphraseStrength(newPassphrase)
  // Derive before taking the lock: scrypt is deliberately slow.
  const fresh = await createVault(newPassphrase, options.scrypt ?? DEFAULT_SCRYPT)
  const previous = vault.snapshot()
  let switched = false
  try {
    return await store.update(
      (data) => {
        if (data.vault?.salt !== previous.salt) throw staleVaultError()
        const resealed = resealRecords(data, (secret, binding) => {
          const plain = previous.open(secret, binding)
          try {
            return fresh.vault.seal(plain, binding)
          } finally {
            plain.fill(0)
          }
        })
        data.vault = fresh.header
        // Switch inside the update so that no later update of this process seals with the old key.
        vault.adopt(fresh.vault)
        switched = true
        return { resealed }
      },
      { afterCommit: options.afterCommit },
    )
  } catch (error) {
    if (switched) vault.adopt(previous)
    throw error
  }
}
