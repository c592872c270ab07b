import type { StoreData } from '../domain/store-data.js'
import type { AesGcmVault } from './aes-gcm-vault.js'
import { resealRecords } from './sealed-fields.js'
import { rebindHeaderCheck } from './vault-header.js'

/** The first schema whose seals are bound to their records. */
export const BOUND_SEALS_SCHEMA = 2

/**
 * Binds every seal of a schema-1 document to its record, in place: each secret is opened
 * without a binding and sealed again with its record's, the header's check value too. Runs in
 * the store update that commits the migration, after the backup, so either the whole
 * repository is bound or nothing is written. Returns how many secrets were bound.
 */
export function bindLegacySeals(data: StoreData, vault: AesGcmVault): number {
  const bound = resealRecords(data, (secret, binding) => {
    const plain = vault.openUnbound(secret)
    try {
      return vault.seal(plain, binding)
    } finally {
      plain.fill(0)
    }
  })
  if (data.vault) data.vault = rebindHeaderCheck(data.vault, vault)
  return bound
}
