import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Certificate, CertificateVersion, PendingKey } from '../domain/certificate.js'
import { type SealBinding, type SealedSecret, sealBinding } from '../domain/sealed-secret.js'
import { emptyStoreData } from '../domain/store-data.js'
import { FileStore } from '../store/file-store.js'
import type { AesGcmVault } from './aes-gcm-vault.js'
import { changePassphrase } from './change-passphrase.js'
import type { ScryptParams } from './kdf.js'
import { makeTestPki } from '../testing/test-pki.js'
import { privateKeyBinding } from './seal-bindings.js'
import { createVault, unlockVault } from './vault-header.js'

const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }
const OLD = 'old passphrase 1'
const NEW = 'new passphrase 2'

const ecKey = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
const rsaKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string

function version(n: number, privateKey: SealedSecret): CertificateVersion {
  return {
    version: n,
    fingerprintSha256: `${n}`.padStart(64, '0'),
    serial: '01',
    subject: 'CN=example.test',
    commonName: 'example.test',
    sans: ['example.test'],
    issuer: 'CN=example.test',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2026-01-01T00:00:00.000Z',
    keyAlgorithm: 'EC_prime256v1',
    selfSigned: true,
    publicKeySha256: `${n}`.padStart(64, 'a'),
    // A key's seal is bound to the public key of its version's certificate body.
    pem: PEMS[n],
    chainPem: [],
    privateKey,
    origin: 'created',
    addedAt: '2025-01-01T00:00:00.000Z',
  }
}

/** The certificate body of each version, real so that its public key can be read. */
const PEMS: Record<number, string> = {}
beforeAll(async () => {
  const pki = await makeTestPki({ name: 'Passphrase Change' })
  for (const n of [1, 2]) {
    PEMS[n] = (await pki.selfSigned({ commonName: `v${n}.example.test`, keySlot: n })).pem
  }
  BINDINGS['current key'] = privateKeyBinding({ pem: PEMS[2] })
  BINDINGS['old version key'] = privateKeyBinding({ pem: PEMS[1] })
})

