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
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === 'aes-256-gcm'
}

/** What a sealed secret is for; part of its binding. */
export type SealPurpose =
  | 'private-key'
  | 'pending-key'
  | 'credential-secret'
  | 'credential-token'
  | 'vault-check'
  | 'notify-secret'

/**
 * The record a secret is sealed for. The vault authenticates it as AES-GCM associated data
 * (`certdeck:v2:<purpose>:<recordId>`), so a sealed value copied into another record, or into
 * another field, fails to open. `recordId`: a private key's public key hash (SPKI SHA-256 hex:
 * certificate versions and pending keys), a credential's id, the vault salt.
 */
export interface SealBinding {
  readonly purpose: SealPurpose
  readonly recordId: string
}

/** A {@link SealBinding}; the record id must not be empty. */
export function sealBinding(purpose: SealPurpose, recordId: string): SealBinding {
  if (!recordId) throw new Error(`a ${purpose} seal needs the id of its record`)
  return { purpose, recordId }
}

/** The AES-GCM associated data of a binding. */
export function associatedData(binding: SealBinding): Buffer {
  return Buffer.from(`certdeck:v2:${binding.purpose}:${binding.recordId}`, 'utf8')
}
