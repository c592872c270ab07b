import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { type SealBinding, type SealedSecret, associatedData } from '../domain/sealed-secret.js'
import { CertDeckError } from '../errors.js'
import type { Vault } from '../ports/vault.js'

/**
 * A {@link Vault} sealing with AES-256-GCM under a random in-memory key, each seal bound to its
 * record as the real vault does, for tests: sealed values really are ciphertext, so a test can
 * search the store for a secret's bytes, and a seal opened as another record's fails.
 */
export class MemoryVault implements Vault {
  private readonly key = randomBytes(32)

  seal(plain: string | Uint8Array, binding: SealBinding): SealedSecret {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(associatedData(binding))
    const data = Buffer.concat([
      cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain),
      cipher.final(),
    ])
    return {
      sealed: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    }
  }

  open(sealed: SealedSecret, binding: SealBinding): Buffer {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'))
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
      decipher.setAAD(associatedData(binding))
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()])
    } catch (error) {
      throw new CertDeckError(
        'VAULT_TAMPERED',
        `A sealed secret (${binding.purpose} of ${binding.recordId}) was altered, moved from another ` +
          `record or sealed under another key.`,
        {
          kind: 'failure',
          cause: error,
        },
      )
    }
  }
}