let dir: string
let vault: AesGcmVault
let store: FileStore
/** Where each secret was put, and its plain text. */
let secrets: Map<string, string>
/** The binding of each place. */
const BINDINGS: Record<string, SealBinding> = {
  'current key': sealBinding('private-key', '2'.padStart(64, 'a')),
  'old version key': sealBinding('private-key', '1'.padStart(64, 'a')),
  'pending key': sealBinding('pending-key', 'ab'),
  'aws secret': sealBinding('credential-secret', 'k1'),
  'session token': sealBinding('credential-token', 'k1'),
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-vault-'))
  const created = await createVault(OLD, FAST)
  vault = created.vault
  store = await FileStore.create(dir, { ...emptyStoreData(), vault: created.header })
  secrets = new Map([
    ['current key', rsaKey()],
    ['old version key', ecKey()],
    ['pending key', ecKey()],
    ['aws secret', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['session token', 'FwoGZXIvYXdzEXAMPLETOKEN'],
  ])
  const seal = (where: string) => vault.seal(secrets.get(where)!, BINDINGS[where])
  const cert: Certificate = {
    ...version(2, seal('current key')),
    id: 'c1',
    versions: [version(1, seal('old version key'))],
    tags: {},
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  }
  const pending: PendingKey = {
    id: 'p1',
    commonName: 'x.test',
    sans: [],
    keyAlgorithm: 'EC_prime256v1',
    csrPem: 'csr',
    publicKeySha256: 'ab',
    privateKey: seal('pending key'),
    createdAt: '2025-01-01T00:00:00.000Z',
  }
  await store.update((data) => {
    data.certificates.push(cert)
    data.pendingKeys.push(pending)
    data.credentials.push({
      id: 'k1',
      name: 'prod',
      kind: 'static',
      accessKeyId: 'AKIAEXAMPLE',
      createdAt: '2025-01-01T00:00:00.000Z',
      secretAccessKey: seal('aws secret'),
      sessionToken: seal('session token'),
    })
  })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function openAll(data: Awaited<ReturnType<FileStore['read']>>, with_: AesGcmVault): Map<string, string> {
  const open = (s: SealedSecret | undefined, where: string) =>
    [where, with_.open(s!, BINDINGS[where]).toString('utf8')] as const
  return new Map([
    open(data.certificates[0].privateKey, 'current key'),
    open(data.certificates[0].versions[0].privateKey, 'old version key'),
    open(data.pendingKeys[0].privateKey, 'pending key'),
    open(data.credentials[0].secretAccessKey, 'aws secret'),
    open(data.credentials[0].sessionToken, 'session token'),
  ])
}

describe('changePassphrase', () => {
  it('re-seals every secret so the new passphrase opens all of them and the old one nothing', async () => {
    const { resealed } = await changePassphrase(store, vault, NEW, { scrypt: FAST })
    expect(resealed).toBe(5)
    const reopened = await FileStore.open(dir)
    const data = await reopened.read()
    const fresh = await unlockVault(data.vault!, NEW)
    expect(openAll(data, fresh)).toEqual(secrets)
    await expect(unlockVault(data.vault!, OLD)).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' })
    // The vault of this process switched to the new key too.
    expect(fresh.open(vault.seal('later', BINDINGS['aws secret']), BINDINGS['aws secret']).toString()).toBe('later')
    // Each secret kept its binding: opened as another record's, it fails.
    expect(() => fresh.open(data.credentials[0].secretAccessKey!, BINDINGS['session token'])).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED' }),
    )
  })

  it('refuses, writing nothing, when a key was moved to another version', async () => {
    await store.update((data) => {
      const cert = data.certificates[0]
      data.certificates[0] = { ...cert, versions: [{ ...cert.versions[0], privateKey: cert.privateKey }] }
    })
    const before = await readFile(join(dir, 'certdeck.json'), 'utf8')
    await expect(changePassphrase(store, vault, NEW, { scrypt: FAST })).rejects.toMatchObject({
      code: 'VAULT_TAMPERED',
    })
    expect(await readFile(join(dir, 'certdeck.json'), 'utf8')).toBe(before)
  })

  it('leaves no copy sealed under the old key on disk', async () => {
    const before = openAll(await store.read(), vault)
    const oldSealed = (await store.read()).certificates[0].privateKey!.data
    await changePassphrase(store, vault, NEW, { scrypt: FAST })
    const texts = await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), 'utf8').catch(() => '')))
    expect(texts.some((t) => t.includes(oldSealed))).toBe(false)
    expect(before).toEqual(secrets)
  })

  it('writes nothing and keeps the old key when one secret cannot be opened', async () => {
    await store.update((data) => {
      const cert = data.certificates[0]
      const bad = Buffer.from(cert.versions[0].privateKey!.data, 'base64')
      bad[3] ^= 0xff
      data.certificates[0] = {
        ...cert,
        versions: [
          { ...cert.versions[0], privateKey: { ...cert.versions[0].privateKey!, data: bad.toString('base64') } },
        ],
      }
    })
    const files = async () =>
      Object.fromEntries(
        await Promise.all(
          (await readdir(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8').catch(() => '')]),
        ),
      )
    const before = await files()
    await expect(changePassphrase(store, vault, NEW, { scrypt: FAST })).rejects.toMatchObject({
      code: 'VAULT_TAMPERED',
    })
    expect(await files()).toEqual(before)
    const data = await (await FileStore.open(dir)).read()
    expect(
      (await unlockVault(data.vault!, OLD))
        .open(data.credentials[0].secretAccessKey!, BINDINGS['aws secret'])
        .toString(),
    ).toBe(secrets.get('aws secret'))
    expect(vault.open(data.pendingKeys[0].privateKey, BINDINGS['pending key']).toString()).toBe(
      secrets.get('pending key'),
    )
  })

  it('refuses a weak new passphrase before touching anything', async () => {
    await expect(changePassphrase(store, vault, 'short', { scrypt: FAST })).rejects.toMatchObject({
      code: 'PASSPHRASE_WEAK',
    })
    await expect(changePassphrase(store, vault, '', { scrypt: FAST })).rejects.toMatchObject({
      code: 'PASSPHRASE_WEAK',
    })
    expect((await unlockVault((await store.read()).vault!, OLD)).salt).toBe(vault.salt)
  })
})
