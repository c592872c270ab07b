import type { InjectionToken } from 'tsyringe'
import type { SealBinding, SealedSecret } from '../domain/sealed-secret.js'

/**
 * The unlocked vault: seals secrets with AES-256-GCM under the key derived from the master
 * passphrase, each bound to its record (see {@link SealBinding}). Rules: `seal` uses a fresh
 * random IV for every call; `open` takes the binding of the record the secret is read from and
 * throws a `CertDeckError` (`VAULT_TAMPERED`) when the ciphertext was altered, sealed under
 * another key or for another record; it never puts secret material in an error.
 */
export interface Vault {
  /** Seals a secret (UTF-8 text or bytes) for the record `binding` names. */
  seal(plain: string | Uint8Array, binding: SealBinding): SealedSecret
  /** Opens a sealed secret of the record `binding` names; do not keep the bytes longer than needed. */
  open(sealed: SealedSecret, binding: SealBinding): Buffer
}
export const Vault = Symbol('Vault') as InjectionToken<Vault>
