import { describe, expect, it } from 'vitest'
import { createCipheriv, randomBytes } from 'node:crypto'
import { sealBinding } from '../domain/sealed-secret.js'
import { CertDeckError } from '../errors.js'
import { createVault, unlockVault } from './vault-header.js'
import { deriveKey, headerParams } from './kdf.js'
import type { ScryptParams } from './kdf.js'

const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }
const B = sealBinding('credential-secret', 'k1')

describe('vault', () => {
  it('seals and opens text and bytes, with a fresh IV each time', async () => {
    const { vault } = await createVault('correct horse battery', FAST)
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    const a = vault.seal('-----BEGIN PRIVATE KEY-----\nabc\n', B)
    const b = vault.seal('-----BEGIN PRIVATE KEY-----\nabc\n', B)
    expect(a.iv).not.toBe(b.iv)
    expect(a.data).not.toBe(b.data)
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12)
    expect(vault.open(a, B).toString('utf8')).toBe('-----BEGIN PRIVATE KEY-----\nabc\n')
    expect([...vault.open(vault.seal(bytes, B), B)]).toEqual([...bytes])
    expect(JSON.stringify(a)).not.toContain('PRIVATE KEY')
  })

  it('unlocks with the right passphrase and opens what the first key sealed', async () => {
    const { vault, header } = await createVault('correct horse battery', FAST)
    const sealed = vault.seal('s3cret-value', B)
    const again = await unlockVault(header, 'correct horse battery')
    expect(again.open(sealed, B).toString()).toBe('s3cret-value')
  })

  it('refuses a wrong passphrase with PASSPHRASE_WRONG and no secret in the message', async () => {
    const { header } = await createVault('correct horse battery', FAST)
    const error = await unlockVault(header, 'correct horse battery!').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CertDeckError)
    expect((error as CertDeckError).code).toBe('PASSPHRASE_WRONG')
    expect((error as CertDeckError).message).not.toContain('correct horse')
  })

  it('reports tampered ciphertext, tag or IV as VAULT_TAMPERED', async () => {
    const { vault } = await createVault('correct horse battery', FAST)
    const sealed = vault.seal('s3cret-value', B)
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64')
      bytes[0] ^= 1
      return bytes.toString('base64')
    }
    for (const bad of [
      { ...sealed, data: flip(sealed.data) },
      { ...sealed, tag: flip(sealed.tag) },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, iv: 'AAAA' },
    ]) {
      expect(() => vault.open(bad, B)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }))
    }
  })

  it('cannot open a secret sealed under another passphrase', async () => {
    const one = await createVault('first passphrase', FAST)
    const two = await createVault('second passphrase', FAST)
    expect(() => two.vault.open(one.vault.seal('x', B), B)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }))
  })

  it('cannot open a seal moved to another record or another field, and says which record', async () => {
    const { vault } = await createVault('correct horse battery', FAST)
    const sealed = vault.seal('s3cret-value', B)
    const moved = (() => {
      try {
        vault.open(sealed, sealBinding('credential-secret', 'k2'))
      } catch (error) {
        return error as CertDeckError
      }
    })()
    expect(moved?.code).toBe('VAULT_TAMPERED')
    expect(moved?.message).toContain('the secret access key of credential k2')
    expect(moved?.message).toContain('moved there from another record')
    expect(moved?.message).not.toContain('s3cret')
    expect(() => vault.open(sealed, sealBinding('credential-token', 'k1'))).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED' }),
    )
    // Nor is an unbound opening a way around the binding.
    expect(() => vault.openUnbound(sealed)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }))
  })

  it('unlocks a schema-1 header, whose check value is sealed without a binding', async () => {
    const { header } = await createVault('correct horse battery', FAST)
    const key = await deriveKey('correct horse battery', Buffer.from(header.salt, 'base64'), headerParams(header))
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const data = Buffer.concat([cipher.update('certdeck-vault-check-v1', 'utf8'), cipher.final()])
    const check = {
      sealed: 'aes-256-gcm' as const,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    }
    await expect(unlockVault({ ...header, check }, 'correct horse battery')).resolves.toBeDefined()
    await expect(unlockVault({ ...header, check }, 'wrong horse battery')).rejects.toMatchObject({
      code: 'PASSPHRASE_WRONG',
    })
  })

  it('rejects a header whose scrypt cost was lowered below the floor', async () => {
    const { header } = await createVault('correct horse battery', FAST)
    await expect(unlockVault({ ...header, N: 16 }, 'correct horse battery')).rejects.toMatchObject({
      code: 'VAULT_HEADER_INVALID',
    })
  })
})
