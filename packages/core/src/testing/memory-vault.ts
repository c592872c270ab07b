import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SealedSecret } from '../domain/sealed-secret.js'
import { CertDeckError } from '../errors.js'
import type { Vault } from '../ports/vault.js'

/**
 * A {@link Vault} sealing with AES-256-GCM under a random in-memory key, for tests: sealed
 * values really are ciphertext, so a test can search the store for a secret's bytes.
 */
export class MemoryVault implements Vault {
  private readonly key = randomBytes(32)

  seal(plain: string | Uint8Array): SealedSecret {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const data = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()])
    return { sealed: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') }
  }

  open(sealed: SealedSecret): Buffer {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'))
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()])
    } catch (error) {
      throw new CertDeckError('VAULT_TAMPERED', 'A sealed secret was altered or sealed under another key.', {
        kind: 'failure',
        cause: error,
      })
    }
  }
}
