import type { CertificateVersion } from '../domain/certificate.js'
import { type SealBinding, type SealedSecret, isSealedSecret } from '../domain/sealed-secret.js'
import type { StoreData } from '../domain/store-data.js'
import { CertDeckError } from '../errors.js'
import { credentialBinding, notifySecretBinding, pendingKeyBinding, privateKeyBinding } from './seal-bindings.js'

/** Gives a sealed secret of `binding`'s record its replacement. */
export type Reseal = (secret: SealedSecret, binding: SealBinding) => SealedSecret

function countSealed(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0
  if (isSealedSecret(node)) return 1
  return Object.values(node).reduce<number>((sum, child) => sum + countSealed(child), 0)
}

function withKey<T extends Pick<CertificateVersion, 'privateKey' | 'publicKeySha256' | 'pem'>>(
  version: T,
  reseal: Reseal,
): T {
  return version.privateKey
    ? { ...version, privateKey: reseal(version.privateKey, privateKeyBinding(version)) }
    : version
}

/**
 * Replaces every sealed secret of the document (the vault header's check aside) by
 * `reseal(secret, binding)`: private keys of certificate versions, pending keys, credential
 * secrets and tokens, notification channel secrets. A sealed secret anywhere else is a bug this
 * refuses (nothing is changed), so that no secret is left under an old key or without a binding. Returns how many were
 * replaced. Throws whatever `reseal` throws, before `data` is changed.
 */
export function resealRecords(data: StoreData, reseal: Reseal): number {
  const { vault: _header, ...records } = data
  let count = 0
  const counted: Reseal = (secret, binding) => {
    count++
    return reseal(secret, binding)
  }
  const certificates = data.certificates.map((c) => ({
    ...withKey(c, counted),
    versions: c.versions.map((v) => withKey(v, counted)),
  }))
  const pendingKeys = data.pendingKeys.map((p) => ({ ...p, privateKey: counted(p.privateKey, pendingKeyBinding(p)) }))
  const credentials = data.credentials.map((c) => ({
    ...c,
    ...(c.secretAccessKey
      ? { secretAccessKey: counted(c.secretAccessKey, credentialBinding('secretAccessKey', c.id)) }
      : {}),
    ...(c.sessionToken ? { sessionToken: counted(c.sessionToken, credentialBinding('sessionToken', c.id)) } : {}),
  }))
  const notificationChannels = (data.notificationChannels ?? []).map((c) => ({
    ...c,
    ...(c.email?.password
      ? { email: { ...c.email, password: counted(c.email.password, notifySecretBinding(c.id)) } }
      : {}),
    ...(c.webhook?.secret
      ? { webhook: { ...c.webhook, secret: counted(c.webhook.secret, notifySecretBinding(c.id)) } }
      : {}),
  }))
  const everywhere = countSealed(records)
  if (everywhere !== count) {
    throw new CertDeckError(
      'VAULT_UNKNOWN_SECRET',
      `The repository holds ${everywhere - count} sealed secret(s) in a place this CertDeck does not know; ` +
        `nothing was changed. ` +
        'Upgrade CertDeck, or restore certdeck.json from a backup.',
      { kind: 'failure' },
    )
  }
  Object.assign(data, { certificates, pendingKeys, credentials, notificationChannels })
  return count
}
