import { CertDeckError } from '../errors.js'

/** The most memory a vault header may ask scrypt for: 1 GiB (scrypt uses 128 × N × r bytes). */
export const MAX_SCRYPT_MEMORY_BYTES = 1024 ** 3

/**
 * The most work (N × r × p) a vault header may ask for: 64 times CertDeck's default
 * (N = 2^16, r = 8, p = 1), the strongest cost it writes, which unlocks in about 0.2 s.
 */
export const MAX_SCRYPT_WORK = 64 * 2 ** 16 * 8

/**
 * Refuses, before any key derivation, scrypt parameters asking for more than 1 GiB of memory or
 * far more work than CertDeck itself writes (`VAULT_HEADER_INVALID`): a header like that was
 * damaged or tampered with, and deriving from it would take gigabytes or minutes per unlock.
 * `from` says where the parameters came from, for the message.
 */
export function checkScryptCost(params: { N: number; r: number; p: number }, from: 'header' | 'options'): void {
  const memory = 128 * params.N * params.r
  const work = params.N * params.r * params.p
  if (memory <= MAX_SCRYPT_MEMORY_BYTES && work <= MAX_SCRYPT_WORK) return
  const asked =
    `scrypt N=${params.N}, r=${params.r}, p=${params.p}: ${(memory / 1024 ** 3).toFixed(1)} GiB of memory ` +
    `(at most 1 GiB) and ${Math.round(work / (2 ** 16 * 8))} times the work of CertDeck's default (at most 64)`
  throw new CertDeckError(
    'VAULT_HEADER_INVALID',
    from === 'header'
      ? `The vault header asks for ${asked}. CertDeck never writes such a header: the repository file was damaged or ` +
          'tampered with, and nothing was derived from it. Restore certdeck.json from a backup (the ' +
          'certdeck.json.bak-* files beside it, or your own), then unlock again.'
      : `The vault cost asked for is too high: ${asked}. Choose a lower cost.`,
    { kind: from === 'header' ? 'failure' : 'input' },
  )
}
