import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { StoreData } from '../../domain/store-data.js'
import { type CertificateHarness, certificateHarness } from '../../testing/certificate-harness.js'
import { type TestPki, forgePkcs12, inputFile, keyPemAs, makeTestPki } from '../../testing/test-pki.js'
import { pendingKeyBinding } from '../../vault/seal-bindings.js'
import { writePkcs12 } from '../../x509/pkcs12.js'

const DAY = 86_400_000
let pki: TestPki
let h: CertificateHarness

beforeAll(async () => {
  pki = await makeTestPki()
})

beforeEach(() => {
  h = certificateHarness()
})

describe('CertificateService.import', () => {
  it('imports an RSA certificate with a PKCS#1 key and its chain given in the wrong order across files', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048', commonName: 'rsa.example.test' })
    const { certificate, outcome } = await h.service.import({
      files: [
        inputFile('root.pem', pki.root.pem),
        inputFile('server.key', keyPemAs(leaf.key, 'pkcs1')),
        inputFile('intermediate-and-leaf.pem', pki.intermediate.pem + leaf.pem),
      ],
      tags: { env: 'prod' },
    })
    expect(outcome).toBe('created')
    expect(certificate).toMatchObject({
      fingerprintSha256: leaf.fingerprint,
      commonName: 'rsa.example.test',
      keyAlgorithm: 'RSA_2048',
      chainPem: [pki.intermediate.pem, pki.root.pem],
      origin: 'imported',
      version: 1,
      versions: [],
      tags: { env: 'prod' },
    })
    expect(certificate.id).toMatch(/^[0-9a-f]{12}$/)
    expect(await h.service.privateKeyPem(certificate.id)).toBe(leaf.keyPem)
    expect(h.audit.events).toMatchObject([{ action: 'certificate.import', target: certificate.id, outcome: 'ok' }])
  })

  it.each([
    ['SEC1', 'sec1', undefined],
    ['PKCS#8', 'pkcs8', undefined],
    ['encrypted PKCS#8', 'pkcs8', 'key-pass-1'],
    ['legacy encrypted SEC1', 'sec1', 'key-pass-1'],
  ] as const)('imports an EC certificate with a %s key', async (_, type, passphrase) => {
    const leaf = await pki.leaf({ keyAlgorithm: 'EC_secp384r1' })
    const { certificate } = await h.service.import({
      files: [inputFile('bundle.pem', leaf.pem + keyPemAs(leaf.key, type, passphrase) + leaf.chainPem.join(''))],
      passphrase,
    })
    expect(certificate.keyAlgorithm).toBe('EC_secp384r1')
    expect(await h.service.privateKeyPem(certificate.id)).toBe(leaf.keyPem)
  })

  it('imports a PKCS#12 file by content, whatever its name', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    const { certificate } = await h.service.import({
      files: [inputFile('site.pem', forgePkcs12(leaf, 'pfx-pass'))],
      passphrase: 'pfx-pass',
    })
    expect(certificate.fingerprintSha256).toBe(leaf.fingerprint)
    expect(certificate.chainPem).toEqual(leaf.chainPem)
    expect(await h.service.privateKeyPem(certificate.id)).toBe(leaf.keyPem)
  })

  it('imports an EC PKCS#12 file', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'EC_prime256v1' })
    const p12 = writePkcs12({
      leafPem: leaf.pem,
      chainPem: [...leaf.chainPem].reverse(),
      key: leaf.key,
      passphrase: 'pfx-pass',
    })
    const { certificate } = await h.service.import({ files: [inputFile('site.p12', p12)], passphrase: 'pfx-pass' })
    expect(certificate.chainPem).toEqual(leaf.chainPem)
  })

  describe('bad input gives a clear error and writes nothing', () => {
    const cases: [
      string,
      () => Promise<{ files: ReturnType<typeof inputFile>[]; passphrase?: string }>,
      string,
      RegExp,
    ][] = [
      [
        'not PEM',
        async () => ({ files: [inputFile('cert.pem', Buffer.from('hello, I am a text file\n'))] }),
        'NOT_PEM',
        /cert\.pem is neither PEM/,
      ],
      [
        'truncated PEM',
        async () => {
          const leaf = await pki.leaf()
          return { files: [inputFile('cut.pem', leaf.pem.slice(0, 200))] }
        },
        'PEM_TRUNCATED',
        /cut\.pem: the 'CERTIFICATE' block that begins at line 1 has no -----END CERTIFICATE----- line/,
      ],
      [
        'key of another certificate',
        async () => {
          const leaf = await pki.leaf()
          const other = await pki.leaf({ keySlot: 5 })
          return { files: [inputFile('leaf.pem', leaf.pem), inputFile('other.key', other.keyPem)] }
        },
        'KEY_MISMATCH',
        /The private key \(other\.key \(line 1\)\) belongs to another certificate/,
      ],
      [
        'wrong key passphrase',
        async () => {
          const leaf = await pki.leaf()
          return {
            files: [inputFile('leaf.pem', leaf.pem + keyPemAs(leaf.key, 'pkcs8', 'right-pass'))],
            passphrase: 'wrong-pass',
          }
        },
        'KEY_PASSPHRASE_WRONG',
        /leaf\.pem: the private key at line \d+ could not be decrypted: the passphrase is wrong/,
      ],
      [
        'missing key passphrase',
        async () => {
          const leaf = await pki.leaf()
          return { files: [inputFile('leaf.pem', leaf.pem + keyPemAs(leaf.key, 'sec1', 'right-pass'))] }
        },
        'PASSPHRASE_NEEDED',
        /is encrypted\. Give its passphrase/,
      ],
      [
        'a chain that does not link',
        async () => {
          const other = await makeTestPki({ name: 'Elsewhere' })
          const leaf = await pki.leaf()
          return {
            files: [inputFile('leaf.pem', leaf.pem + leaf.keyPem), inputFile('chain.pem', other.intermediate.pem)],
          }
        },
        'CHAIN_BROKEN',
        new RegExp(
          String.raw`'CN=www\.example\.test' \(leaf\.pem \(line 1\)\) was issued by ` +
            `'CN=CertDeck Test Intermediate CA.*not among the given certificates`,
        ),
      ],
      ['no file', async () => ({ files: [] }), 'NO_INPUT', /No file was given/],
    ]

    it.each(cases)('%s', async (_, input, code, message) => {
      const existing = await pki.leaf({ commonName: 'existing.example.test', keySlot: 9 })
      await h.service.import({ files: [inputFile('existing.pem', existing.pem + existing.keyPem)] })
      const before: StoreData = await h.store.read()
      const writes = h.store.writes
      const error = await h.service.import(await input()).catch((e: unknown) => e)
      expect(error).toMatchObject({
        name: 'CertDeckError',
        code,
        kind: 'input',
        message: expect.stringMatching(message),
      })
      expect(h.store.writes).toBe(writes)
      expect(await h.store.read()).toEqual(before)
      expect(h.audit.events.at(-1)).toMatchObject({
        action: 'certificate.import',
        outcome: 'failed',
        detail: expect.stringContaining(code),
      })
    })

    it('never puts a passphrase in the error or the audit log', async () => {
      const leaf = await pki.leaf()
      const error = await h.service
        .import({
          files: [inputFile('k.pem', leaf.pem + keyPemAs(leaf.key, 'pkcs8', 'Sekr1t-Right'))],
          passphrase: 'Sekr1t-Wrong',
        })
        .catch((e: Error) => e)
      expect(JSON.stringify({ message: (error as Error).message, events: h.audit.events })).not.toMatch(/Sekr1t/)
    })
  })

  it('makes a renewal (same CN and SANs, later notAfter) a new version, keeping history and tags', async () => {
    const now = Date.now()
    const first = await pki.leaf({ commonName: 'renew.example.test', notAfter: new Date(now + 10 * DAY) })
    const second = await pki.leaf({ commonName: 'renew.example.test', keySlot: 2, notAfter: new Date(now + 100 * DAY) })
    const created = await h.service.import({
      files: [inputFile('v1.pem', first.pem + first.keyPem)],
      tags: { team: 'web' },
    })
    const renewed = await h.service.import({ files: [inputFile('v2.pem', second.pem + second.keyPem)] })
    expect(renewed.outcome).toBe('renewed')
    expect(renewed.certificate).toMatchObject({
      id: created.certificate.id,
      version: 2,
      fingerprintSha256: second.fingerprint,
      tags: { team: 'web' },
    })
    expect(renewed.certificate.versions.map((v) => [v.version, v.fingerprintSha256])).toEqual([[1, first.fingerprint]])
    expect(await h.service.privateKeyPem(created.certificate.id)).toBe(second.keyPem)
    expect(await h.service.list()).toHaveLength(1)
  })

  it('makes a renewal that keeps the key (same names) a new version that keeps the held key', async () => {
    const now = Date.now()
    const first = await pki.leaf({ commonName: 'a.example.test', keySlot: 4, notAfter: new Date(now + 10 * DAY) })
    const second = await pki.leaf({ commonName: 'a.example.test', keySlot: 4, notAfter: new Date(now + 50 * DAY) })
    const created = await h.service.import({ files: [inputFile('v1.pem', first.pem + first.keyPem)] })
    const renewed = await h.service.import({ files: [inputFile('v2.pem', second.pem)] })
    expect(renewed).toMatchObject({ outcome: 'renewed', certificate: { id: created.certificate.id, version: 2 } })
    expect(await h.service.privateKeyPem(created.certificate.id)).toBe(first.keyPem)
  })

  it('keeps certificates for other names that share a key as separate entries', async () => {
    const now = Date.now()
    const first = await pki.leaf({ commonName: 'a.example.test', keySlot: 8, notAfter: new Date(now + 10 * DAY) })
    const second = await pki.leaf({ commonName: 'b.example.test', keySlot: 8, notAfter: new Date(now + 50 * DAY) })
    const created = await h.service.import({ files: [inputFile('a.pem', first.pem + first.keyPem)] })
    const other = await h.service.import({ files: [inputFile('b.pem', second.pem + second.keyPem)] })
    expect(other.outcome).toBe('created')
    expect(other.certificate.id).not.toBe(created.certificate.id)
    expect((await h.service.get(created.certificate.id)).fingerprintSha256).toBe(first.fingerprint)
    expect((await h.service.list()).map((c) => c.commonName).sort()).toEqual(['a.example.test', 'b.example.test'])
  })

  it('keeps an older certificate of the same names as a separate entry', async () => {
    const now = Date.now()
    const newer = await pki.leaf({ commonName: 'old.example.test', notAfter: new Date(now + 60 * DAY) })
    const older = await pki.leaf({ commonName: 'old.example.test', keySlot: 6, notAfter: new Date(now + 5 * DAY) })
    await h.service.import({ files: [inputFile('new.pem', newer.pem)] })
    expect((await h.service.import({ files: [inputFile('old.pem', older.pem)] })).outcome).toBe('created')
    expect(await h.service.list()).toHaveLength(2)
  })

  it('reports the same certificate as unchanged, adding its key when the entry had none', async () => {
    const leaf = await pki.leaf({ commonName: 'same.example.test' })
    const first = await h.service.import({ files: [inputFile('a.pem', leaf.pem)] })
    expect(first.certificate.privateKey).toBeUndefined()
    const again = await h.service.import({ files: [inputFile('b.pem', leaf.pem)] })
    expect(again).toMatchObject({ outcome: 'unchanged', certificate: { id: first.certificate.id, version: 1 } })
    const withKey = await h.service.import({ files: [inputFile('c.pem', leaf.pem + leaf.keyPem)] })
    expect(withKey.outcome).toBe('unchanged')
    expect(await h.service.privateKeyPem(first.certificate.id)).toBe(leaf.keyPem)
    expect(await h.service.list()).toHaveLength(1)
  })

  it('attaches the pending key of a CSR to the certificate signed from it, and removes the pending key', async () => {
    const pending = await h.service.createCsr({
      commonName: 'csr.example.test',
      sans: ['api.example.test'],
      keyAlgorithm: 'EC_prime256v1',
    })
    expect(pending.csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/)
    const key = await import('node:crypto').then((c) =>
      c.createPrivateKey(h.vault.open(pending.privateKey, pendingKeyBinding(pending)).toString()),
    )
    const signed = await pki.leaf({
      commonName: 'csr.example.test',
      sans: ['csr.example.test', 'api.example.test'],
      key,
    })
    const { certificate, outcome } = await h.service.import({
      files: [inputFile('signed.pem', signed.pem + signed.chainPem.join(''))],
    })
    expect(outcome).toBe('created')
    expect(await h.service.privateKeyPem(certificate.id)).toBe(signed.keyPem)
    expect(await h.service.pendingKeys()).toEqual([])
    expect(h.audit.events.at(-1)?.detail).toContain(`key of pending CSR ${pending.id} attached`)
  })

  it('seals keys: the store holds no key material in the clear', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    await h.service.import({ files: [inputFile('bundle.pem', leaf.pem + leaf.keyPem)] })
    const body = leaf.keyPem.split('\n').slice(1, -2).join('')
    const stored = JSON.stringify(await h.store.read())
    expect(stored).not.toContain(body.slice(0, 40))
    expect(stored).not.toContain('PRIVATE KEY')
  })
})
