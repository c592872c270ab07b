import { type KeyObject, X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import type { GeneratedKeyAlgorithm, InputFile } from '../api.js'
import { fingerprintSha256 } from '../x509/facts.js'
import { issueCertificate } from '../x509/generate.js'
import { generatePrivateKey, toPkcs8Pem } from '../x509/keys.js'

const DAY = 86_400_000

/** A certificate made for a test, with its key. */
export interface TestCertificate {
  /** PEM of the certificate. */
  readonly pem: string
  readonly key: KeyObject
  /** The key as unencrypted PKCS#8 PEM. */
  readonly keyPem: string
  /** Lower hex SHA-256 of the DER, as the repository stores it. */
  readonly fingerprint: string
  /** PEMs of the issuers, leaf's issuer first, up to the root (empty when self-signed). */
  readonly chainPem: readonly string[]
}

/** Options of {@link TestPki.leaf} and {@link TestPki.selfSigned}. */
export interface TestLeafOptions {
  /** @default 'www.example.test' */
  readonly commonName?: string
  /** @default [commonName] */
  readonly sans?: readonly string[]
  /** @default 'EC_prime256v1' */
  readonly keyAlgorithm?: GeneratedKeyAlgorithm
  /** Which cached key of that algorithm: different slots give different keys. @default 0 */
  readonly keySlot?: number
  /** Use this key instead of a cached one (e.g. the key of a CSR). */
  readonly key?: KeyObject
  /** @default now − 1 day */
  readonly notBefore?: Date
  /** @default now + 90 days */
  readonly notAfter?: Date
}

/** A root CA, an intermediate under it, and issuers of leaves, built with real keys. */
export interface TestPki {
  /** Self-signed root CA (RSA 2048). */
  readonly root: TestCertificate
  /** Intermediate CA signed by the root (RSA 2048). */
  readonly intermediate: TestCertificate
  /** A leaf signed by the intermediate; `chainPem` is [intermediate, root]. */
  leaf(options?: TestLeafOptions): Promise<TestCertificate>
  /** A self-signed leaf. */
  selfSigned(options?: TestLeafOptions): Promise<TestCertificate>
}

const keyCache = new Map<string, Promise<KeyObject>>()

/**
 * A private key of `algorithm`, generated once per test process for each `slot`, so suites stay
 * fast while tests needing distinct keys ask for distinct slots.
 */
export function testKey(algorithm: GeneratedKeyAlgorithm = 'EC_prime256v1', slot = 0): Promise<KeyObject> {
  const id = `${algorithm}#${slot}`
  let key = keyCache.get(id)
  if (!key) {
    key = generatePrivateKey(algorithm)
    keyCache.set(id, key)
  }
  return key
}

/** Options of {@link makeTestPki}. */
export interface TestPkiOptions {
  /** Names the CAs (`<name> Root CA`, `<name> Intermediate CA`). @default 'CertDeck Test' */
  readonly name?: string
  /**
   * Which cached CA keys: the same name with another slot gives look-alike CAs with other keys.
   * @default derived from name
   */
  readonly keySlot?: number
  /** The time validity windows count from. @default now */
  readonly now?: Date
}

/**
 * Builds a test PKI: a root CA and an intermediate CA (RSA, so node-forge can put them in a
 * PKCS#12). Another `name` gives a distinct PKI for broken-chain tests.
 */
export async function makeTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const now = options.now ?? new Date()
  const name = options.name ?? 'CertDeck Test'
  const slot = options.keySlot ?? hashSlot(name)
  const rootKey = await testKey('RSA_2048', 1000 + slot)
  const intermediateKey = await testKey('RSA_2048', 2000 + slot)
  const caValidity = { notBefore: new Date(now.getTime() - 30 * DAY), notAfter: new Date(now.getTime() + 3650 * DAY) }
  const rootPem = await issueCertificate({
    commonName: `${name} Root CA`,
    subject: { O: name },
    publicKey: rootKey,
    signingKey: rootKey,
    ca: true,
    ...caValidity,
  })
  const root = testCertificate(rootPem, rootKey, [])
  const intermediatePem = await issueCertificate({
    commonName: `${name} Intermediate CA`,
    subject: { O: name },
    publicKey: intermediateKey,
    issuer: { certificatePem: rootPem, key: rootKey },
    ca: true,
    ...caValidity,
  })
  const intermediate = testCertificate(intermediatePem, intermediateKey, [rootPem])
  const leafBody = async (leafOptions: TestLeafOptions, selfSigned: boolean) => {
    const commonName = leafOptions.commonName ?? 'www.example.test'
    const key =
      leafOptions.key ?? (await testKey(leafOptions.keyAlgorithm ?? 'EC_prime256v1', leafOptions.keySlot ?? 0))
    const pem = await issueCertificate({
      commonName,
      sans: leafOptions.sans ?? [commonName],
      publicKey: key,
      ...(selfSigned ? { signingKey: key } : { issuer: { certificatePem: intermediatePem, key: intermediateKey } }),
      notBefore: leafOptions.notBefore ?? new Date(now.getTime() - DAY),
      notAfter: leafOptions.notAfter ?? new Date(now.getTime() + 90 * DAY),
    })
    return testCertificate(pem, key, selfSigned ? [] : [intermediatePem, rootPem])
  }
  return {
    root,
    intermediate,
    leaf: (leafOptions = {}) => leafBody(leafOptions, false),
    selfSigned: (leafOptions = {}) => leafBody(leafOptions, true),
  }
}

/** The key in a given PEM encoding, optionally encrypted (legacy `Proc-Type` for pkcs1/sec1). */
export function keyPemAs(key: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1', passphrase?: string): string {
  const options = passphrase
    ? { type, format: 'pem' as const, cipher: 'aes-256-cbc', passphrase }
    : { type, format: 'pem' as const }
  return key.export(options).toString()
}

/**
 * A PKCS#12 file made by node-forge's own writer (RSA leaf and RSA CAs only), so reading is
 * tested against an independent implementation. `algorithm` is the key bag cipher.
 */
export function forgePkcs12(
  certificate: TestCertificate,
  passphrase: string | null,
  options: { algorithm?: 'aes256' | '3des'; withChain?: boolean } = {},
): Uint8Array {
  const forgeKey = forge.pki.privateKeyFromPem(certificate.keyPem)
  const certs = [certificate.pem, ...(options.withChain === false ? [] : certificate.chainPem)].map((pem) =>
    forge.pki.certificateFromPem(pem),
  )
  const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, certs, passphrase, { algorithm: options.algorithm ?? 'aes256' })
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
}

/** An import input file from text or bytes. */
export function inputFile(name: string, content: string | Uint8Array): InputFile {
  return { name, data: typeof content === 'string' ? Buffer.from(content, 'utf8') : content }
}

function testCertificate(pem: string, key: KeyObject, chainPem: string[]): TestCertificate {
  return {
    pem: new X509Certificate(pem).toString(),
    key,
    keyPem: toPkcs8Pem(key),
    fingerprint: fingerprintSha256(pem),
    chainPem,
  }
}

function hashSlot(name: string): number {
  let h = 0
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 997
  return h
}
