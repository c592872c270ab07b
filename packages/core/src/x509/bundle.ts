import { type KeyObject, X509Certificate } from 'node:crypto'
import type { InputFile } from '../api.js'
import { CertDeckError } from '../errors.js'
import { checkInputSize } from './input-bounds.js'
import { isPrivateKeyBlock, readDerPrivateKey, readPemPrivateKey } from './keys.js'
import { looksLikePem, splitPem } from './pem.js'
import { looksLikePkcs12, readPkcs12 } from './pkcs12.js'

/** A certificate read from an input file, with where it came from (for messages). */
export interface SourcedCertificate {
  readonly certificate: X509Certificate
  /** File name and position, e.g. `chain.pem (line 31)`. */
  readonly source: string
}

/** A private key read from an input file, with where it came from. */
export interface SourcedKey {
  readonly key: KeyObject
  readonly source: string
}

/** Everything read from the input files, unordered and not yet checked against each other. */
export interface BundleItems {
  /** Distinct certificates (duplicates by fingerprint dropped), in reading order. */
  readonly certificates: SourcedCertificate[]
  readonly keys: SourcedKey[]
}

const CERTIFICATE_LABELS = ['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']

/**
 * Reads certificates and private keys from files of any mix: PEM (any number of blocks, any
 * order) or DER (PKCS#12, a certificate, a PKCS#8 key), told apart by content, not name.
 * Errors name the file: `NOT_PEM`, `PEM_TRUNCATED`, `CERT_INVALID`, `PASSPHRASE_NEEDED`,
 * `KEY_PASSPHRASE_WRONG`, `KEY_INVALID`, `PKCS12_INVALID`, `NO_INPUT`.
 */
export function readBundleFiles(files: readonly InputFile[], passphrase?: string): BundleItems {
  if (files.length === 0) {
    throw new CertDeckError(
      'NO_INPUT',
      'No file was given. Give the certificate, its key and chain as PEM files, or a .pfx/.p12 file.',
    )
  }
  const certificates: SourcedCertificate[] = []
  const keys: SourcedKey[] = []
  const seen = new Set<string>()
  const addCertificate = (certificate: X509Certificate, source: string) => {
    if (seen.has(certificate.fingerprint256)) return
    seen.add(certificate.fingerprint256)
    certificates.push({ certificate, source })
  }
  for (const file of files) checkInputSize(file.name, file.data.length)
  for (const file of files) {
    if (looksLikePem(file.data)) {
      readPemFile(file, passphrase, addCertificate, keys)
    } else {
      readDerFile(file, passphrase, addCertificate, keys)
    }
  }
  return { certificates, keys }
}

function readPemFile(
  file: InputFile,
  passphrase: string | undefined,
  addCertificate: (certificate: X509Certificate, source: string) => void,
  keys: SourcedKey[],
): void {
  for (const block of splitPem(Buffer.from(file.data).toString('utf8'), file.name)) {
    const source = `${file.name} (line ${block.line})`
    if (CERTIFICATE_LABELS.includes(block.label)) {
      addCertificate(parseCertificate(block.der, source), source)
    } else if (isPrivateKeyBlock(block)) {
      keys.push({ key: readPemPrivateKey(block, file.name, passphrase), source })
    }
    // Other blocks (EC PARAMETERS, CERTIFICATE REQUEST, PUBLIC KEY) carry nothing to import.
  }
}

function readDerFile(
  file: InputFile,
  passphrase: string | undefined,
  addCertificate: (certificate: X509Certificate, source: string) => void,
  keys: SourcedKey[],
): void {
  const der = Buffer.from(file.data)
  const certificate = tryParse(() => new X509Certificate(der))
  if (certificate) {
    addCertificate(certificate, file.name)
    return
  }
  if (looksLikePkcs12(der)) {
    const contents = readPkcs12(der, file.name, passphrase)
    contents.certificates.forEach((cert, i) => {
      addCertificate(cert, `${file.name} (certificate ${i + 1})`)
    })
    contents.keys.forEach((key, i) => {
      keys.push({ key, source: `${file.name} (key ${i + 1})` })
    })
    return
  }
  const plainKey = tryParse(() => readDerPrivateKey(der, file.name))
  if (plainKey) {
    keys.push({ key: plainKey, source: file.name })
    return
  }
  throw new CertDeckError(
    'NOT_PEM',
    `${file.name} is neither PEM text nor a PKCS#12 (.pfx/.p12) or DER certificate. Accepted: PEM files ` +
      `holding CERTIFICATE and PRIVATE KEY blocks, or a PKCS#12 file.`,
  )
}

function parseCertificate(der: Buffer, source: string): X509Certificate {
  try {
    return new X509Certificate(der)
  } catch (error) {
    throw new CertDeckError(
      'CERT_INVALID',
      `${source}: the block is labelled CERTIFICATE but is not a valid X.509 certificate. Export it again ` +
        `from its issuer.`,
      { cause: error },
    )
  }
}

function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse()
  } catch {
    return undefined
  }
}
