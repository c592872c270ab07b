import type { KeyObject } from 'node:crypto'

/** ACM's key algorithm names. */
export type KeyAlgorithm =
  | 'RSA_1024'
  | 'RSA_2048'
  | 'RSA_3072'
  | 'RSA_4096'
  | 'EC_prime256v1'
  | 'EC_secp384r1'
  | 'EC_secp521r1'

/** Every key algorithm ACM knows, in the order AWS documents them. */
export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
]

/** The ACM name of a key, or undefined for a key ACM does not take (Ed25519, RSA 8192…). */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm | undefined {
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'rsa') {
    const name = `RSA_${details.modulusLength}`
    return (KEY_ALGORITHMS as readonly string[]).includes(name) ? (name as KeyAlgorithm) : undefined
  }
  if (key.asymmetricKeyType === 'ec') {
    const name = `EC_${details.namedCurve}`
    return (KEY_ALGORITHMS as readonly string[]).includes(name) ? (name as KeyAlgorithm) : undefined
  }
  return undefined
}

/** Options for node:crypto `generateKeyPair` producing a key of `algorithm`. */
export function keyGenParams(
  algorithm: KeyAlgorithm,
): { type: 'rsa'; modulusLength: number } | { type: 'ec'; namedCurve: string } {
  if (algorithm.startsWith('RSA_')) return { type: 'rsa', modulusLength: Number(algorithm.slice(4)) }
  return { type: 'ec', namedCurve: algorithm.slice(3) }
}
