import { describe, expect, it } from 'vitest'
import { SCHEMA_VERSION, emptyStoreData } from '../domain/store-data.js'
import { MemoryVault } from '../testing/memory-vault.js'
import { notifySecretBinding } from '../vault/seal-bindings.js'
import { resealRecords } from '../vault/sealed-fields.js'
import { migrateDocument } from './migrations.js'

describe('automation collections in the repository document', () => {
  it('a schema 2 document gains empty automation collections, keeping the rest', () => {
    const { notificationChannels: _a, notificationRules: _b, notificationsSent: _c, ...rest } = emptyStoreData()
    const { notificationLog: _d, watchSettings: _e, watchRuns: _f, ...v2 } = rest
    const migrated = migrateDocument({ ...v2, schemaVersion: 2, certificates: [{ id: 'kept' }] })
    expect(migrated).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      certificates: [{ id: 'kept' }],
      notificationChannels: [],
      notificationRules: [],
      notificationsSent: [],
      notificationLog: [],
      watchSettings: [],
      watchRuns: [],
    })
  })

  it('a passphrase change re-seals channel secrets under their channel binding', () => {
    const before = new MemoryVault()
    const after = new MemoryVault()
    const data = emptyStoreData()
    data.notificationChannels.push({
      id: 'ch1',
      name: 'hook',
      kind: 'webhook',
      createdAt: '2030-01-01T00:00:00Z',
      webhook: {
        url: 'https://h.example.test/',
        format: 'json',
        secret: before.seal('s3cret', notifySecretBinding('ch1')),
      },
    })
    const count = resealRecords(data, (secret, binding) => after.seal(before.open(secret, binding), binding))
    expect(count).toBe(1)
    const sealed = data.notificationChannels[0]?.webhook?.secret
    expect(sealed && after.open(sealed, notifySecretBinding('ch1')).toString()).toBe('s3cret')
  })
})
