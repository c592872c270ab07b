import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initCertDeck, openCertDeck } from '@certdeck/core'
import { rejection } from '@certdeck/core/testing'
import { FileStore } from '../src/store/file-store.js'
import { checkScryptCost } from '../src/vault/kdf-bounds.js'

const PASS = 'kdf bounds master passphrase'
let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-kdf-bounds-'))
  await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

/** Rewrites the repository's vault header with other scrypt parameters, as an edit of the file would. */
async function headerAsks(params: { N: number; r: number; p: number }): Promise<void> {
  const store = await FileStore.open(dataDir)
  await store.update((data) => {
    if (data.vault) data.vault = { ...data.vault, ...params }
  })
}

describe('a vault header asking for an unreasonable scrypt cost', () => {
  it.each([
    ['16 GiB and 32,768 times the work', { N: 2 ** 22, r: 32, p: 16 }],
    ['2 GiB of memory', { N: 2 ** 21, r: 8, p: 1 }],
    ['128 times the default work', { N: 2 ** 19, r: 8, p: 16 }],
  ])('asking for %s is refused at once as damaged or tampered, with the recovery step', async (_, params) => {
    await headerAsks(params)
    const error = await rejection(openCertDeck({ dataDir, passphrase: PASS }))
    expect(error).toMatchObject({ code: 'VAULT_HEADER_INVALID', kind: 'failure' })
    expect(error.message).toContain(`scrypt N=${params.N}, r=${params.r}, p=${params.p}`)
    expect(error.message).toContain('damaged or tampered with')
    expect(error.message).toContain('Restore certdeck.json from a backup')
  })
})

describe('checkScryptCost', () => {
  it('accepts up to 1 GiB and 64 times the default work, and refuses beyond', () => {
    expect(() => checkScryptCost({ N: 2 ** 16, r: 8, p: 1 }, 'header')).not.toThrow()
    expect(() => checkScryptCost({ N: 2 ** 20, r: 8, p: 1 }, 'header')).not.toThrow()
    expect(() => checkScryptCost({ N: 2 ** 18, r: 8, p: 16 }, 'header')).not.toThrow()
    expect(() => checkScryptCost({ N: 2 ** 20, r: 16, p: 1 }, 'header')).toThrow(/2\.0 GiB of memory/)
    expect(() => checkScryptCost({ N: 2 ** 19, r: 8, p: 16 }, 'options')).toThrow(
      expect.objectContaining({ code: 'VAULT_HEADER_INVALID', kind: 'input' }),
    )
  })
})
