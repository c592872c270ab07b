import { describe, expect, it } from 'vitest'
import { CertDeckError } from '../errors.js'
import { createVault, unlockVault } from './vault-header.js'
import type { ScryptParams } from './kdf.js'

const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }

describe('vault', () => {
  it('seals and opens text and bytes, with a fresh IV each time', async () => {
    const { vault } = await createVault('correct horse battery', FAST)
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    const a = vault.seal('-----BEGIN PRIVATE KEY-----\nabc\n')
    const b = vault.seal('-----BEGIN PRIVATE KEY-----\nabc\n')
    expect(a.iv).not.toBe(b.iv)
    expect(a.data).not.toBe(b.data)
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12)
    expect(vault.open(a).toString('utf8')).toBe('-----BEGIN PRIVATE KEY-----\nabc\n')
    expect([...vault.open(vault.seal(bytes))]).toEqual([...bytes])
    expect(JSON.stringify(a)).not.toContain('PRIVATE KEY')
  })

  it('unlocks with the right passphrase and opens what the first key sealed', async () => {
    const { vault, header } = await createVault('correct horse battery', FAST)
    const sealed = vault.seal('s3cret-value')
    const again = await unlockVault(header, 'correct horse battery')
    expect(again.open(sealed).toString()).toBe('s3cret-value')
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
    const sealed = vault.seal('s3cret-value')
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
      expect(() => vault.open(bad)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }))
    }
  })

  it('cannot open a secret sealed under another passphrase', async () => {
    const one = await createVault('first passphrase', FAST)
    const two = await createVault('second passphrase', FAST)
    expect(() => two.vault.open(one.vault.seal('x'))).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }))
  })

  it('rejects a header whose scrypt cost was lowered below the floor', async () => {
    const { header } = await createVault('correct horse battery', FAST)
    await expect(unlockVault({ ...header, N: 16 }, 'correct horse battery')).rejects.toMatchObject({
      code: 'VAULT_HEADER_INVALID',
    })
  })
})
