import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initCertDeck, openCertDeck } from '@certdeck/core'
import { rejection } from '@certdeck/core/testing'
import { FileStore } from '../src/store/file-store.js'
import { privateKeyBinding } from '../src/vault/seal-bindings.js'
import { unlockVault } from '../src/vault/vault-header.js'

const PASS = 'key binding master passphrase'
const scrypt = { N: 2 ** 10, r: 8, p: 1 }
let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-key-binding-'))
  await initCertDeck({ dataDir, passphrase: PASS, scrypt })
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

/** Two certificates, each with its own key. */
async function twoCertificates() {
  const deck = await openCertDeck({ dataDir, passphrase: PASS })
  const a = await deck.certificates.create({ commonName: 'a.example.test' })
  const b = await deck.certificates.create({ commonName: 'b.example.test' })
  return { a, b }
}

describe('a private key is used only with its own certificate', () => {
  it("a key moved to another entry in the file, with that entry's publicKeySha256, does not open", async () => {
    const { a, b } = await twoCertificates()
    const store = await FileStore.open(dataDir)
    await store.update((data) => {
      const from = data.certificates.find((c) => c.id === a.id)!
      const to = data.certificates.findIndex((c) => c.id === b.id)
      data.certificates[to] = {
        ...data.certificates[to],
        privateKey: from.privateKey,
        publicKeySha256: from.publicKeySha256,
      }
    })
    const deck = await openCertDeck({ dataDir, passphrase: PASS })
    const error = await rejection(deck.certificates.privateKeyPem(b.id))
    expect(error).toMatchObject({ code: 'VAULT_TAMPERED' })
    expect(await deck.certificates.privateKeyPem(a.id)).toContain('PRIVATE KEY')
  })

  it('a key sealed for a certificate it does not match is refused on export and for PKCS#12 (KEY_MISMATCH)', async () => {
    const { a, b } = await twoCertificates()
    const deck = await openCertDeck({ dataDir, passphrase: PASS })
    const keyOfA = await deck.certificates.privateKeyPem(a.id)
    // Someone holding the vault key (or a bug) seals A's key under B's binding.
    const store = await FileStore.open(dataDir)
    const vault = await unlockVault((await store.read()).vault!, PASS)
    await store.update((data) => {
      const to = data.certificates.findIndex((c) => c.id === b.id)
      data.certificates[to] = {
        ...data.certificates[to],
        privateKey: vault.seal(keyOfA, privateKeyBinding(data.certificates[to])),
      }
    })
    const reopened = await openCertDeck({ dataDir, passphrase: PASS })
    const error = await rejection(reopened.certificates.privateKeyPem(b.id))
    expect(error).toMatchObject({ code: 'KEY_MISMATCH' })
    expect(error.message).not.toContain('PRIVATE KEY')
    for (const options of [
      { includeKey: true },
      { format: 'pkcs12' as const, passphrase: 'export pass 1', includeKey: true },
    ]) {
      expect(await rejection(reopened.certificates.export(b.id, options))).toMatchObject({ code: 'KEY_MISMATCH' })
    }
  })
})
