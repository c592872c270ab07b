import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { type CliHome, homesForEachTest, json } from './cli-harness.js'

vi.setConfig({ testTimeout: 180_000 })

const home = homesForEachTest()

/**
 * A tiny third-party DNS plugin package, installed in the data dir's node_modules and named in
 * config.json, as a user installs one: type `listdns`, whose zones come from its `zones` setting.
 */
const PLUGIN = `
export default function listDns() {
  return {
    name: 'test:listdns',
    register(registry) {
      registry.dnsProvider({
        id: 'listdns',
        label: 'Zones from a setting',
        credential: 'none',
        settings: [{ key: 'zones', description: 'comma-separated zone names', required: true }],
        create: ({ settings }) => ({
          listZones: async () => settings.zones.split(',').map((name) => ({ id: 'Z-' + name, name, private: false })),
          upsertRecords: async () => ({}),
          deleteRecords: async () => undefined,
        }),
      })
    },
  }
}
`

async function withPlugin(): Promise<CliHome> {
  const local = await home({ init: true })
  const dir = join(local.dataDir, 'node_modules', 'certdeck-plugin-listdns')
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'certdeck-plugin-listdns', type: 'module', main: 'index.js' }),
  )
  await writeFile(join(dir, 'index.js'), PLUGIN)
  await writeFile(join(local.dataDir, 'config.json'), JSON.stringify({ plugins: ['certdeck-plugin-listdns'] }))
  return local
}

describe('certdeck dns', () => {
  it('adds, lists, tests and removes a provider of a plugin loaded through config.json', async () => {
    const local = await withPlugin()
    const types = await local.run(['dns', 'types', '--json'])
    expect(json(types)).toContainEqual({
      id: 'listdns',
      label: 'Zones from a setting',
      credential: 'none',
      settings: [{ key: 'zones', description: 'comma-separated zone names', required: true }],
    })

    const add = await local.run([
      'dns',
      'add',
      'listdns',
      '--name',
      'lab-dns',
      '--setting',
      'zones=example.com,example.org',
      '--zone-id',
      'Z-example.com',
      '--json',
    ])
    expect(add.stderr).toBe('')
    expect(json(add)).toMatchObject({
      providerId: 'listdns',
      name: 'lab-dns',
      settings: { zones: 'example.com,example.org', zoneId: 'Z-example.com' },
    })

    const list = await local.run(['dns', 'list'])
    expect(list.stdout).toBe(
      'NAME     TYPE     CREDENTIAL  SETTINGS\n' +
        'lab-dns  listdns  -           zones=example.com,example.org zoneId=Z-example.com\n',
    )

    const test = await local.run(['dns', 'test', 'lab-dns'])
    expect(test.code).toBe(0)
    expect(test.stdout).toBe(
      'OK: lab-dns lists 2 zone(s).\n' +
        'ZONE         ID             VISIBILITY\n' +
        'example.com  Z-example.com  public\n' +
        'example.org  Z-example.org  public\n',
    )

    const removed = await local.run(['dns', 'remove', 'lab-dns', '--json'])
    expect(json(removed)).toEqual({ name: 'lab-dns', removed: true })
    expect(json(await local.run(['dns', 'list', '--json']))).toEqual([])
  })

  it('an unknown type is bad usage that names the loaded types; so is a missing setting', async () => {
    const local = await withPlugin()
    const unknown = await local.run(['dns', 'add', 'bind9', '--name', 'x', '--json'])
    expect(unknown.code).toBe(2)
    expect(json(unknown)).toMatchObject({ error: { code: 'DNS_TYPE_UNKNOWN' } })
    expect(unknown.stderr).toMatch(
      /^certdeck: "bind9" is not a DNS provider type of the loaded plugins\. Loaded types: [a-z0-9, -]*listdns/m,
    )

    const missing = await local.run(['dns', 'add', 'listdns', '--name', 'x'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('certdeck: A listdns DNS provider needs zones (comma-separated zone names).')
    expect(json(await local.run(['dns', 'list', '--json']))).toEqual([])
  })

  it('testing an unknown provider fails with the known names', async () => {
    const local = await withPlugin()
    await local.run(['dns', 'add', 'listdns', '--name', 'lab-dns', '--setting', 'zones=example.com'])
    const run = await local.run(['dns', 'test', 'prod-dns'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('certdeck: No DNS provider is named "prod-dns". Known: lab-dns.')
  })
})
