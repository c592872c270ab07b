import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
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
let checkout: string
async function pkg(
  name: string,
  source: string,
  manifest: Record<string, unknown> = { type: 'module', exports: { '.': { import: './main.js' } } },
  base = dir,
) {
  const root = join(base, 'node_modules', name)
  await mkdir(root, { recursive: true })
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }))
  await writeFile(join(root, 'main.js'), source)
  return root
}

/** A plugin whose code, if it ever runs, leaves a mark. */
const EVIL = (mark: string) =>
  `globalThis.${mark} = true; export default () => ({ name: 'evil:${mark}', register() {} })`
const ran = (mark: string) => (globalThis as Record<string, unknown>)[mark] === true

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-plugins-'))
  await pkg(
    'certdeck-plugin-good',
    `export default function good() {
       return { name: 'acme:good', register(registry) {
         registry.dnsProvider({ id: 'good-dns', label: 'Good', credential: 'none', settings: [],
           create: () => ({ listZones: async () => [], upsertRecords: async () => ({}),
             deleteRecords: async () => {} }) })
       } }
     }`,
  )
  await pkg('@acme/certdeck-plugin-broken', `throw new Error('syntax of the universe is off')`)
  await pkg('certdeck-plugin-nofactory', `export default 42`)
  // An untrusted checkout the user runs CertDeck in: its node_modules must never be searched.
  checkout = await mkdtemp(join(tmpdir(), 'certdeck-checkout-'))
  await pkg('certdeck-plugin-good', EVIL('fromCheckout'), undefined, checkout)
  await pkg('certdeck-plugin-cwd-only', EVIL('fromCwd'), undefined, checkout)
  // Entries that leave their package: a relative path up, and a symlink out.
  await writeFile(join(dir, 'evil.js'), EVIL('escapedByPath'))
  await pkg('certdeck-plugin-upward', '', { type: 'module', main: '../../evil.js' })
  const linked = await pkg('certdeck-plugin-linked', '', { type: 'module', main: './entry.js' })
  await writeFile(join(checkout, 'outside.js'), EVIL('escapedByLink'))
  await symlink(join(checkout, 'outside.js'), join(linked, 'entry.js'))
  // A package directory that is itself a link into node_modules (pnpm's layout) is fine.
  const store = await pkg(
    '.pnpm/certdeck-plugin-pnpm@1.0.0/node_modules/certdeck-plugin-pnpm',
    `export default () => ({ name: 'acme:pnpm', register() {} })`,
  )
  await symlink(store, join(dir, 'node_modules', 'certdeck-plugin-pnpm'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(checkout, { recursive: true, force: true })
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
    const working: CertDeckPlugin = {
      name: 'acme:working',
      register: (registry) => registry.dnsProvider(dns('working-dns')),
    }
    const plugins = await loadPlugins({
      plugins: [failing, working],
      packages: [
        'certdeck-plugin-good',
        '@acme/certdeck-plugin-broken',
        'certdeck-plugin-nofactory',
        'certdeck-plugin-absent',
        'left-pad',
      ],
      dataDir: dir,
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

  it('looks in the data directory only, never in the current directory or its parents', async () => {
    const cwd = process.cwd()
    process.chdir(checkout)
    try {
      const plugins = await loadPlugins({
        packages: ['certdeck-plugin-good', 'certdeck-plugin-cwd-only'],
        dataDir: dir,
      })
      expect(plugins.status.loaded).toEqual(['acme:good'])
      expect(plugins.status.failed).toEqual([
        {
          name: 'certdeck-plugin-cwd-only',
          error: expect.stringContaining(`not installed in ${join(dir, 'node_modules')}`),
        },
      ])
    } finally {
      process.chdir(cwd)
    }
    expect(ran('fromCheckout') || ran('fromCwd')).toBe(false)
  })

  it('refuses an entry that points outside its package, by path or by symlink, without running it', async () => {
    const plugins = await loadPlugins({ packages: ['certdeck-plugin-upward', 'certdeck-plugin-linked'], dataDir: dir })
    expect(plugins.status.loaded).toEqual([])
    const failed = Object.fromEntries(plugins.status.failed.map((f) => [f.name, f.error]))
    expect(failed['certdeck-plugin-upward']).toMatch(/entry "\.\.\/\.\.\/evil\.js" lies outside its package/)
    expect(failed['certdeck-plugin-linked']).toMatch(/entry "\.\/entry\.js" lies outside its package/)
    expect(ran('escapedByPath') || ran('escapedByLink')).toBe(false)
  })

  it('loads a package given by absolute path, and one linked into node_modules as pnpm does', async () => {
    const plugins = await loadPlugins({
      packages: [join(dir, 'node_modules', 'certdeck-plugin-good'), 'certdeck-plugin-pnpm', 'plugins/relative'],
      dataDir: dir,
    })
    expect(plugins.status.loaded).toEqual(['acme:good', 'acme:pnpm'])
    expect(plugins.status.failed).toEqual([
      { name: 'plugins/relative', error: expect.stringContaining('an absolute path') },
    ])
  })

  it('refuses a second provider with the same id, naming both plugins', async () => {
    const first: CertDeckPlugin = { name: 'acme:first', register: (r) => r.dnsProvider(dns('route53')) }
    const second: CertDeckPlugin = { name: 'acme:second', register: (r) => r.dnsProvider(dns('route53')) }
    const plugins = await loadPlugins({ plugins: [first, second, { name: 'not-a-plugin' }] })
    expect(plugins.status.loaded).toEqual(['acme:first'])
    expect(plugins.status.failed[0]).toMatchObject({ name: 'acme:second' })
    expect(plugins.status.failed[0].error).toMatch(/"route53".*acme:first/)
    expect(plugins.status.failed[1]).toMatchObject({
      name: 'plugin #3',
      error: expect.stringContaining('not a CertDeck plugin'),
    })
  })
})
