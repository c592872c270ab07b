import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { homesForEachTest, json } from './cli-harness.js'

vi.setConfig({ testTimeout: 180_000 })

const home = homesForEachTest()

describe('plugins named in config.json', () => {
  it('a plugin that cannot be loaded is named on stderr and the command still works', async () => {
    const local = await home({ init: true })
    await writeFile(join(local.dataDir, 'config.json'), JSON.stringify({ plugins: ['certdeck-plugin-not-installed'] }))

    const run = await local.run(['dns', 'list', '--json'])

    expect(run.code).toBe(0)
    expect(json(run)).toEqual([])
    expect(run.stderr).toMatch(/^certdeck: plugin certdeck-plugin-not-installed was not loaded: .+/m)
  })

  it('certs list, which reads only the local repository, runs no plugin code; dns list does', async () => {
    const local = await home({ init: true })
    // A configured plugin whose module, when imported, leaves a mark.
    const mark = join(local.root, 'plugin-ran')
    const pkg = join(local.dataDir, 'node_modules', 'certdeck-plugin-mark')
    await mkdir(pkg, { recursive: true })
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'certdeck-plugin-mark', type: 'module' }))
    await writeFile(
      join(pkg, 'index.js'),
      `import { appendFileSync } from 'node:fs'\nappendFileSync(${JSON.stringify(mark)}, 'x')\n` +
        `export default () => ({ name: 'test:mark', register() {} })\n`,
    )
    await writeFile(join(local.dataDir, 'config.json'), JSON.stringify({ plugins: ['certdeck-plugin-mark'] }))

    const list = await local.run(['certs', 'list', '--json'])
    expect(list.code, list.stderr).toBe(0)
    expect(json(list)).toEqual([])
    expect(existsSync(mark)).toBe(false)

    const dns = await local.run(['dns', 'list', '--json'])
    expect(dns.code, dns.stderr).toBe(0)
    expect(existsSync(mark)).toBe(true)
  })
})
