/**
 * The checks IAM's UploadServerCertificate makes on a certificate, its private key and chain,
 * with node:crypto doing the X.509 and key work.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto'
import { SandboxError } from '../types.js'

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g

/** IAM's own wording, so scripts matching on it behave as against AWS. */
const MALFORMED_BODY = 'Unable to parse certificate. Please ensure the certificate is in PEM format.'
const BAD_CHAIN =
  'Unable to validate certificate chain. The certificate chain must start with the immediate signing ' +
  'certificate, followed by any intermediaries in order. The index within the chain of the invalid ' +
  'certificate is: '

/** What IAM keeps from a valid certificate body. */
export interface ParsedServerCertificate {
  /** NotAfter in ms since the epoch (IAM's `Expiration`). */
  readonly notAfter: number
  readonly notBefore: number
}

/** The PEM certificate blocks of `text`, in order. */
function pemBlocks(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? []
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem)
  } catch {
    return undefined
  }
}

/** Parses a certificate body that must hold exactly one PEM certificate; MalformedCertificate otherwise. */
export function parseCertificateBody(body: string): X509Certificate {
  const blocks = pemBlocks(body)
  const certificate = blocks.length === 1 ? parseCertificate(blocks[0]) : undefined
  if (!certificate) throw new SandboxError('MalformedCertificate', MALFORMED_BODY)
  return certificate
}

/** Validity window of a parsed certificate in ms since the epoch. */
export function validityOf(certificate: X509Certificate): ParsedServerCertificate {
  return { notBefore: Date.parse(certificate.validFrom), notAfter: Date.parse(certificate.validTo) }
}

function parsePrivateKey(pem: string): KeyObject {
  const trimmed = pem.trim()
  if (/ENCRYPTED/.test(trimmed) || !/^-----BEGIN ([A-Z ]*)PRIVATE KEY-----/.test(trimmed)) {
    throw new SandboxError(
      'MalformedCertificate',
      'Unable to parse private key. Please ensure the key is an unencrypted PEM private key.',
    )
  }
  try {
    return createPrivateKey({ key: trimmed, format: 'pem' })
  } catch {
    throw new SandboxError(
      'MalformedCertificate',
      'Unable to parse private key. Please ensure the key is an unencrypted PEM private key.',
    )
  }
}

/**
 * Checks an upload as IAM does: one PEM certificate, an unencrypted PEM key that matches it,
 * the current time inside the validity window, and a chain that starts with the leaf's issuer
 * and continues issuer by issuer. Never echoes key material in its errors.
 */
export function checkServerCertificateUpload(
  input: { readonly certificateBody: string; readonly privateKey: string; readonly certificateChain?: string },
  now: number,
): ParsedServerCertificate {
  const leaf = parseCertificateBody(input.certificateBody)
  const key = parsePrivateKey(input.privateKey)
  if (!leaf.checkPrivateKey(key)) {
    throw new SandboxError('KeyPairMismatch', "Public key certificate and private key doesn't match")
  }
  const validity = validityOf(leaf)
  if (now < validity.notBefore || now > validity.notAfter) {
    throw new SandboxError(
      'MalformedCertificate',
      `Certificate is not valid at the time of upload: it is valid from ${leaf.validFrom} to ${leaf.validTo}.`,
    )
  }
  if (input.certificateChain !== undefined) checkChain(leaf, input.certificateChain)
  return validity
}

function checkChain(leaf: X509Certificate, chainText: string): void {
  const blocks = pemBlocks(chainText)
  if (blocks.length === 0) throw new SandboxError('MalformedCertificate', `${BAD_CHAIN}0`)
  let child = leaf
  for (let index = 0; index < blocks.length; index++) {
    const issuer = parseCertificate(blocks[index])
    // IAM reports -1 when the first chain certificate did not sign the leaf.
    if (!issuer || !child.checkIssued(issuer) || !child.verify(issuer.publicKey)) {
      throw new SandboxError('MalformedCertificate', `${BAD_CHAIN}${index - 1}`)
    }
    child = issuer
  }
}
