import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, requireBuiltBin } from './cli-harness.js'

/** The first `node` on PATH older than 22.13 (machines that ship Node 20 keep it beside Node 24). */
function findOldNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node')
    try {
      accessSync(candidate, constants.X_OK)
      const version = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
      const [major, minor] = version.split('.').map(Number)
      if (major < 22 || (major === 22 && minor < 13)) return candidate
    } catch {
      // not there, or not a Node that runs: try the next directory
    }
  }
  return undefined
}

const oldNode = findOldNode()

describe('the certdeck bin on an old Node', () => {
  beforeAll(() => requireBuiltBin())

  it.skipIf(oldNode === undefined)(
    'refuses to start with one line saying which Node it needs and how to get it',
    () => {
      const run = spawnSync(oldNode ?? 'node', [BIN, 'certs', 'list'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      })
      expect(run.status).toBe(1)
      expect(run.stdout).toBe('')
      const lines = run.stderr.trimEnd().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^certdeck needs Node 22\.13 or later; this is Node (18|20|21|22)\.\d+\.\d+\. Install Node 24/,
      )
    },
  )

  it('starts on the Node running the tests', () => {
    const run = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH } })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
