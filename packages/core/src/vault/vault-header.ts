import type { VaultHeader } from '../domain/store-data.js'
import { CertDeckError } from '../errors.js'
import { AesGcmVault } from './aes-gcm-vault.js'
import { checkScryptCost } from './kdf-bounds.js'
import { vaultCheckBinding } from './seal-bindings.js'
import { DEFAULT_SCRYPT, type ScryptParams, deriveKey, headerParams, newSalt } from './kdf.js'

/** The known text sealed in the header: opening it proves the passphrase. */
const CHECK_TEXT = 'certdeck-vault-check-v1'

/** A new vault and the header that describes it (to be stored in `StoreData.vault`). */
export async function createVault(
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<{ vault: AesGcmVault; header: VaultHeader }> {
  checkScryptCost(params, 'options')
  const salt = newSalt()
  const key = await deriveKey(passphrase, salt, params)
  const vault = new AesGcmVault(key, salt.toString('base64'))
  const header: VaultHeader = {
    kdf: 'scrypt',
    salt: salt.toString('base64'),
    N: params.N,
    r: params.r,
    p: params.p,
    check: vault.seal(CHECK_TEXT, vaultCheckBinding(salt.toString('base64'))),
  }
  return { vault, header }
}

/** The header with its check value sealed again under its binding (the schema 2 migration). */
export function rebindHeaderCheck(header: VaultHeader, vault: AesGcmVault): VaultHeader {
  return { ...header, check: vault.seal(CHECK_TEXT, vaultCheckBinding(header.salt)) }
}

function openedOrUndefined(open: () => Buffer): Buffer | undefined {
  try {
    return open()
  } catch {
    return undefined
  }
}

/**
 * Unlocks the vault a header describes. A passphrase that does not open the header's check
 * value is `PASSPHRASE_WRONG`; nothing is written either way.
 */
export async function unlockVault(header: VaultHeader, passphrase: string): Promise<AesGcmVault> {
  const params = headerParams(header)
  const key = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), params)
  const vault = new AesGcmVault(key, header.salt)
  const opened =
    openedOrUndefined(() => vault.open(header.check, vaultCheckBinding(header.salt))) ??
    // A schema-1 header's check is unbound; any AES-GCM seal under this key proves the passphrase.
    openedOrUndefined(() => vault.openUnbound(header.check))
  if (opened?.toString('utf8') !== CHECK_TEXT) {
    throw new CertDeckError(
      'PASSPHRASE_WRONG',
      'The master passphrase is wrong: it does not unlock this repository. Nothing was written. ' +
        'Check CERTDECK_PASSPHRASE (or what you typed) and try again.',
    )
  }
  return vault
}
