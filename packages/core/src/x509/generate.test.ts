import { X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { testKey } from '../testing/test-pki.js'
import { certificateFacts } from './facts.js'
import { createCsr, createSelfSigned, randomSerial } from './generate.js'
import { generatePrivateKey, keyAlgorithmOf, publicKeySha256 } from './keys.js'
import { x509 } from './peculiar.js'

describe('generate', () => {
  it.each(['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] as const)('generates %s keys', async (algorithm) => {
    expect(keyAlgorithmOf(await generatePrivateKey(algorithm))).toBe(algorithm)
  })

  it('makes a self-signed TLS server certificate with SANs and server extensions', async () => {
    const key = await testKey('EC_secp384r1')
    const now = new Date('2030-06-01T00:00:00Z')
    const pem = await createSelfSigned({
      key,
      commonName: 'app.example.test',
      sans: ['app.example.test', '10.1.2.3'],
      days: 30,
      now,
    })
    expect(certificateFacts(pem)).toMatchObject({
      commonName: 'app.example.test',
      sans: ['app.example.test', '10.1.2.3'],
      notBefore: '2030-06-01T00:00:00.000Z',
      notAfter: '2030-07-01T00:00:00.000Z',
      keyAlgorithm: 'EC_secp384r1',
      selfSigned: true,
    })
    const cert = new x509.X509Certificate(pem)
    expect(cert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false)
    expect(cert.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
    )
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.serverAuth])
    expect(new X509Certificate(pem).serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/)
  })

  it('makes a CSR with subject, SANs and a valid signature, and the key hash that finds its certificate', async () => {
    const key = await testKey('RSA_2048')
    const { csrPem, publicKeySha256: hash } = await createCsr({
      key,
      commonName: 'csr.example.test',
      sans: ['csr.example.test', 'www.csr.example.test'],
    })
    const csr = new x509.Pkcs10CertificateRequest(csrPem)
    expect(csr.subject).toBe('CN=csr.example.test')
    expect(await csr.verify()).toBe(true)
    const extension = csr.extensions.find((e) => e.type === '2.5.29.17')
    const san = new x509.SubjectAlternativeNameExtension(extension?.rawData ?? new ArrayBuffer(0))
    expect(san.names.items.map((n) => n.value)).toEqual(['csr.example.test', 'www.csr.example.test'])
    expect(hash).toBe(publicKeySha256(key))
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('draws random positive serials', () => {
    const serials = new Set(Array.from({ length: 50 }, randomSerial))
    expect(serials.size).toBe(50)
    for (const serial of serials) expect(serial).toMatch(/^(0[1-9a-f]|[1-7][0-9a-f])[0-9a-f]{30}$/)
  })
})
