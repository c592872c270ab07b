import { generateKeyPair, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { keyGenParams, type KeyAlgorithm } from './key-algorithm.js'

const generate = promisify(generateKeyPair)

/** A generated key pair with its encodings cached. */
export interface PooledKey {
  readonly algorithm: KeyAlgorithm
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Buffer
  /** Unencrypted PKCS#8 PEM. */
  readonly pkcs8Pem: string
}

/** Generates a fresh key pair of `algorithm` without blocking the event loop. */
export async function generateKey(algorithm: KeyAlgorithm): Promise<PooledKey> {
  const params = keyGenParams(algorithm)
  const { privateKey, publicKey } =
    params.type === 'rsa'
      ? await generate('rsa', { modulusLength: params.modulusLength })
      : await generate('ec', { namedCurve: params.namedCurve })
  return {
    algorithm,
    privateKey,
    publicKey,
    spki: publicKey.export({ type: 'spki', format: 'der' }),
    pkcs8Pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

// Process-wide: RSA 4096 keys take seconds to generate, and every sandbox in a test run can share them.
const pool = new Map<KeyAlgorithm, Promise<PooledKey[]>>()

/** Keys per algorithm in the shared pool the seeder signs many certificates with. */
export const POOL_SIZE = 3

/** The shared pool's keys for `algorithm`, generated on first use. */
export function pooledKeys(algorithm: KeyAlgorithm): Promise<PooledKey[]> {
  let keys = pool.get(algorithm)
  if (!keys) {
    keys = Promise.all(Array.from({ length: POOL_SIZE }, () => generateKey(algorithm)))
    pool.set(algorithm, keys)
  }
  return keys
}

/** A stable id for a pooled key, so state that names it survives a restart with a new pool. */
export function pooledKeyId(key: PooledKey): string {
  return `pool-${key.algorithm}-${key.spki.subarray(-8).toString('hex')}`
}
