import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DnsProviderType } from './dns-provider.js'
import { loadPlugins } from './loader.js'
import type { CertDeckPlugin } from './plugin.js'

const dns = (id: string): DnsProviderType => ({
  id,
  label: id,
  credential: 'none',
  settings: [],
  create: () => ({ listZones: async () => [], upsertRecords: async () => ({}), deleteRecords: async () => undefined }),
})

let dir: string
async function pkg(name: string, source: string, manifest: Record<string, unknown> = { type: 'module', exports: { '.': { import: './main.js' } } }) {
  const root = join(dir, 'node_modules', name)
  await mkdir(root, { recursive: true })
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }))
  await writeFile(join(root, 'main.js'), source)
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-plugins-'))
  await pkg(
    'certdeck-plugin-good',
    `export default function good() {
       return { name: 'acme:good', register(registry) {
         registry.dnsProvider({ id: 'good-dns', label: 'Good', credential: 'none', settings: [], create: () => ({ listZones: async () => [], upsertRecords: async () => ({}), deleteRecords: async () => {} }) })
       } }
     }`,
  )
  await pkg('@acme/certdeck-plugin-broken', `throw new Error('syntax of the universe is off')`)
  await pkg('certdeck-plugin-nofactory', `export default 42`)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadPlugins', () => {
  it('registers working plugins and reports each failing one with its name and cause', async () => {
    const failing: CertDeckPlugin = {
      name: 'acme:failing',
      register(registry) {
        registry.dnsProvider(dns('half-done'))
        throw new Error('cannot read options')
      },
    }
    const working: CertDeckPlugin = { name: 'acme:working', register: (registry) => registry.dnsProvider(dns('working-dns')) }
    const plugins = await loadPlugins({
      plugins: [failing, working],
      packages: ['certdeck-plugin-good', '@acme/certdeck-plugin-broken', 'certdeck-plugin-nofactory', 'certdeck-plugin-absent', 'left-pad'],
      resolveFrom: [dir],
    })
    expect(plugins.status.loaded).toEqual(['acme:working', 'acme:good'])
    expect(plugins.dnsProviders().map((p) => p.id)).toEqual(['working-dns', 'good-dns'])
    expect(plugins.dnsProvider('half-done')).toBeUndefined()
    const failed = Object.fromEntries(plugins.status.failed.map((f) => [f.name, f.error]))
    expect(Object.keys(failed)).toEqual([
      'acme:failing',
      '@acme/certdeck-plugin-broken',
      'certdeck-plugin-nofactory',
      'certdeck-plugin-absent',
      'left-pad',
    ])
    expect(failed['acme:failing']).toContain('cannot read options')
    expect(failed['@acme/certdeck-plugin-broken']).toContain('syntax of the universe is off')
    expect(failed['certdeck-plugin-nofactory']).toContain('not a plugin factory')
    expect(failed['certdeck-plugin-absent']).toContain('not installed')
    expect(failed['left-pad']).toContain('certdeck-plugin-<name>')
  })

  it('refuses a second provider with the same id, naming both plugins', async () => {
    const first: CertDeckPlugin = { name: 'acme:first', register: (r) => r.dnsProvider(dns('route53')) }
    const second: CertDeckPlugin = { name: 'acme:second', register: (r) => r.dnsProvider(dns('route53')) }
    const plugins = await loadPlugins({ plugins: [first, second, { name: 'not-a-plugin' }] })
    expect(plugins.status.loaded).toEqual(['acme:first'])
    expect(plugins.status.failed[0]).toMatchObject({ name: 'acme:second' })
    expect(plugins.status.failed[0].error).toMatch(/"route53".*acme:first/)
    expect(plugins.status.failed[1]).toMatchObject({ name: 'plugin #3', error: expect.stringContaining('not a CertDeck plugin') })
  })
})
