import { X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import { beforeAll, describe, expect, it } from 'vitest'
import { type TestPki, forgePkcs12, makeTestPki } from '../testing/test-pki.js'
import { fingerprintSha256 } from './facts.js'
import { keyMatchesCertificate } from './keys.js'
import { looksLikePkcs12, readPkcs12, writePkcs12 } from './pkcs12.js'

let pki: TestPki
beforeAll(async () => {
  pki = await makeTestPki()
})

describe('readPkcs12', () => {
  it.each(['aes256', '3des'] as const)('reads a node-forge PKCS#12 (%s) with its chain and key', async (algorithm) => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    const p12 = forgePkcs12(leaf, 'p12-pass', { algorithm })
    expect(looksLikePkcs12(p12)).toBe(true)
    const contents = readPkcs12(p12, 'site.pfx', 'p12-pass')
    expect(contents.certificates.map((c) => fingerprintSha256(c))).toEqual([
      leaf.fingerprint,
      pki.intermediate.fingerprint,
      pki.root.fingerprint,
    ])
    expect(contents.keys).toHaveLength(1)
    expect(keyMatchesCertificate(contents.keys[0], new X509Certificate(leaf.pem))).toBe(true)
  })

  it('asks for the passphrase when none is given, and says when it is wrong', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    const p12 = forgePkcs12(leaf, 'p12-pass')
    expect(() => readPkcs12(p12, 'site.pfx')).toThrowError(
      expect.objectContaining({ code: 'PASSPHRASE_NEEDED', message: expect.stringContaining('site.pfx') }),
    )
    expect(() => readPkcs12(p12, 'site.pfx', 'nope-nope')).toThrowError(
      expect.objectContaining({ code: 'KEY_PASSPHRASE_WRONG', message: expect.not.stringContaining('nope-nope') }),
    )
  })

  it('reads a PKCS#12 exported without a password', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    const contents = readPkcs12(forgePkcs12(leaf, null), 'open.p12')
    expect(contents.keys).toHaveLength(1)
    expect(contents.certificates).toHaveLength(3)
  })
})

describe('writePkcs12', () => {
  it.each(['EC_prime256v1', 'RSA_2048'] as const)(
    'round-trips a %s key, chain and certificates',
    async (keyAlgorithm) => {
      const leaf = await pki.leaf({ keyAlgorithm })
      const p12 = writePkcs12({
        leafPem: leaf.pem,
        chainPem: leaf.chainPem,
        key: leaf.key,
        passphrase: 'export-pass',
        friendlyName: 'www',
      })
      const contents = readPkcs12(p12, 'out.p12', 'export-pass')
      expect(contents.certificates.map((c) => fingerprintSha256(c))).toEqual([
        leaf.fingerprint,
        ...[pki.intermediate, pki.root].map((c) => c.fingerprint),
      ])
      expect(contents.keys[0].export({ type: 'pkcs8', format: 'pem' })).toBe(leaf.keyPem)
      expect(() => readPkcs12(p12, 'out.p12', 'export-pas')).toThrowError(
        expect.objectContaining({ code: 'KEY_PASSPHRASE_WRONG' }),
      )
    },
  )

  it('encrypts the key with PBES2 AES-256-CBC and protects the file with an HMAC-SHA256 MAC', async () => {
    const leaf = await pki.leaf()
    const p12 = writePkcs12({ leafPem: leaf.pem, key: leaf.key, passphrase: 'export-pass' })
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')))
    const pfx = forge.pkcs12.pkcs12FromAsn1(asn1, 'export-pass')
    const oids = (forge.pki as unknown as { oids: Record<string, string> }).oids
    const der = Buffer.from(p12).toString('binary')
    expect(der).toContain(forge.asn1.oidToDer(oids['aes256-CBC']).getBytes())
    expect(der).toContain(forge.asn1.oidToDer(oids.hmacWithSHA256).getBytes())
    expect(der).toContain(forge.asn1.oidToDer(oids.sha256).getBytes())
    expect(pfx.getBags({ bagType: oids.pkcs8ShroudedKeyBag })[oids.pkcs8ShroudedKeyBag]).toHaveLength(1)
    const privateScalar = Buffer.from(leaf.key.export({ format: 'jwk' }).d ?? '', 'base64url')
    expect(privateScalar.length).toBe(32)
    expect(der).not.toContain(privateScalar.toString('binary'))
  })

  it('writes certificates only when no key is given, and refuses a non-ASCII passphrase', async () => {
    const leaf = await pki.leaf()
    const contents = readPkcs12(writePkcs12({ leafPem: leaf.pem, passphrase: 'pw12' }), 'c.p12', 'pw12')
    expect(contents.keys).toHaveLength(0)
    expect(contents.certificates).toHaveLength(1)
    expect(() => writePkcs12({ leafPem: leaf.pem, passphrase: 'pässword' })).toThrowError(
      expect.objectContaining({ code: 'PASSPHRASE_INVALID' }),
    )
  })
})
