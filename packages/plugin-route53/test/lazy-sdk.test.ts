import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const CHILD = fileURLToPath(new URL('./fixtures/sdk-loading.mjs', import.meta.url))

describe('the AWS SDK is loaded on a provider’s first call', () => {
  it(
    'resolves no @aws-sdk package when the plugin registers and creates a provider, only when Route 53 is ' + 'asked',
    () => {
      if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run pnpm build first (pnpm test does).`)
      const child = spawnSync(process.execPath, [CHILD, DIST], { encoding: 'utf8', timeout: 60_000 })
      expect(child.status, child.stderr).toBe(0)
      const report = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
        beforeCall: string[]
        afterCall: string[]
        outcome: string
      }
      expect(report.beforeCall).toEqual([])
      expect(report.afterCall).toContain('@aws-sdk/client-route-53')
      // The endpoint refuses connections: the call fails as the plugin's plain-words error.
      expect(report.outcome).toBe('AWS_UNREACHABLE')
    },
  )
})
