import { type KeyObject, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { type SealBinding, type SealedSecret, associatedData } from '../domain/sealed-secret.js'
import { CertDeckError } from '../errors.js'
import type { Vault } from '../ports/vault.js'
import { describeBinding } from './seal-bindings.js'

const IV_BYTES = 12
const TAG_BYTES = 16

function tampered(binding: SealBinding | undefined, cause?: unknown): CertDeckError {
  return new CertDeckError(
    'VAULT_TAMPERED',
    `A sealed secret in the repository (${binding ? describeBinding(binding) : 'unbound'}) could not be ` +
      `opened: it was ` +
      'altered on disk, moved there from another record, or sealed under another passphrase. Nothing was changed. ' +
      'If certdeck.json was edited or copied from another repository, restore it from a backup.',
    { kind: 'failure', cause },
  )
}

function decode(field: unknown, binding: SealBinding | undefined, bytes?: number): Buffer {
  if (typeof field !== 'string') throw tampered(binding)
  const buffer = Buffer.from(field, 'base64')
  if (bytes !== undefined && buffer.length !== bytes) throw tampered(binding)
  return buffer
}

/**
 * The unlocked vault: AES-256-GCM under a 256-bit key derived from the master passphrase,
 * a fresh random 96-bit IV for every seal, the record binding as associated data. Build it
 * with `createVault` or `unlockVault`.
 */
export class AesGcmVault implements Vault {
  #key: KeyObject
  #salt: string

  /** @param salt the base64 salt of the header the key belongs to (identifies the key generation). */
  constructor(key: KeyObject, salt: string) {
    this.#key = key
    this.#salt = salt
  }

  /** The salt of the vault header this key was derived for. */
  get salt(): string {
    return this.#salt
  }

  /** Seals UTF-8 text or bytes for the record `binding` names. */
  seal(plain: string | Uint8Array, binding: SealBinding): SealedSecret {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    cipher.setAAD(associatedData(binding))
    const data = Buffer.concat([
      typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain),
      cipher.final(),
    ])
    return {
      sealed: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    }
  }

  /** Opens a sealed secret of the record `binding` names; `VAULT_TAMPERED` when it fails authentication. */
  open(sealed: SealedSecret, binding: SealBinding): Buffer {
    return this.#open(sealed, binding)
  }

  /**
   * Opens a secret sealed without a binding (schema 1). Only the migration that binds them,
   * and the unlock of a schema-1 header, may call it.
   */
  openUnbound(sealed: SealedSecret): Buffer {
    return this.#open(sealed, undefined)
  }

  #open(sealed: SealedSecret, binding: SealBinding | undefined): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, decode(sealed.iv, binding, IV_BYTES))
    decipher.setAuthTag(decode(sealed.tag, binding, TAG_BYTES))
    if (binding) decipher.setAAD(associatedData(binding))
    try {
      return Buffer.concat([decipher.update(decode(sealed.data, binding)), decipher.final()])
    } catch (error) {
      throw tampered(binding, error)
    }
  }

  /** Takes over the key of `other` (after a passphrase change has been committed). */
  adopt(other: AesGcmVault): void {
    this.#key = other.#key
    this.#salt = other.#salt
  }

  /** A vault holding the same key, independent of later {@link adopt} calls. */
  snapshot(): AesGcmVault {
    return new AesGcmVault(this.#key, this.#salt)
  }
}
