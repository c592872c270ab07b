import type { X509Certificate } from 'node:crypto'
import { readOid, readTlv } from './der.js'
import { keyAlgorithmOf, type KeyAlgorithm } from './key-algorithm.js'

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'SHA1WITHRSA',
  '1.2.840.113549.1.1.11': 'SHA256WITHRSA',
  '1.2.840.113549.1.1.12': 'SHA384WITHRSA',
  '1.2.840.113549.1.1.13': 'SHA512WITHRSA',
  '1.2.840.113549.1.1.10': 'SHA256WITHRSASSA_PSS',
  '1.2.840.10045.4.3.2': 'SHA256WITHECDSA',
  '1.2.840.10045.4.3.3': 'SHA384WITHECDSA',
  '1.2.840.10045.4.3.4': 'SHA512WITHECDSA',
}

/** What ACM reports about a certificate body. */
export interface CertificateFacts {
  readonly x509: X509Certificate
  readonly keyAlgorithm: KeyAlgorithm | undefined
  /** ACM's name of the signature algorithm, e.g. `SHA256WITHRSA`. */
  readonly signatureAlgorithm: string
  /** Serial as ACM shows it: lowercase hex pairs joined by colons. */
  readonly serial: string
  readonly commonName: string | undefined
  readonly dnsNames: readonly string[]
  readonly subject: string
  /** The issuer's O (or CN), as ACM's `Issuer` field shows it. */
  readonly issuerName: string
  readonly notBefore: number
  readonly notAfter: number
}

/** Formats a hex serial ACM's way (`0c:1f:…`). */
export function formatSerial(hex: string): string {
  const even = hex.length % 2 ? `0${hex}` : hex
  return even.toLowerCase().match(/../g)!.join(':')
}

function attribute(dn: string, key: string): string | undefined {
  return dn
    .split('\n')
    .find((line) => line.startsWith(`${key}=`))
    ?.slice(key.length + 1)
}

/** Extracts the facts ACM reports from a parsed certificate. */
export function inspectCertificate(x509: X509Certificate): CertificateFacts {
  const cert = readTlv(x509.raw)
  const tbs = readTlv(cert.content)
  const sigAlg = readTlv(cert.content, tbs.end)
  const sigOid = readOid(readTlv(sigAlg.content).content)
  const dnsNames = (x509.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4))
  return {
    x509,
    keyAlgorithm: keyAlgorithmOf(x509.publicKey),
    signatureAlgorithm: SIGNATURE_ALGORITHMS[sigOid] ?? sigOid,
    serial: formatSerial(x509.serialNumber),
    commonName: attribute(x509.subject, 'CN'),
    dnsNames,
    subject: x509.subject.split('\n').join(','),
    issuerName: attribute(x509.issuer, 'O') ?? attribute(x509.issuer, 'CN') ?? x509.issuer,
    notBefore: Date.parse(x509.validFrom),
    notAfter: Date.parse(x509.validTo),
  }
}
