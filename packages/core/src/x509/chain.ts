import type { KeyObject, X509Certificate } from 'node:crypto'
import { CertDeckError } from '../errors.js'
import type { BundleItems, SourcedCertificate } from './bundle.js'
import { issuedBy, subjectOf } from './facts.js'
import { keyMatchesCertificate, publicKeyDer } from './keys.js'

export { issuedBy }

/** A leaf certificate, its chain ordered up to the root, and its private key when known. */
export interface CertificateBundle {
  readonly leaf: X509Certificate
  /** The leaf's issuer first, up to the root (or the highest certificate given). */
  readonly chain: X509Certificate[]
  readonly key?: KeyObject
}

/**
 * Finds the leaf and orders the chain leaf→root. The leaf is the certificate of the private key
 * (the bundle's, else `options.key`), or without a key the one certificate that names no other as
 * issued by it.
 * Errors: `NO_CERTIFICATE`, `SEVERAL_KEYS`, `KEY_MISMATCH`, `SEVERAL_LEAVES`, `CHAIN_BROKEN`
 * (naming the certificate whose issuer is missing or whose signature does not verify).
 */
export function assembleBundle(items: BundleItems, options: { key?: KeyObject } = {}): CertificateBundle {
  const { certificates } = items
  if (certificates.length === 0) {
    const keyHint = items.keys.length > 0 ? ' Only a private key was found.' : ''
    throw new CertDeckError(
      'NO_CERTIFICATE',
      `No certificate was found in the given files.${keyHint} Give the certificate too: a PEM CERTIFICATE ` +
        `block or a .pfx/.p12 file.`,
    )
  }
  const key = singleKey(items) ?? options.key
  const leaf = key ? leafOfKey(certificates, key, items) : leafWithoutKey(certificates)
  return { leaf: leaf.certificate, chain: orderChain(leaf, certificates), key }
}

function singleKey(items: BundleItems): KeyObject | undefined {
  const [first, ...others] = items.keys
  const different = others.filter((other) => !publicKeyDer(other.key).equals(publicKeyDer(first.key)))
  if (different.length > 0) {
    throw new CertDeckError(
      'SEVERAL_KEYS',
      `Several different private keys were given ` +
        `(${[first, ...different].map((k) => k.source).join(', ')}). Give only the key of the certificate ` +
        `being imported.`,
    )
  }
  return first?.key
}

function leafOfKey(certificates: SourcedCertificate[], key: KeyObject, items: BundleItems): SourcedCertificate {
  const matching = certificates.filter((c) => keyMatchesCertificate(key, c.certificate))
  if (matching.length === 0) {
    const keySource = items.keys[0]?.source ?? 'the private key'
    throw new CertDeckError(
      'KEY_MISMATCH',
      `The private key (${keySource}) belongs to another certificate: it matches none of ` +
        `${describe(certificates)}. Give the key generated with this certificate (or the certificate of this ` +
        `key).`,
    )
  }
  if (matching.length > 1) throw severalLeaves(matching)
  return matching[0]
}

function leafWithoutKey(certificates: SourcedCertificate[]): SourcedCertificate {
  const leaves = certificates.filter(
    (candidate) =>
      // Names alone decide here, so a look-alike issuer still counts as an issuer and the chain
      // check below names the signature that fails.
      !certificates.some((other) => other !== candidate && other.certificate.issuer === candidate.certificate.subject),
  )
  if (leaves.length === 1) return leaves[0]
  if (leaves.length === 0) {
    throw new CertDeckError(
      'CHAIN_BROKEN',
      `The certificates ${describe(certificates)} issue each other in a loop; there is no leaf. Give the ` +
        `leaf certificate and its chain.`,
    )
  }
  throw severalLeaves(leaves)
}

function orderChain(leaf: SourcedCertificate, certificates: SourcedCertificate[]): X509Certificate[] {
  const remaining = certificates.filter((c) => c !== leaf)
  const chain: X509Certificate[] = []
  let current = leaf
  while (!issuedBy(current.certificate, current.certificate)) {
    const issuer = remaining.find((c) => issuedBy(current.certificate, c.certificate))
    if (!issuer) {
      const sameName = remaining.find((c) => c.certificate.subject === current.certificate.issuer)
      if (sameName) {
        throw new CertDeckError(
          'CHAIN_BROKEN',
          `The signature of ${label(current)} does not verify with the key of ${label(sameName)}, although ` +
            `its name matches the issuer. Give the issuer certificate that signed it (a renewed CA may have ` +
            `a new key).`,
        )
      }
      break
    }
    chain.push(issuer.certificate)
    remaining.splice(remaining.indexOf(issuer), 1)
    current = issuer
  }
  if (remaining.length > 0) {
    throw new CertDeckError(
      'CHAIN_BROKEN',
      `The chain does not link: ${label(current)} was issued by ` +
        `'${subjectLike(current.certificate.issuer)}', which is not among the given certificates, so ` +
        `${describe(remaining)} cannot be placed. Give the missing issuer certificate, or leave out ` +
        `certificates of other chains.`,
    )
  }
  return chain
}

function severalLeaves(leaves: SourcedCertificate[]): CertDeckError {
  return new CertDeckError(
    'SEVERAL_LEAVES',
    `Several certificates could be the one to import: ${describe(leaves)}. Import them one at a time, each ` +
      `with its own key and chain.`,
  )
}

function label(c: SourcedCertificate): string {
  return `'${subjectOf(c.certificate)}' (${c.source})`
}

function describe(certificates: SourcedCertificate[]): string {
  return certificates.map(label).join(', ')
}

/** Node prints names one attribute per line; messages want one line. */
function subjectLike(name: string): string {
  return name.split('\n').join(', ')
}
