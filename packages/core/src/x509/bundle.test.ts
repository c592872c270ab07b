import { X509Certificate } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { type TestPki, inputFile, keyPemAs, makeTestPki } from '../testing/test-pki.js'
import { readBundleFiles } from './bundle.js'
import { assembleBundle } from './chain.js'
import { fingerprintSha256 } from './facts.js'
import { keyMatchesCertificate } from './keys.js'

let pki: TestPki
beforeAll(async () => {
  pki = await makeTestPki()
})

const fingerprints = (certs: X509Certificate[]) => certs.map((c) => fingerprintSha256(c))

describe('readBundleFiles + assembleBundle', () => {
  it('orders a chain given in the wrong order across several files, leaf found by its key', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    const bundle = assembleBundle(
      readBundleFiles([
        inputFile('root-then-key.pem', pki.root.pem + keyPemAs(leaf.key, 'pkcs1')),
        inputFile('leaf.crt', leaf.pem),
        inputFile('intermediate.pem', pki.intermediate.pem),
      ]),
    )
    expect(fingerprintSha256(bundle.leaf)).toBe(leaf.fingerprint)
    expect(fingerprints(bundle.chain)).toEqual([pki.intermediate.fingerprint, pki.root.fingerprint])
    expect(bundle.key && keyMatchesCertificate(bundle.key, bundle.leaf)).toBe(true)
  })

  it('finds the leaf without a key as the certificate that issues no other', async () => {
    const leaf = await pki.leaf()
    const bundle = assembleBundle(
      readBundleFiles([inputFile('all.pem', pki.root.pem + leaf.pem + pki.intermediate.pem)]),
    )
    expect(fingerprintSha256(bundle.leaf)).toBe(leaf.fingerprint)
    expect(fingerprints(bundle.chain)).toEqual([pki.intermediate.fingerprint, pki.root.fingerprint])
    expect(bundle.key).toBeUndefined()
  })

  it.each([
    ['PKCS#8', 'pkcs8', undefined],
    ['SEC1', 'sec1', undefined],
    ['encrypted PKCS#8', 'pkcs8', 'correct horse'],
    ['legacy encrypted SEC1', 'sec1', 'correct horse'],
  ] as const)('reads an EC key as %s', async (_, type, passphrase) => {
    const leaf = await pki.leaf({ keyAlgorithm: 'EC_secp384r1' })
    const items = readBundleFiles(
      [inputFile('leaf.pem', leaf.pem), inputFile('leaf.key', keyPemAs(leaf.key, type, passphrase))],
      passphrase,
    )
    expect(items.keys).toHaveLength(1)
    expect(keyMatchesCertificate(items.keys[0].key, items.certificates[0].certificate)).toBe(true)
  })

  it('reads a legacy encrypted PKCS#1 RSA key with its passphrase, and asks for it when missing', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    const pem = keyPemAs(leaf.key, 'pkcs1', 's3cret-pass')
    expect(pem).toContain('Proc-Type: 4,ENCRYPTED')
    const items = readBundleFiles([inputFile('k.pem', pem)], 's3cret-pass')
    expect(keyMatchesCertificate(items.keys[0].key, new X509Certificate(leaf.pem))).toBe(true)
    expect(() => readBundleFiles([inputFile('k.pem', pem)])).toThrowError(
      expect.objectContaining({ code: 'PASSPHRASE_NEEDED', message: expect.stringContaining('k.pem') }),
    )
    expect(() => readBundleFiles([inputFile('k.pem', pem)], 'not-the-pass-9')).toThrowError(
      expect.objectContaining({ code: 'KEY_PASSPHRASE_WRONG', message: expect.not.stringContaining('not-the-pass-9') }),
    )
  })

  it('reads DER certificates and keys by content whatever the file is called', async () => {
    const leaf = await pki.leaf()
    const der = new X509Certificate(leaf.pem).raw
    const keyDer = leaf.key.export({ type: 'pkcs8', format: 'der' })
    const bundle = assembleBundle(readBundleFiles([inputFile('leaf.pem', der), inputFile('key.txt', keyDer)]))
    expect(fingerprintSha256(bundle.leaf)).toBe(leaf.fingerprint)
    expect(bundle.key).toBeDefined()
  })

  it('rejects a file that is neither PEM nor DER', () => {
    expect(() => readBundleFiles([inputFile('notes.pem', Buffer.from([0xff, 0xfe, 0x00, 0x41]))])).toThrowError(
      expect.objectContaining({ code: 'NOT_PEM', message: expect.stringContaining('notes.pem is neither PEM') }),
    )
  })

  it('rejects a key that belongs to another certificate', async () => {
    const leaf = await pki.leaf()
    const other = await pki.leaf({ keySlot: 7 })
    const items = readBundleFiles([inputFile('leaf.pem', leaf.pem), inputFile('other.key', other.keyPem)])
    expect(() => assembleBundle(items)).toThrowError(
      expect.objectContaining({ code: 'KEY_MISMATCH', message: expect.stringContaining('other.key (line 1)') }),
    )
  })

  it('rejects a chain that does not link, naming the certificate whose issuer is missing', async () => {
    const other = await makeTestPki({ name: 'Other PKI' })
    const leaf = await pki.leaf()
    const items = readBundleFiles([
      inputFile('leaf.pem', leaf.pem + leaf.keyPem),
      inputFile('wrong-ca.pem', other.intermediate.pem),
    ])
    expect(() => assembleBundle(items)).toThrowError(
      expect.objectContaining({
        code: 'CHAIN_BROKEN',
        message: expect.stringMatching(
          new RegExp(
            String.raw`'CN=www\.example\.test' \(leaf\.pem \(line 1\)\) was issued by ` +
              `'CN=CertDeck Test Intermediate CA, O=CertDeck Test'.*'CN=Other PKI Intermediate CA`,
          ),
        ),
      }),
    )
  })

  it('rejects an issuer with the right name but another key', async () => {
    const lookAlike = await makeTestPki({ keySlot: 998 })
    const leaf = await pki.leaf()
    expect(lookAlike.intermediate.pem).not.toBe(pki.intermediate.pem)
    const items = readBundleFiles([inputFile('leaf.pem', leaf.pem), inputFile('ca.pem', lookAlike.intermediate.pem)])
    expect(() => assembleBundle(items)).toThrowError(
      expect.objectContaining({
        code: 'CHAIN_BROKEN',
        message: expect.stringContaining(
          "The signature of 'CN=www.example.test' (leaf.pem (line 1)) does not verify with the key of " +
            "'CN=CertDeck Test Intermediate CA, O=CertDeck Test' (ca.pem (line 1))",
        ),
      }),
    )
  })

  it('rejects several possible leaves and several different keys', async () => {
    const a = await pki.leaf({ commonName: 'a.example.test' })
    const b = await pki.leaf({ commonName: 'b.example.test', keySlot: 3 })
    expect(() => assembleBundle(readBundleFiles([inputFile('two.pem', a.pem + b.pem)]))).toThrowError(
      expect.objectContaining({ code: 'SEVERAL_LEAVES' }),
    )
    expect(() => assembleBundle(readBundleFiles([inputFile('keys.pem', a.pem + a.keyPem + b.keyPem)]))).toThrowError(
      expect.objectContaining({ code: 'SEVERAL_KEYS' }),
    )
  })

  it('asks for a certificate when only a key is given', async () => {
    const leaf = await pki.leaf()
    expect(() => assembleBundle(readBundleFiles([inputFile('only.key', leaf.keyPem)]))).toThrowError(
      expect.objectContaining({
        code: 'NO_CERTIFICATE',
        message: expect.stringContaining('Only a private key was found'),
      }),
    )
  })
})
