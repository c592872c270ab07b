import { X509Certificate } from 'node:crypto'
import { type SealBinding, sealBinding } from '../domain/sealed-secret.js'
import { publicKeySha256 } from '../x509/keys.js'

/**
 * The binding of a private key held by a certificate version (or a body about to become one):
 * the hash of the public key read from the certificate's own PEM, never the record's stored
 * `publicKeySha256` (an edit of the file could move that along with the key). A key carried
 * over to a renewal with the same key keeps opening; a key moved to a certificate of another
 * key does not.
 */
export function privateKeyBinding(holder: { readonly pem: string }): SealBinding {
  return sealBinding('private-key', publicKeySha256(new X509Certificate(holder.pem)))
}

/** The binding of the key of a pending CSR. */
export function pendingKeyBinding(pending: { readonly publicKeySha256: string }): SealBinding {
  return sealBinding('pending-key', pending.publicKeySha256)
}

/** The binding of a credential's secret access key or session token. */
export function credentialBinding(field: 'secretAccessKey' | 'sessionToken', credentialId: string): SealBinding {
  return sealBinding(field === 'secretAccessKey' ? 'credential-secret' : 'credential-token', credentialId)
}

/** The binding of a notification channel's SMTP password or webhook signing secret. */
export function notifySecretBinding(channelId: string): SealBinding {
  return sealBinding('notify-secret', channelId)
}

/** The binding of the vault header's check value. */
export function vaultCheckBinding(salt: string): SealBinding {
  return sealBinding('vault-check', salt)
}

/** Words for a binding in messages; no secret. */
export function describeBinding(binding: SealBinding): string {
  switch (binding.purpose) {
    case 'private-key':
      return `the private key of the certificate with public key ${binding.recordId.slice(0, 16)}…`
    case 'pending-key':
      return `the key of the pending CSR with public key ${binding.recordId.slice(0, 16)}…`
    case 'credential-secret':
      return `the secret access key of credential ${binding.recordId}`
    case 'credential-token':
      return `the session token of credential ${binding.recordId}`
    case 'notify-secret':
      return `the secret of notification channel ${binding.recordId}`
    case 'vault-check':
      return 'the check value of the vault header'
  }
}
