import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../domain/config.js'
import { loadConfig } from './load-config.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-config-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadConfig', () => {
  it('uses the defaults without a file', async () => {
    expect(await loadConfig(dir)).toEqual(DEFAULT_CONFIG)
  })

  it('reads settings and orders thresholds largest first', async () => {
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ plugins: ['certdeck-plugin-x'], regions: ['eu-west-1'], expiryThresholdsDays: [7, 60] }),
    )
    expect(await loadConfig(dir)).toEqual({
      plugins: ['certdeck-plugin-x'],
      regions: ['eu-west-1'],
      expiryThresholdsDays: [60, 7],
    })
  })

  it('reads the time-outs of cloud calls', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ timeouts: { connectMs: 2000, requestMs: 15000 } }))
    expect((await loadConfig(dir)).timeouts).toEqual({ connectMs: 2000, requestMs: 15000 })
  })

  it('reads the SAN quota of requests', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ sanQuota: 25 }))
    expect((await loadConfig(dir)).sanQuota).toBe(25)
  })

  it.each([
    ['{"plugins": [', 'not valid JSON'],
    ['{"plugin": []}', 'unknown setting "plugin"'],
    ['{"expiryThresholdsDays": [0]}', 'expiryThresholdsDays'],
    ['{"plugins": "certdeck-plugin-x"}', '"plugins" must be a list'],
    ['{"timeouts": {"requestMs": 0}}', '"timeouts" must be an object like { "connectMs": 5000'],
    ['{"timeouts": {"readMs": 1000}}', 'from 100 to 600000'],
    ['{"sanQuota": 101}', '"sanQuota" must be a whole number of names from 1 to 100'],
  ])('names the file and the problem for %s', async (text, problem) => {
    await writeFile(join(dir, 'config.json'), text)
    const error = await loadConfig(dir).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' })
    expect((error as Error).message).toContain(join(dir, 'config.json'))
    expect((error as Error).message).toContain(problem)
  })
})
