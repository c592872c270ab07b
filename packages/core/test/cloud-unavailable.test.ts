import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initCertDeck, openCertDeck, type CertDeckPlugin } from '@certdeck/core'

const PASS = 'unavailable master passphrase'
const broken: CertDeckPlugin = {
  name: 'certdeck:acm',
  register() {
    throw new Error('cannot find module @aws-sdk/client-acm')
  },
}

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-unavailable-'))
  await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('cloud.expiring without a cloud provider', () => {
  it('fails, naming the plugin that did not load, instead of answering "nothing expires"', async () => {
    const deck = await openCertDeck({ dataDir, passphrase: PASS, plugins: [broken] })
    await expect(deck.cloud.expiring(30)).rejects.toMatchObject({
      code: 'CLOUD_UNAVAILABLE',
      kind: 'failure',
      message: expect.stringContaining('certdeck:acm (register failed: cannot find module @aws-sdk/client-acm)'),
    })
  })

  it('answers nothing when no plugin was asked for (a script working offline)', async () => {
    const deck = await openCertDeck({ dataDir, passphrase: PASS })
    expect(await deck.cloud.expiring(30)).toEqual([])
  })
})
