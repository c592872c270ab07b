import type { InjectionToken } from 'tsyringe'
import type { SealedSecret } from '../domain/sealed-secret.js'

/**
 * The unlocked vault: seals secrets with AES-256-GCM under the key derived from the master
 * passphrase. Rules: `seal` uses a fresh random IV for every call; `open` throws a
 * `CertDeckError` (`VAULT_TAMPERED`) when the ciphertext was altered or sealed under another
 * key, and never puts secret material in an error.
 */
export interface Vault {
  /** Seals a secret (UTF-8 text or bytes). */
  seal(plain: string | Uint8Array): SealedSecret
  /** Opens a sealed secret; the caller should not keep the returned bytes longer than needed. */
  open(sealed: SealedSecret): Buffer
}
export const Vault = Symbol('Vault') as InjectionToken<Vault>
