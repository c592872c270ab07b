import { createHash, sign, type KeyObject } from 'node:crypto'
import { bits, explicit, int, NULL, octets, oid, printable, seq, set, time, tlv, TRUE, uint, utf8 } from './der.js'
import { readOid, readTlv } from './der.js'

/** A distinguished name as the sandbox writes it (C, O, CN in that order). */
export interface DistinguishedName {
  readonly country?: string
  readonly organization?: string
  readonly commonName: string
}

/** The CA that signs a certificate. */
export interface Signer {
  /** DER of the CA's subject Name. */
  readonly nameDer: Buffer
  readonly privateKey: KeyObject
  /** The CA's subject key identifier. */
  readonly keyIdentifier: Buffer
}

/** What to put in a certificate. */
export interface CertificateSpec {
  readonly subject: DistinguishedName
  /** DNS names for subjectAltName (none for a CA). */
  readonly dnsNames?: readonly string[]
  /** DER SubjectPublicKeyInfo of the subject's key. */
  readonly publicKeySpki: Buffer
  /** Serial number, unsigned big-endian. */
  readonly serial: Buffer
  readonly notBefore: number
  readonly notAfter: number
  /** Makes a CA certificate (basicConstraints CA, keyCertSign). */
  readonly ca?: boolean
  /** The signing CA; omit for a self-signed certificate signed by `selfKey`. */
  readonly signer?: Signer
  /** The subject's private key when self-signed. */
  readonly selfKey?: KeyObject
}

const OID_CN = oid('2.5.4.3')
const OID_O = oid('2.5.4.10')
const OID_C = oid('2.5.4.6')
const EXT_SAN = oid('2.5.29.17')
const EXT_BASIC = oid('2.5.29.19')
const EXT_KU = oid('2.5.29.15')
const EXT_EKU = oid('2.5.29.37')
const EXT_SKI = oid('2.5.29.14')
const EXT_AKI = oid('2.5.29.35')
const CRITICAL = TRUE
const V3 = explicit(0, int(2))
const EKU_SERVER_CLIENT = octets(seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2')))
// digitalSignature + keyEncipherment (RSA), digitalSignature (EC), keyCertSign + cRLSign + digitalSignature (CA)
const KU_RSA = octets(Buffer.from([0x03, 0x02, 0x05, 0xa0]))
const KU_EC = octets(Buffer.from([0x03, 0x02, 0x07, 0x80]))
const KU_CA = octets(Buffer.from([0x03, 0x02, 0x01, 0x86]))
const BASIC_LEAF = octets(seq())
const BASIC_CA = octets(seq(TRUE))

const SIG_ALGS: Record<string, { der: Buffer; hash: string }> = {
  rsa: { der: seq(oid('1.2.840.113549.1.1.11'), NULL), hash: 'sha256' },
  prime256v1: { der: seq(oid('1.2.840.10045.4.3.2')), hash: 'sha256' },
  secp384r1: { der: seq(oid('1.2.840.10045.4.3.3')), hash: 'sha384' },
  secp521r1: { der: seq(oid('1.2.840.10045.4.3.4')), hash: 'sha512' },
}

const SIG_NAMES: Record<string, string> = {
  rsa: 'SHA256WITHRSA',
  prime256v1: 'SHA256WITHECDSA',
  secp384r1: 'SHA384WITHECDSA',
  secp521r1: 'SHA512WITHECDSA',
}

/** ACM's name of the signature algorithm `key` signs with here, e.g. `SHA256WITHECDSA`. */
export function signatureAlgorithmName(key: KeyObject): string {
  const kind = key.asymmetricKeyType === 'rsa' ? 'rsa' : String(key.asymmetricKeyDetails?.namedCurve)
  return SIG_NAMES[kind] ?? kind
}

/** DER of a Name. */
export function encodeName(dn: DistinguishedName): Buffer {
  const rdns: Buffer[] = []
  if (dn.country) rdns.push(set(seq(OID_C, printable(dn.country))))
  if (dn.organization) rdns.push(set(seq(OID_O, utf8(dn.organization))))
  rdns.push(set(seq(OID_CN, utf8(dn.commonName))))
  return seq(...rdns)
}

const skiCache = new WeakMap<Buffer, Buffer>()

/** Subject key identifier (SHA-1 of the subjectPublicKey bits, RFC 5280 method 1). */
export function keyIdentifier(spki: Buffer): Buffer {
  const cached = skiCache.get(spki)
  if (cached) return cached
  const outer = readTlv(spki)
  const algorithm = readTlv(outer.content)
  const key = readTlv(outer.content, algorithm.end)
  const id = createHash('sha1').update(key.content.subarray(1)).digest()
  skiCache.set(spki, id)
  return id
}

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1'

function spkiAlgorithmOid(spki: Buffer): string {
  const algorithm = readTlv(readTlv(spki).content)
  return readOid(readTlv(algorithm.content).content)
}

function extension(id: Buffer, value: Buffer, critical = false): Buffer {
  return critical ? seq(id, CRITICAL, value) : seq(id, value)
}

function signatureAlgorithm(key: KeyObject): { der: Buffer; hash: string } {
  const kind = key.asymmetricKeyType === 'rsa' ? 'rsa' : String(key.asymmetricKeyDetails?.namedCurve)
  const alg = SIG_ALGS[kind]
  if (!alg) throw new Error(`The sandbox cannot sign with a ${kind} key; use RSA or EC P-256/384/521.`)
  return alg
}

/** Builds and signs an X.509 v3 certificate; returns its DER. */
export function buildCertificate(spec: CertificateSpec): Buffer {
  const signingKey = spec.signer?.privateKey ?? spec.selfKey
  if (!signingKey) throw new Error('A certificate needs a signer or, when self-signed, its own key.')
  const alg = signatureAlgorithm(signingKey)
  const subjectDer = encodeName(spec.subject)
  const ski = keyIdentifier(spec.publicKeySpki)
  const isRsa = spkiAlgorithmOid(spec.publicKeySpki) === RSA_ENCRYPTION
  const extensions: Buffer[] = [
    extension(EXT_BASIC, spec.ca ? BASIC_CA : BASIC_LEAF, true),
    extension(EXT_KU, spec.ca ? KU_CA : isRsa ? KU_RSA : KU_EC, true),
  ]
  if (!spec.ca) extensions.push(extension(EXT_EKU, EKU_SERVER_CLIENT))
  extensions.push(extension(EXT_SKI, octets(octets(ski))))
  extensions.push(extension(EXT_AKI, octets(seq(tlv(0x80, spec.signer?.keyIdentifier ?? ski)))))
  if (spec.dnsNames?.length) {
    extensions.push(extension(EXT_SAN, octets(seq(...spec.dnsNames.map((n) => tlv(0x82, Buffer.from(n, 'ascii')))))))
  }
  const tbs = seq(
    V3,
    uint(spec.serial),
    alg.der,
    spec.signer?.nameDer ?? subjectDer,
    seq(time(spec.notBefore), time(spec.notAfter)),
    subjectDer,
    spec.publicKeySpki,
    explicit(3, seq(...extensions)),
  )
  return seq(tbs, alg.der, bits(sign(alg.hash, tbs, signingKey)))
}

/** PEM armour for a certificate DER. */
export function toPem(der: Buffer, label = 'CERTIFICATE'): string {
  const base64 = der.toString('base64')
  const lines: string[] = []
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64))
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}
