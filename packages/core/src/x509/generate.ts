import { type KeyObject, X509Certificate, createPublicKey, randomBytes, webcrypto } from 'node:crypto'
import { isIP } from 'node:net'
import { CertDeckError } from '../errors.js'
import { publicKeySha256 } from './keys.js'
import { type X509, x509 } from './peculiar.js'

type WebCryptoKey = webcrypto.CryptoKey

/** The issuing certificate and its key, for a certificate signed by a CA. */
export interface Issuer {
  readonly certificatePem: string
  readonly key: KeyObject
}

/** What {@link issueCertificate} builds. */
export interface CertificateSpec {
  /** Subject common name; empty for a subject without one (the name then lives in the SANs only). */
  readonly commonName: string
  /** Extra subject attributes in order after CN, e.g. `{ O: 'Example' }`. */
  readonly subject?: Readonly<Record<string, string>>
  /** DNS names and IP addresses. */
  readonly sans?: readonly string[]
  /** The subject's key (private or public). */
  readonly publicKey: KeyObject
  /** The signer; absent for a self-signed certificate, which `signingKey` then signs. */
  readonly issuer?: Issuer
  /** Signs a self-signed certificate: the private key of `publicKey`. */
  readonly signingKey?: KeyObject
  readonly notBefore: Date
  readonly notAfter: Date
  /** Lower-case hex; @default 16 random bytes, positive */
  readonly serial?: string
  /** A CA certificate (keyCertSign, cRLSign, basicConstraints CA) rather than a TLS server one. @default false */
  readonly ca?: boolean
}

/**
 * Builds and signs an X.509 v3 certificate: a TLS server certificate (basicConstraints CA false,
 * keyUsage digitalSignature + keyEncipherment, extKeyUsage serverAuth, SAN) or a CA. Returns PEM.
 */
export async function issueCertificate(spec: CertificateSpec): Promise<string> {
  const signer = spec.issuer?.key ?? spec.signingKey
  if (!signer) throw new Error('issueCertificate needs an issuer or a signingKey')
  const publicKey = await toWebPublicKey(spec.publicKey)
  const extensions: X509.Extension[] = spec.ca
    ? [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ]
    : [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ]
  if (spec.sans && spec.sans.length > 0) extensions.push(sanExtension(spec.sans))
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(publicKey))
  const issuerCert = spec.issuer ? new x509.X509Certificate(spec.issuer.certificatePem) : undefined
  if (issuerCert) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuerCert))
  const subject = subjectName(spec.commonName, spec.subject)
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: spec.serial ?? randomSerial(),
    subject,
    issuer: issuerCert ? issuerCert.subjectName : subject,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    publicKey,
    signingKey: await toWebPrivateKey(signer),
    signingAlgorithm: signingAlgorithm(signer),
    extensions,
  })
  return new X509Certificate(Buffer.from(certificate.rawData)).toString()
}

/** A self-signed TLS server certificate for `commonName` + `sans`, valid `days` from `now`. */
export async function createSelfSigned(options: {
  readonly key: KeyObject
  readonly commonName: string
  readonly sans: readonly string[]
  readonly days: number
  readonly now: Date
}): Promise<string> {
  return issueCertificate({
    commonName: options.commonName,
    sans: options.sans,
    publicKey: options.key,
    signingKey: options.key,
    notBefore: options.now,
    notAfter: new Date(options.now.getTime() + options.days * 86_400_000),
  })
}

/** A PKCS#10 CSR (PEM) for `commonName` + `sans`, and the SPKI SHA-256 that later finds its certificate. */
export async function createCsr(options: {
  readonly key: KeyObject
  readonly commonName: string
  readonly sans: readonly string[]
}): Promise<{ csrPem: string; publicKeySha256: string }> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subjectName(options.commonName),
    keys: { privateKey: await toWebPrivateKey(options.key), publicKey: await toWebPublicKey(options.key) },
    signingAlgorithm: signingAlgorithm(options.key),
    extensions: options.sans.length > 0 ? [sanExtension(options.sans)] : [],
  })
  return { csrPem: `${csr.toString('pem')}\n`, publicKeySha256: publicKeySha256(options.key) }
}

/** 16 random bytes as lower hex, first byte 0x01–0x7f so the DER integer is positive and full length. */
export function randomSerial(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] % 0x7f) + 1
  return bytes.toString('hex')
}

function subjectName(commonName: string, extra: Readonly<Record<string, string>> = {}): X509.JsonName {
  const attributes = Object.entries(extra).map(([type, value]) => ({ [type]: [value] }))
  return commonName ? [{ CN: [commonName] }, ...attributes] : attributes
}

function sanExtension(sans: readonly string[]): X509.SubjectAlternativeNameExtension {
  return new x509.SubjectAlternativeNameExtension(
    sans.map((name) => ({ type: isIP(name) ? ('ip' as const) : ('dns' as const), value: name })),
  )
}

function webAlgorithm(key: KeyObject): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams {
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve
    const namedCurve =
      curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : ''
    if (namedCurve) return { name: 'ECDSA', namedCurve }
  }
  throw new CertDeckError(
    'KEY_ALGORITHM_UNSUPPORTED',
    `A ${key.asymmetricKeyType} key cannot sign here. Accepted: RSA and EC P-256/P-384/P-521 keys.`,
  )
}

function signingAlgorithm(key: KeyObject): webcrypto.Algorithm | webcrypto.EcdsaParams {
  const algorithm = webAlgorithm(key)
  if (algorithm.name === 'ECDSA') {
    const curve = (algorithm as webcrypto.EcKeyImportParams).namedCurve
    return { name: 'ECDSA', hash: curve === 'P-256' ? 'SHA-256' : curve === 'P-384' ? 'SHA-384' : 'SHA-512' }
  }
  return algorithm
}

async function toWebPrivateKey(key: KeyObject): Promise<WebCryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' })
  return webcrypto.subtle.importKey('pkcs8', der, webAlgorithm(key), false, ['sign'])
}

async function toWebPublicKey(key: KeyObject): Promise<WebCryptoKey> {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' })
  return webcrypto.subtle.importKey('spki', der, webAlgorithm(key), true, ['verify'])
}
