import type { RequestKeyAlgorithm, RevocationReason } from '@certdeck/core'

// Core holds these lists too (REVOCATION_REASONS, REQUEST_KEY_ALGORITHMS), but the commands
// declare their options before core is loaded (`--help` never loads it). Each is written as a
// record over core's type, so the compiler refuses a list that misses or invents a value.

const REASONS: Record<RevocationReason, true> = {
  UNSPECIFIED: true,
  KEY_COMPROMISE: true,
  CERTIFICATE_AUTHORITY_COMPROMISE: true,
  AFFILIATION_CHANGED: true,
  SUPERSEDED: true,
  CESSATION_OF_OPERATION: true,
  PRIVILEGE_WITHDRAWN: true,
  A_A_COMPROMISE: true,
}

const KEY_ALGORITHMS: Record<RequestKeyAlgorithm, true> = {
  RSA_2048: true,
  EC_prime256v1: true,
  EC_secp384r1: true,
}

/** `revoke --reason` values: ACM Private CA's revocation reasons. */
export const REVOCATION_REASON_CHOICES = Object.keys(REASONS) as RevocationReason[]

/** `request public|private --key-algorithm` values: the keys ACM generates. */
export const REQUEST_KEY_ALGORITHM_CHOICES = Object.keys(KEY_ALGORITHMS) as RequestKeyAlgorithm[]
