import { type KeyObject, createSecretKey, randomBytes, scrypt } from 'node:crypto'
import type { VaultHeader } from '../domain/store-data.js'
import { CertDeckError } from '../errors.js'
import { checkScryptCost } from './kdf-bounds.js'

/** scrypt cost parameters. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number
  /** Block size. */
  readonly r: number
  /** Parallelism. */
  readonly p: number
}

/**
 * Default cost: N = 2^16, r = 8, p = 1 (64 MiB). Unlocking takes about 0.2 s on a small
 * 2-core machine: slow enough to make guessing costly, quick enough for every CLI command.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 1 }

/** Cheapest cost accepted from a file or an option (tests use it for speed). */
export const MIN_SCRYPT_N = 2 ** 10

function checkParams(params: ScryptParams): void {
  const { N, r, p } = params
  const powerOfTwo = Number.isInteger(N) && N >= MIN_SCRYPT_N && N <= 2 ** 22 && (N & (N - 1)) === 0
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) {
    throw new CertDeckError(
      'VAULT_HEADER_INVALID',
      `The vault's scrypt parameters (N=${N}, r=${r}, p=${p}) are out of range: N must be a power of two ` +
        `from ${MIN_SCRYPT_N} to 4194304, r 1–32, p 1–16. The repository file was edited or damaged; ` +
        `restore it from a backup.`,
      { kind: 'failure' },
    )
  }
}

/** Derives the 256-bit vault key from a passphrase (async: runs off the main thread). */
export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<KeyObject> {
  checkParams(params)
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { ...params, maxmem: 256 * params.N * params.r + (1 << 20) },
      (error, key) => {
        if (error) reject(error)
        else resolve(createSecretKey(key))
      },
    )
  })
}

/** A new random salt. */
export function newSalt(): Buffer {
  return randomBytes(16)
}

/** The scrypt parameters of a header, validated. */
export function headerParams(header: VaultHeader): ScryptParams {
  const params = { N: header.N, r: header.r, p: header.p }
  checkParams(params)
  checkScryptCost(params, 'header')
  if (header.kdf !== 'scrypt' || typeof header.salt !== 'string' || Buffer.from(header.salt, 'base64').length < 16) {
    throw new CertDeckError(
      'VAULT_HEADER_INVALID',
      'The vault header of the repository is damaged (unknown key derivation or a short salt). Restore ' +
        'certdeck.json from a backup.',
      { kind: 'failure' },
    )
  }
  return params
}
