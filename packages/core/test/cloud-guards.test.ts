import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  initCertDeck,
  openCertDeck,
  type CertDeck,
  type CertDeckPlugin,
  type ConnectOptions,
  type ResolvedCredential,
} from '@certdeck/core'
import { FileStore } from '../src/store/file-store.js'

const PASS = 'guarded master passphrase'

/** A cloud provider `aws` that knows two regions and records every session it opens. */
function fakeAws(connects: { credential: ResolvedCredential; options?: ConnectOptions }[]): CertDeckPlugin {
  return {
    name: 'test:aws',
    register(registry) {
      registry.cloudProvider({
        id: 'aws',
        regions: ['us-east-1', 'eu-west-1'],
        connect(credential, options) {
          connects.push({ credential, options })
          return {
            stores: [
              {
                kind: 'acm',
                scope: 'regional',
                list: async () => [],
                get: async () => {
                  throw new Error('no body')
                },
              },
            ],
            test: async () => ({}),
          }
        },
      })
    },
  }
}

let dataDir: string
let deck: CertDeck
let connects: { credential: ResolvedCredential; options?: ConnectOptions }[]
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-guards-'))
  await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
  await writeFile(join(dataDir, 'config.json'), JSON.stringify({ timeouts: { requestMs: 1500 } }))
  connects = []
  deck = await openCertDeck({ dataDir, passphrase: PASS, plugins: [fakeAws(connects)] })
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const add = (name: string, extra: Record<string, unknown> = {}) =>
  deck.credentials.add({
    name,
    kind: 'static',
    accessKeyId: 'AKIAEXAMPLEKEY01',
    secretAccessKey: 'not-a-real-secret',
    ...extra,
  })

describe('region names are checked against the provider', () => {
  it('discover refuses a region the provider does not list, naming the valid ones, and scans nothing', async () => {
    await add('prod')
    await expect(deck.cloud.discover({ regions: ['eu-west-99'] })).rejects.toMatchObject({
      code: 'REGION_UNKNOWN',
      message: expect.stringContaining('us-east-1, eu-west-1'),
    })
    expect(connects).toHaveLength(0)
  })

  it('allowUnknownRegion lets a new region through', async () => {
    await add('prod')
    const summary = await deck.cloud.discover({ regions: ['eu-west-99'], iam: false, allowUnknownRegion: true })
    expect(summary.failedRegions).toEqual([])
    expect(connects).toHaveLength(1)
  })

  it('deploy and a credential default region go through the same check', async () => {
    await expect(add('eu', { defaultRegion: 'eu-west-99' })).rejects.toMatchObject({ code: 'REGION_UNKNOWN' })
    await expect(add('eu', { defaultRegion: 'eu-west-99', allowUnknownRegion: true })).resolves.toMatchObject({
      defaultRegion: 'eu-west-99',
    })
    await expect(
      deck.deployments.deploy({ certificates: ['abc'], credential: 'eu', regions: ['us-east-7'] }),
    ).rejects.toMatchObject({ code: 'REGION_UNKNOWN' })
  })
})

describe('credential endpoints', () => {
  it('refuses to add plain http to another host', async () => {
    await expect(add('lan', { endpoint: 'http://192.168.1.20:4566' })).rejects.toMatchObject({
      code: 'ENDPOINT_INSECURE',
    })
    expect(await deck.credentials.list()).toEqual([])
  })

  it('refuses to open a session for a stored plain-http endpoint to another host, before any connection', async () => {
    await add('legacy', { endpoint: 'http://127.0.0.1:4566' })
    const store = await FileStore.open(dataDir)
    await store.update((data) => {
      data.credentials = data.credentials.map((c) => ({ ...c, endpoint: 'http://acm.lan.example:4566' }))
    })
    await expect(deck.credentials.test('legacy')).rejects.toMatchObject({
      code: 'ENDPOINT_INSECURE',
      message: expect.stringContaining('http://acm.lan.example:4566'),
    })
    expect(connects).toHaveLength(0)
  })

  it('hands the time-outs of config.json to the provider', async () => {
    await add('local', { endpoint: 'http://localhost:4566' })
    await deck.credentials.test('local')
    expect(connects[0].options).toEqual({ timeouts: { requestMs: 1500 } })
  })
})
