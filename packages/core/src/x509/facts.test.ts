import { X509Certificate, createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeTestPki, testKey } from '../testing/test-pki.js'
import { certificateFacts } from './facts.js'
import { issueCertificate } from './generate.js'
import { publicKeySha256 } from './keys.js'

describe('certificateFacts', () => {
  it('reads fingerprint, serial, names, SANs, validity, key algorithm of a CA-issued RSA 3072 leaf', async () => {
    const pki = await makeTestPki()
    const key = await testKey('RSA_3072')
    const pem = await issueCertificate({
      commonName: 'shop.example.test',
      subject: { O: 'Example, Inc.' },
      sans: ['shop.example.test', '*.shop.example.test', '192.0.2.10', '2001:db8::1'],
      publicKey: key,
      issuer: { certificatePem: pki.intermediate.pem, key: pki.intermediate.key },
      notBefore: new Date('2030-01-01T00:00:00Z'),
      notAfter: new Date('2030-04-01T12:00:00Z'),
      serial: '00c0ffee',
    })
    const facts = certificateFacts(pem)
    expect(facts).toEqual({
      fingerprintSha256: createHash('sha256').update(new X509Certificate(pem).raw).digest('hex'),
      serial: 'c0ffee',
      subject: 'CN=shop.example.test, O=Example\\, Inc.',
      commonName: 'shop.example.test',
      sans: ['shop.example.test', '*.shop.example.test', '192.0.2.10', '2001:db8::1'],
      issuer: 'CN=CertDeck Test Intermediate CA, O=CertDeck Test',
      notBefore: '2030-01-01T00:00:00.000Z',
      notAfter: '2030-04-01T12:00:00.000Z',
      keyAlgorithm: 'RSA_3072',
      selfSigned: false,
      publicKeySha256: publicKeySha256(key),
    })
  })

  it('spells EC keys as ACM does and recognises a self-signed certificate', async () => {
    const pki = await makeTestPki()
    const p384 = await pki.selfSigned({ keyAlgorithm: 'EC_secp384r1' })
    expect(certificateFacts(p384.pem)).toMatchObject({ keyAlgorithm: 'EC_secp384r1', selfSigned: true })
    expect(certificateFacts((await pki.leaf()).pem)).toMatchObject({ keyAlgorithm: 'EC_prime256v1', selfSigned: false })
    expect(certificateFacts(pki.root.pem)).toMatchObject({ keyAlgorithm: 'RSA_2048', selfSigned: true })
  })

  it('takes the first SAN as common name when the subject has none', async () => {
    const key = await testKey()
    const pem = await issueCertificate({
      commonName: '',
      subject: { O: 'Example' },
      publicKey: key,
      signingKey: key,
      sans: ['api.example.test'],
      notBefore: new Date('2030-01-01Z'),
      notAfter: new Date('2031-01-01Z'),
    })
    expect(certificateFacts(pem)).toMatchObject({ subject: 'O=Example', commonName: 'api.example.test' })
  })
})
