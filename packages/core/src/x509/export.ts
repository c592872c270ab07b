import type { KeyObject } from 'node:crypto'
import { certificatePem } from './facts.js'
import { toPkcs8Pem } from './keys.js'

/** What goes into a PEM bundle. */
export interface PemBundleInput {
  readonly leafPem: string
  /** Leaf's issuer first, up to the root. */
  readonly chainPem?: readonly string[]
  /** Written as an unencrypted PKCS#8 block after the certificates; omitted when absent. */
  readonly key?: KeyObject
}

/** The leaf, its chain in order and optionally the key, as one PEM text (the layout nginx and HAProxy read). */
export function pemBundle(input: PemBundleInput): string {
  const certificates = [input.leafPem, ...(input.chainPem ?? [])].map((pem) => certificatePem(pem))
  return [...certificates, ...(input.key ? [toPkcs8Pem(input.key)] : [])].join('')
}
