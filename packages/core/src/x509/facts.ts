import { X509Certificate } from 'node:crypto'
import type { CertificateFacts, KeyAlgorithm } from '../domain/certificate.js'
import { CertDeckError } from '../errors.js'
import { keyAlgorithmOf, publicKeySha256 } from './keys.js'
import { type X509, x509 } from './peculiar.js'

/** A certificate given as PEM text, DER bytes or an already parsed node certificate. */
export type CertificateSource = string | Uint8Array | X509Certificate

/** Parses a certificate; a value that is not one is a `CERT_INVALID` error. */
export function toX509(source: CertificateSource, name = 'the certificate'): X509Certificate {
  if (source instanceof X509Certificate) return source
  try {
    return new X509Certificate(typeof source === 'string' ? source : Buffer.from(source))
  } catch (error) {
    throw new CertDeckError(
      'CERT_INVALID',
      `${name} is not a valid X.509 certificate. Give a PEM or DER certificate as a CA or ACM issued it.`,
      { cause: error },
    )
  }
}

/** The certificate as a canonical PEM block ending in a newline. */
export function certificatePem(source: CertificateSource): string {
  return toX509(source).toString()
}

/** Lower-case hex SHA-256 of the certificate DER, no separators. */
export function fingerprintSha256(source: CertificateSource): string {
  return toX509(source).fingerprint256.replaceAll(':', '').toLowerCase()
}

/**
 * True when `parent` issued `child`: the names link and `child`'s signature verifies with
 * `parent`'s key. (Node's `checkIssued` also demands keyCertSign, which a self-signed server
 * certificate lacks.)
 */
export function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  if (child.issuer !== parent.subject) return false
  try {
    return child.verify(parent.publicKey)
  } catch {
    return false
  }
}

/** True when the certificate names itself as issuer and its signature verifies with its own key. */
export function isSelfSigned(source: CertificateSource): boolean {
  const cert = toX509(source)
  return issuedBy(cert, cert)
}

/** The key algorithm of a certificate in ACM's spelling; `KEY_ALGORITHM_UNSUPPORTED` when ACM has none. */
export function certificateKeyAlgorithm(source: CertificateSource, name = 'the certificate'): KeyAlgorithm {
  const cert = toX509(source)
  const algorithm = keyAlgorithmOf(cert.publicKey)
  if (!algorithm) {
    const details = cert.publicKey.asymmetricKeyDetails ?? {}
    const shown = [cert.publicKey.asymmetricKeyType, details.modulusLength, details.namedCurve]
      .filter(Boolean)
      .join(' ')
    throw new CertDeckError(
      'KEY_ALGORITHM_UNSUPPORTED',
      `${name} (${subjectOf(cert)}) has a ${shown} key. Accepted, as ACM: RSA 1024/2048/3072/4096 and EC ` +
        `P-256/P-384/P-521.`,
    )
  }
  return algorithm
}

/**
 * The X.509 facts of a certificate: fingerprint, serial (lower hex, no sign padding, as
 * `openssl x509 -serial`), subject and issuer DNs (in certificate order, RFC 4514 escaping),
 * common name, DNS and IP SANs, validity, key algorithm and the public key's SHA-256.
 */
export function certificateFacts(source: CertificateSource, name = 'the certificate'): CertificateFacts {
  const cert = toX509(source, name)
  const parsed = new x509.X509Certificate(cert.raw)
  const sans = subjectAltNames(parsed)
  const commonName = parsed.subjectName.getField('CN')[0] ?? sans[0] ?? ''
  return {
    fingerprintSha256: fingerprintSha256(cert),
    serial: cert.serialNumber.toLowerCase(),
    subject: parsed.subject,
    commonName,
    sans,
    issuer: parsed.issuer,
    notBefore: parsed.notBefore.toISOString(),
    notAfter: parsed.notAfter.toISOString(),
    keyAlgorithm: certificateKeyAlgorithm(cert, name),
    selfSigned: isSelfSigned(cert),
    publicKeySha256: publicKeySha256(cert),
  }
}

/** Subject DN string of a certificate, for messages. */
export function subjectOf(source: CertificateSource): string {
  return new x509.X509Certificate(toX509(source).raw).subject
}

function subjectAltNames(cert: X509.X509Certificate): string[] {
  const extension = cert.getExtension(x509.SubjectAlternativeNameExtension)
  if (!extension) return []
  return extension.names.items.filter((name) => name.type === 'dns' || name.type === 'ip').map((name) => name.value)
}
