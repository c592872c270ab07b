import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { Command } from 'commander'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initCertDeck, openCertDeck, type CertDeckPlugin } from '@certdeck/core'
import { registerExpiringCommands } from '../src/commands/expiring.js'
import type { CommandContext } from '../src/context.js'

const PASS = 'unavailable master passphrase'
const broken: CertDeckPlugin = {
  name: 'certdeck:acm',
  register: () => {
    throw new Error('the AWS SDK is missing')
  },
}

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-cli-unavailable-'))
  await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/** Runs `expiring` in-process against a repository whose cloud plugin failed to register. */
async function expiring(args: string[]) {
  let stdout = ''
  let stderr = ''
  const deck = openCertDeck({ dataDir, passphrase: PASS, plugins: [broken] })
  const ctx = {
    io: {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: new PassThrough(),
      env: {},
      stdoutIsTty: false,
    },
    openDeck: () => deck,
    exitCode: 0,
  } as unknown as CommandContext
  const program = new Command('certdeck').exitOverride()
  registerExpiringCommands(program, ctx)
  await program.parseAsync(['expiring', ...args], { from: 'user' })
  return { code: ctx.exitCode, stdout, stderr }
}

describe('expiring when the cloud plugin failed to load', () => {
  it('says on stderr that cloud certificates were not checked, and exits 1', async () => {
    const run = await expiring([])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('certdeck: cloud certificates were not checked:')
    expect(run.stderr).toContain('certdeck:acm (register failed: the AWS SDK is missing)')
    expect(run.stdout).toContain('No repository certificate expires within 30 days.')
  })

  it('keeps the JSON shape, the repository part intact', async () => {
    const run = await expiring(['--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toEqual({ certificates: [], cloud: [] })
    expect(run.stderr).toContain('were not checked')
  })
})
