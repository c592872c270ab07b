import { createCipheriv, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  initCertDeck,
  openCertDeck,
  SCHEMA_VERSION,
  type CertDeckPlugin,
  type ResolvedCredential,
} from '@certdeck/core'
import type { SealedSecret } from '../src/domain/sealed-secret.js'
import { FileStore } from '../src/store/file-store.js'
import { deriveKey, headerParams } from '../src/vault/kdf.js'
import { sealedFieldsForTest } from './support/sealed-fields.js'

const PASS = 'migrating master passphrase'
const scrypt = { N: 2 ** 10, r: 8, p: 1 }
const SECRETS = { one: 'wJalrXUtnFEMI/K7MDENG/ONEONEONEONEKEY', two: 'wJalrXUtnFEMI/K7MDENG/TWOTWOTWOTWOKEY' }

/** A cloud provider that records the secrets it is handed. */
function recordingAws(seen: ResolvedCredential[]): CertDeckPlugin {
  return {
    name: 'test:aws',
    register: (registry) =>
      registry.cloudProvider({
        id: 'aws',
        regions: ['us-east-1'],
        connect: (credential) => {
          seen.push(credential)
          return { stores: [], test: async () => ({}) }
        },
      }),
  }
}

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-bind-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/**
 * Builds a repository as schema 1 left it: every secret sealed under the passphrase's key with
 * no associated data. Returns the plain keys by certificate and pending key id.
 */
async function schemaOneRepository(): Promise<{ certificateId: string; keyPem: string; pendingId: string }> {
  await initCertDeck({ dataDir, passphrase: PASS, scrypt })
  const deck = await openCertDeck({ dataDir, passphrase: PASS })
  const certificate = await deck.certificates.create({ commonName: 'legacy.example.test' })
  const keyPem = await deck.certificates.privateKeyPem(certificate.id)
  const pending = await deck.certificates.createCsr({ commonName: 'csr.example.test' })
  const store = await FileStore.open(dataDir)
  const header = (await store.read()).vault!
  const key = await deriveKey(PASS, Buffer.from(header.salt, 'base64'), headerParams(header))
  const unbound = (plain: string | Buffer): SealedSecret => {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const data = Buffer.concat([cipher.update(plain), cipher.final()])
    return {
      sealed: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    }
  }
  const unlocked = await (await import('../src/vault/vault-header.js')).unlockVault(header, PASS)
  await store.update((data) => {
    for (const field of sealedFieldsForTest(data)) field.set(unbound(unlocked.open(field.get(), field.binding)))
    data.vault = { ...header, check: unbound('certdeck-vault-check-v1') }
    for (const [name, secret] of Object.entries(SECRETS)) {
      data.credentials.push({
        id: `id-${name}`,
        name,
        kind: 'static',
        accessKeyId: 'AKIAEXAMPLEKEY01',
        secretAccessKey: unbound(secret),
        createdAt: new Date().toISOString(),
      })
    }
    data.schemaVersion = 1
  })
  return { certificateId: certificate.id, keyPem, pendingId: pending.id }
}

describe('schema 2: sealed secrets bound to their records', () => {
  it(
    'migrates a schema-1 repository at open, after a ' + 'backup, binding every seal; a swapped seal then fails',
    async () => {
      const legacy = await schemaOneRepository()
      const seen: ResolvedCredential[] = []
      const deck = await openCertDeck({ dataDir, passphrase: PASS, plugins: [recordingAws(seen)] })
      expect((await FileStore.peekHeader(dataDir))?.schemaVersion).toBe(SCHEMA_VERSION)
      expect((await readdir(dataDir)).some((f) => f.startsWith('certdeck.json.bak-v1-'))).toBe(true)
      expect((await deck.auditEvents()).some((e) => e.action === 'store.migrate' && e.outcome === 'ok')).toBe(true)
      expect(await deck.certificates.privateKeyPem(legacy.certificateId)).toBe(legacy.keyPem)
      await deck.credentials.test('one')
      await deck.credentials.test('two')
      expect(seen.map((c) => c.secretAccessKey)).toEqual([SECRETS.one, SECRETS.two])

      // Swap the two sealed secrets on disk: each now sits in the other's record.
      const store = await FileStore.open(dataDir)
      await store.update((data) => {
        const [one, two] = data.credentials
        data.credentials = [
          { ...one, secretAccessKey: two.secretAccessKey },
          { ...two, secretAccessKey: one.secretAccessKey },
        ]
      })
      const error = await deck.credentials.test('one').then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      )
      expect(error).toMatchObject({
        code: 'VAULT_TAMPERED',
        message: expect.stringContaining('the secret access key of credential id-one'),
      })
      expect(error?.message).not.toContain(SECRETS.two)
      expect(seen).toHaveLength(2)
    },
  )

  it('a key moved to another certificate does not open there', async () => {
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    const deck = await openCertDeck({ dataDir, passphrase: PASS })
    const a = await deck.certificates.create({ commonName: 'a.example.test' })
    const b = await deck.certificates.create({ commonName: 'b.example.test' })
    const store = await FileStore.open(dataDir)
    await store.update((data) => {
      const keyOfA = data.certificates.find((c) => c.id === a.id)!.privateKey
      data.certificates = data.certificates.map((c) => (c.id === b.id ? { ...c, privateKey: keyOfA } : c))
    })
    await expect(deck.certificates.privateKeyPem(b.id)).rejects.toMatchObject({ code: 'VAULT_TAMPERED' })
    await expect(deck.certificates.privateKeyPem(a.id)).resolves.toContain('PRIVATE KEY')
  })

  it('keeps the bindings through a passphrase change', async () => {
    await schemaOneRepository()
    const seen: ResolvedCredential[] = []
    const deck = await openCertDeck({ dataDir, passphrase: PASS, plugins: [recordingAws(seen)], scrypt })
    await deck.vault.changePassphrase('the next master passphrase')
    const again = await openCertDeck({
      dataDir,
      passphrase: 'the next master passphrase',
      plugins: [recordingAws(seen)],
    })
    await again.credentials.test('two')
    expect(seen.at(-1)?.secretAccessKey).toBe(SECRETS.two)
  })
})
