import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { homesForEachTest, json } from './cli-harness.js'

vi.setConfig({ testTimeout: 180_000 })

const home = homesForEachTest()

describe('plugins named in config.json', () => {
  it('a plugin that cannot be loaded is named on stderr and the command still works', async () => {
    const local = await home({ init: true })
    await writeFile(join(local.dataDir, 'config.json'), JSON.stringify({ plugins: ['certdeck-plugin-not-installed'] }))

    const run = await local.run(['certs', 'list', '--json'])

    expect(run.code).toBe(0)
    expect(json(run)).toEqual([])
    expect(run.stderr).toMatch(/^certdeck: plugin certdeck-plugin-not-installed was not loaded: .+/m)
  })
})
