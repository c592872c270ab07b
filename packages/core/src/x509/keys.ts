import {
  type KeyObject,
  X509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
} from 'node:crypto'
import { promisify } from 'node:util'
import type { GeneratedKeyAlgorithm } from '../api.js'
import { KEY_ALGORITHMS, type KeyAlgorithm } from '../domain/certificate.js'
import { CertDeckError } from '../errors.js'
import type { PemBlock } from './pem.js'

/** PEM labels of the private key encodings CertDeck reads. */
export const PRIVATE_KEY_LABELS: readonly string[] = [
  'PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
]

/** True when the block is a private key CertDeck reads. */
export function isPrivateKeyBlock(block: PemBlock): boolean {
  return PRIVATE_KEY_LABELS.includes(block.label)
}

/**
 * Reads a PEM private key block: PKCS#8, PKCS#1 (RSA), SEC1 (EC), encrypted PKCS#8 and legacy
 * OpenSSL `Proc-Type: 4,ENCRYPTED` keys (with `passphrase`). Errors name the file and line,
 * never the passphrase: `PASSPHRASE_NEEDED`, `KEY_PASSPHRASE_WRONG`, `KEY_INVALID`.
 */
export function readPemPrivateKey(block: PemBlock, fileName: string, passphrase?: string): KeyObject {
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/i.test(block.headers['Proc-Type'] ?? '')
  const where = `${fileName}: the private key at line ${block.line}`
  return readKey(() => createPrivateKey({ key: block.text, format: 'pem', passphrase }), where, encrypted, passphrase)
}

/** Reads an unencrypted DER PKCS#8 private key, as some `.key`/`.der` files hold. */
export function readDerPrivateKey(der: Buffer, fileName: string): KeyObject {
  const where = `${fileName}: the DER private key`
  return readKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), where, false)
}

function readKey(read: () => KeyObject, where: string, encrypted: boolean, passphrase?: string): KeyObject {
  if (encrypted && !passphrase) {
    throw new CertDeckError(
      'PASSPHRASE_NEEDED',
      `${where} is encrypted. Give its passphrase (on stdin or in the environment, never on the command line).`,
    )
  }
  try {
    return read()
  } catch (error) {
    if (encrypted) {
      throw new CertDeckError(
        'KEY_PASSPHRASE_WRONG',
        `${where} could not be decrypted: the passphrase is wrong. Give the passphrase the key was encrypted with.`,
        { cause: plainCause(error) },
      )
    }
    throw new CertDeckError(
      'KEY_INVALID',
      `${where} is not a readable RSA or EC key. Accepted: PKCS#8, PKCS#1 (RSA), SEC1 (EC), encrypted ` +
        `PKCS#8 or legacy encrypted PEM.`,
      { cause: plainCause(error) },
    )
  }
}

/** The SubjectPublicKeyInfo DER of a private key, public key or certificate. */
export function publicKeyDer(source: KeyObject | X509Certificate): Buffer {
  const key = source instanceof X509Certificate ? source.publicKey : createPublicKey(source)
  return key.export({ type: 'spki', format: 'der' })
}

/** Lower-case hex SHA-256 of the SubjectPublicKeyInfo DER: matches a signed certificate to its pending key. */
export function publicKeySha256(source: KeyObject | X509Certificate): string {
  return createHash('sha256').update(publicKeyDer(source)).digest('hex')
}

/** True when the private key is the key of the certificate (their public keys are equal). */
export function keyMatchesCertificate(key: KeyObject, certificate: X509Certificate): boolean {
  return publicKeyDer(key).equals(publicKeyDer(certificate))
}

/** The key normalised to unencrypted PKCS#8 PEM, the form the vault seals. */
export function toPkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString()
}

/**
 * The key algorithm in ACM's spelling (`RSA_2048`, `EC_prime256v1`…), or `undefined` for a key
 * ACM does not know (Ed25519, RSA-PSS, odd sizes).
 */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm | undefined {
  const details = key.asymmetricKeyDetails ?? {}
  const name =
    key.asymmetricKeyType === 'rsa'
      ? `RSA_${details.modulusLength}`
      : key.asymmetricKeyType === 'ec'
        ? `EC_${details.namedCurve}`
        : ''
  return KEY_ALGORITHMS.find((algorithm) => algorithm === name)
}

const generate = promisify(generateKeyPair)

/** Generates a new private key of an algorithm CertDeck creates. */
export async function generatePrivateKey(algorithm: GeneratedKeyAlgorithm): Promise<KeyObject> {
  switch (algorithm) {
    case 'RSA_2048':
    case 'RSA_3072':
    case 'RSA_4096':
      return (await generate('rsa', { modulusLength: Number(algorithm.slice(4)), publicExponent: 0x10001 })).privateKey
    case 'EC_prime256v1':
      return (await generate('ec', { namedCurve: 'prime256v1' })).privateKey
    case 'EC_secp384r1':
      return (await generate('ec', { namedCurve: 'secp384r1' })).privateKey
    default:
      throw new CertDeckError(
        'KEY_ALGORITHM_UNSUPPORTED',
        `Key algorithm '${String(algorithm)}' is not one CertDeck generates. Accepted: RSA_2048, RSA_3072, ` +
          `RSA_4096, EC_prime256v1, EC_secp384r1.`,
      )
  }
}

/** OpenSSL's message without its stack, so no caller ever sees more than the reason. */
function plainCause(error: unknown): Error {
  return new Error(error instanceof Error ? error.message : String(error))
}
