import { X509Certificate } from 'node:crypto'
import type { Certificate, CertificateOrigin, KeyAlgorithm } from '@certdeck/core'
import { makeTestPki, type TestCertificate, type TestLeafOptions } from '@certdeck/core/testing'

const DAY = 86_400_000

/** The fixed "now" of the TUI tests. */
export const NOW = new Date('2026-06-01T12:00:00Z')

const pki = makeTestPki({ name: 'TUI Test', now: NOW })

function keyAlgorithmOf(x509: X509Certificate): KeyAlgorithm {
  const { asymmetricKeyType, asymmetricKeyDetails } = x509.publicKey
  if (asymmetricKeyType === 'rsa') return `RSA_${asymmetricKeyDetails?.modulusLength}` as KeyAlgorithm
  const curve = asymmetricKeyDetails?.namedCurve
  return curve === 'secp384r1' ? 'EC_secp384r1' : curve === 'secp521r1' ? 'EC_secp521r1' : 'EC_prime256v1'
}

/** A repository entry built from a real certificate, with its facts read by node:crypto. */
export function entryOf(
  cert: TestCertificate,
  options: { id: string; origin?: CertificateOrigin; withKey?: boolean; tags?: Record<string, string> },
): Certificate {
  const x509 = new X509Certificate(cert.pem)
  const sans = (x509.subjectAltName ?? '')
    .split(', ')
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4))
  const subject = x509.subject.split('\n').join(',')
  const addedAt = new Date(NOW.getTime() - 10 * DAY).toISOString()
  const facts = {
    fingerprintSha256: cert.fingerprint,
    serial: x509.serialNumber.toLowerCase(),
    subject,
    commonName: /CN=([^,]+)/.exec(subject)?.[1] ?? sans[0] ?? '',
    sans,
    issuer: x509.issuer.split('\n').join(','),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    keyAlgorithm: keyAlgorithmOf(x509),
    selfSigned: cert.chainPem.length === 0,
  }
  return {
    ...facts,
    id: options.id,
    version: 1,
    pem: cert.pem,
    chainPem: cert.chainPem,
    privateKey:
      options.withKey === false ? undefined : { sealed: 'aes-256-gcm', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' },
    origin: options.origin ?? 'imported',
    addedAt,
    versions: [],
    tags: options.tags ?? {},
    createdAt: addedAt,
    updatedAt: addedAt,
  }
}

/** A real certificate signed by the test intermediate, expiring `days` after {@link NOW}. */
export async function leafEntry(
  id: string,
  commonName: string,
  days: number,
  options: {
    sans?: string[]
    keyAlgorithm?: TestLeafOptions['keyAlgorithm']
    withKey?: boolean
    origin?: CertificateOrigin
  } = {},
): Promise<Certificate> {
  const notAfter = new Date(NOW.getTime() + days * DAY + 3_600_000)
  const cert = await (await pki).leaf({
    commonName,
    sans: options.sans ?? [commonName],
    keyAlgorithm: options.keyAlgorithm,
    notBefore: new Date(Math.min(NOW.getTime() - 30 * DAY, notAfter.getTime() - 60 * DAY)),
    notAfter,
  })
  return entryOf(cert, { id, origin: options.origin, withKey: options.withKey })
}

/** A real self-signed certificate valid for `days` from {@link NOW}. */
export async function selfSignedEntry(
  id: string,
  commonName: string,
  days: number,
  sans?: readonly string[],
): Promise<Certificate> {
  const cert = await (await pki).selfSigned({
    commonName,
    sans: sans && sans.length > 0 ? [...sans] : [commonName],
    notBefore: new Date(NOW.getTime() - DAY),
    notAfter: new Date(NOW.getTime() + days * DAY),
  })
  return entryOf(cert, { id, origin: 'created' })
}
