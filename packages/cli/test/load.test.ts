import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BIN, homesForEachTest, requireBuiltBin } from './cli-harness.js'

const RECORDER = fileURLToPath(new URL('./fixtures/record-imports.mjs', import.meta.url))
const newHome = homesForEachTest({ init: true })

/**
 * The packages the built bin resolves for `args`: the workspace's, and the heavy ones a command
 * should load only when it uses them (Ink, React, the AWS SDK, the X.509 libraries, nodemailer for
 * email notifications, prom-client and the OpenTelemetry API it pulls in for `watch --metrics`),
 * and `node:http` imported as an ES module (its face loads Node's whole fetch implementation).
 */
async function packagesLoadedBy(args: readonly string[]): Promise<string[]> {
  requireBuiltBin()
  const home = await newHome()
  const record = join(home.root, 'imports.txt')
  const run = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home.root,
      CERTDECK_HOME: home.dataDir,
      CERTDECK_PASSPHRASE: home.passphrase,
      RECORD_IMPORTS_TO: record,
    },
    encoding: 'utf8',
  })
  expect(run.status, run.stderr).toBe(0)
  const urls = readFileSync(record, 'utf8').split('\n')
  const names = urls.flatMap((url) => {
    if (url === 'node:http') return [url]
    // A workspace package counts by its entry points (core's small `text` face is not core).
    if (/\/packages\/cli\/dist\//.test(url)) return ['@certdeck/cli']
    const workspace = /\/packages\/([\w-]+)\/dist\/(?:([\w-]+)\/)?index\.js$/.exec(url)
    if (workspace) return [`@certdeck/${workspace[1]}${workspace[2] ? `/${workspace[2]}` : ''}`]
    const dependency = /\/node_modules\/((?:@[\w-]+\/)?[\w.-]+)\//.exec(
      url.replace(/.*\/node_modules\/\.pnpm\/[^/]+/, ''),
    )
    return dependency &&
      /^(ink|react|@aws-sdk\/.*|@peculiar\/x509|node-forge|nodemailer|prom-client|@opentelemetry\/api)$/.test(
        dependency[1],
      )
      ? [dependency[1]]
      : []
  })
  return [...new Set(names)].sort()
}

describe('each command loads only what it uses', () => {
  it('--help and --version load only the text face of core, not core itself, the plugins, the sandbox, Ink, React or the AWS SDK', async () => {
    expect(await packagesLoadedBy(['--help'])).toEqual(['@certdeck/cli', '@certdeck/core/text'])
    expect(await packagesLoadedBy(['--version'])).toEqual(['@certdeck/cli', '@certdeck/core/text'])
  })

  it('certs list loads core only: no plugin, X.509, mail, metrics, HTTP, sandbox, Ink, React or AWS SDK', async () => {
    expect(await packagesLoadedBy(['certs', 'list'])).toEqual([
      '@certdeck/cli',
      '@certdeck/core',
      '@certdeck/core/text',
    ])
  })

  it('audit, which reads only the local audit log, loads core only', async () => {
    expect(await packagesLoadedBy(['audit'])).toEqual(['@certdeck/cli', '@certdeck/core', '@certdeck/core/text'])
  })
})
