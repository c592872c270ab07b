import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { homesForEachTest, json } from './cli-harness.js'

// Each case runs certdeck several times (a few of them as the built bin); on a loaded 2-core machine that takes a
// while.
vi.setConfig({ testTimeout: 180_000 })

const home = homesForEachTest()

interface ErrorJson {
  error: { code: string; message: string }
}

describe('certdeck program', () => {
  it('prints help listing every command, exit 0', async () => {
    const run = await (await home()).run(['--help'])
    expect(run.code).toBe(0)
    for (const command of ['init', 'passphrase', 'certs', 'expiring', 'audit']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
    }
    expect(run.stdout).toContain('--data-dir')
    expect(run.stdout).not.toMatch(/--passphrase </)
  })

  it('prints its version (the built bin starts)', async () => {
    const run = await (await home()).run(['--version'], { subprocess: true })
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('exits 2 on an unknown command, with a JSON error under --json', async () => {
    const h = await home()
    const plain = await h.run(['nope'], { subprocess: true })
    expect(plain.code).toBe(2)
    expect(plain.stderr).toContain("certdeck: unknown command 'nope'")
    expect(plain.stdout).toBe('')
    const asJson = await h.run(['certs', 'list', '--no-such-flag', '--json'])
    expect(asJson.code).toBe(2)
    expect(json<ErrorJson>(asJson)).toEqual({ error: { code: 'USAGE', message: "unknown option '--no-such-flag'" } })
  })

  it('names an unknown command even with options after it, and suggests the closest one', async () => {
    const h = await home()
    const typo = await h.run(['cert', 'list'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain("certdeck: unknown command 'cert' (did you mean certs?)")
    const asJson = await h.run(['frobnicate', '--json'])
    expect(asJson.code).toBe(2)
    expect(json<ErrorJson>(asJson)).toEqual({ error: { code: 'USAGE', message: "unknown command 'frobnicate'" } })
    expect(asJson.stderr).not.toContain('--json')
    const sub = await h.run(['certs', 'lst'])
    expect(sub.code).toBe(2)
    expect(sub.stderr).toContain("certdeck: unknown command 'lst' (did you mean list?)")
    const flag = await h.run(['--jsn'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("certdeck: unknown option '--jsn'")
  })

  it("points a usage error at the failing command's own --help", async () => {
    const h = await home()
    const missing = await h.run(['certs', 'import'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("Run 'certdeck certs import --help' for usage.")
    const nested = await h.run(['passphrase', 'change', '--bogus', '--json'])
    expect(nested.code).toBe(2)
    expect(nested.stderr).toContain("Run 'certdeck passphrase change --help' for usage.")
    const group = await h.run(['certs', 'lst'])
    expect(group.stderr).toContain("Run 'certdeck certs --help' for usage.")
    const top = await h.run(['nope'])
    expect(top.stderr).toContain("Run 'certdeck --help' for usage.")
  })

  it('exits 2 on bad option values, naming what is accepted', async () => {
    const h = await home({ init: true })
    const key = await h.run(['certs', 'create', '--cn', 'a.example.test', '--key', 'rsa1024'])
    expect(key.code).toBe(2)
    expect(key.stderr).toMatch(/rsa2048.*p384/)
    const days = await h.run(['certs', 'create', '--cn', 'a.example.test', '--days', 'ten'])
    expect(days.code).toBe(2)
    expect(days.stderr).toContain("'ten' is not a whole number")
    const missing = await h.run(['certs', 'create'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--cn')
    const group = await h.run(['certs'])
    expect(group.code).toBe(2)
    expect(group.stderr).toContain('Usage: certdeck certs')
  })

  it('without a command and without a terminal, says the UI needs one (exit 2)', async () => {
    const run = await (await home({ init: true })).run([])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('certdeck: The full-screen UI needs a terminal')
  })
})

describe('init and the master passphrase', () => {
  it('creates a private data directory and reports it as JSON', async () => {
    const h = await home()
    const run = await h.run(['init', '--json'])
    expect(run.code).toBe(0)
    expect(json(run)).toEqual({ dataDir: h.dataDir })
    expect((await stat(h.dataDir)).mode & 0o777).toBe(0o700)
    const files = await h.dataFiles()
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(((await stat(file.path)).mode & 0o777).toString(8)).toBe('600')
  })

  it('honours --data-dir over CERTDECK_HOME, before or after the command', async () => {
    const h = await home()
    const other = join(h.root, 'elsewhere')
    expect((await h.run(['--data-dir', other, 'init', '--json'])).code).toBe(0)
    expect((await h.run(['certs', 'list', '--data-dir', other, '--json'])).stdout.trim()).toBe('[]')
    // CERTDECK_HOME itself was never initialised.
    expect((await h.run(['certs', 'list'])).code).not.toBe(0)
  })

  it('refuses without a passphrase source, naming the variable and the flag (exit 2)', async () => {
    const h = await home({ init: true })
    const run = await h.run(['certs', 'list', '--json'], { env: { CERTDECK_PASSPHRASE: undefined } })
    expect(run.code).toBe(2)
    const { error } = json<ErrorJson>(run)
    expect(error.code).toBe('SECRET_REQUIRED')
    expect(error.message).toContain('CERTDECK_PASSPHRASE')
    expect(error.message).toContain('--master-passphrase-stdin')
    expect(run.stderr).toContain(`certdeck: ${error.message}`)
  })

  it('refuses an empty CERTDECK_PASSPHRASE (exit 2)', async () => {
    const run = await (await home()).run(['init'], { env: { CERTDECK_PASSPHRASE: '' } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('CERTDECK_PASSPHRASE is empty')
  })

  it('reads the master passphrase from stdin with --master-passphrase-stdin', async () => {
    const h = await home()
    const secret = 'piped master passphrase 42'
    const env = { CERTDECK_PASSPHRASE: undefined }
    expect((await h.run(['--master-passphrase-stdin', 'init'], { env, input: `${secret}\n` })).code).toBe(0)
    const list = await h.run(['certs', 'list', '--master-passphrase-stdin', '--json'], {
      env,
      input: `${secret}\n`,
      subprocess: true,
    })
    expect(list.code).toBe(0)
    expect(json(list)).toEqual([])
    const ended = await h.run(['--master-passphrase-stdin', 'certs', 'list'], { env, input: '' })
    expect(ended.code).toBe(2)
    expect(ended.stderr).toContain('stdin ended before the master passphrase')
  })

  it('rejects a wrong passphrase with an error that does not echo it', async () => {
    const h = await home({ init: true })
    const wrong = 'definitely the wrong one'
    const run = await h.run(['certs', 'list', '--json'], { env: { CERTDECK_PASSPHRASE: wrong } })
    expect(run.code).toBe(2)
    expect(json<ErrorJson>(run).error.code).toBe('PASSPHRASE_WRONG')
    expect(run.stdout + run.stderr).not.toContain(wrong)
  })
})

describe('a damaged repository', () => {
  it('is exit 1 with the file named, and is left as it was', async () => {
    const h = await home({ init: true })
    const store = join(h.dataDir, 'certdeck.json')
    await writeFile(store, '{"schemaVersion": 1, ')
    const run = await h.run(['certs', 'list', '--json'], { subprocess: true })
    expect(run.code).toBe(1)
    const { error } = json<ErrorJson>(run)
    expect(error.message).toContain(store)
    expect(run.stderr).toContain(`certdeck: ${error.message}`)
    expect(await readFile(store, 'utf8')).toBe('{"schemaVersion": 1, ')
  })
})
