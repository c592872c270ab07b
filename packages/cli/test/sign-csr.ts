import { webcrypto } from 'node:crypto'
import type { TestCertificate } from '@certdeck/core/testing'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>)

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }

/**
 * Signs a PEM CSR with an RSA test CA, as a CA elsewhere would: the CSR's subject, public key
 * and SANs, valid for `days` from now.
 */
export async function signCsr(csrPem: string, ca: TestCertificate, days = 90): Promise<string> {
  const csr = new x509.Pkcs10CertificateRequest(csrPem)
  const signingKey = await webcrypto.subtle.importKey(
    'pkcs8',
    ca.key.export({ type: 'pkcs8', format: 'der' }),
    RSA_SHA256,
    false,
    ['sign'],
  )
  const san = csr.getExtension('2.5.29.17')
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: `01${Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex')}`,
    subject: csr.subject,
    issuer: new x509.X509Certificate(ca.pem).subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + days * 86_400_000),
    publicKey: csr.publicKey,
    signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions: san ? [san] : [],
  })
  return cert.toString('pem')
}
