/**
 * A secret sealed by the vault with AES-256-GCM. Every field is base64. The marker field lets the
 * vault find and re-seal every secret in the store without knowing where each one lives.
 */
export interface SealedSecret {
  readonly sealed: 'aes-256-gcm'
  readonly iv: string
  readonly tag: string
  readonly data: string
}

/** True when `value` has the shape of a {@link SealedSecret}. */
export function isSealedSecret(value: unknown): value is SealedSecret {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { sealed?: unknown }).sealed === 'aes-256-gcm'
  )
}
