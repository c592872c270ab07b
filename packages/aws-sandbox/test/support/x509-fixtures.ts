/**
 * Real certificates and keys for tests: a CA, intermediates and leaves signed with ECDSA P-256
 * through @peculiar/x509 and WebCrypto.
 */
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const DAY = 86_400_000

/** A certificate with its key pair, as PEM. */
export interface TestCertificate {
  readonly certificate: x509.X509Certificate
  readonly keys: webcrypto.CryptoKeyPair
  readonly certificatePem: string
  /** Unencrypted PKCS#8 PEM. */
  readonly privateKeyPem: string
}

let serial = 1

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`
}

/** Options of {@link makeCertificate}. */
export interface CertificateOptions {
  readonly commonName: string
  /** The signer; omit for a self-signed CA. */
  readonly issuer?: TestCertificate
  readonly ca?: boolean
  /** @default one day ago */
  readonly notBefore?: Date
  /** @default 90 days from now */
  readonly notAfter?: Date
}

/** Issues a certificate (self-signed when no issuer) with a fresh P-256 key. */
export async function makeCertificate(options: CertificateOptions): Promise<TestCertificate> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const now = Date.now()
  const extensions: x509.Extension[] = options.ca
    ? [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
      ]
    : [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: options.commonName }])]
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(2, '0'),
    subject: `CN=${options.commonName}`,
    issuer: options.issuer ? options.issuer.certificate.subject : `CN=${options.commonName}`,
    notBefore: options.notBefore ?? new Date(now - DAY),
    notAfter: options.notAfter ?? new Date(now + 90 * DAY),
    publicKey: keys.publicKey,
    signingKey: options.issuer ? options.issuer.keys.privateKey : keys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions,
  })
  return {
    certificate,
    keys,
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await pkcs8Pem(keys.privateKey),
  }
}

/** A root, an intermediate and a leaf for `commonName`, plus the chain PEM IAM expects (intermediate, root). */
export async function makeChain(commonName: string): Promise<{
  readonly root: TestCertificate
  readonly intermediate: TestCertificate
  readonly leaf: TestCertificate
  readonly chainPem: string
}> {
  const root = await makeCertificate({ commonName: 'Test Root CA', ca: true })
  const intermediate = await makeCertificate({ commonName: 'Test Intermediate CA', ca: true, issuer: root })
  const leaf = await makeCertificate({ commonName, issuer: intermediate })
  return { root, intermediate, leaf, chainPem: `${intermediate.certificatePem}\n${root.certificatePem}\n` }
}
