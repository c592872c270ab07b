import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CONFIG_FILE,
  initCertDeck,
  openCertDeck,
  type DnsProvider,
  type DnsProviderType,
  type DnsRecord,
} from '@certdeck/core'
import { rejection, runDnsProviderConformance } from '@certdeck/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import dnsHook from '../index.js'

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))
const script = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url))
const zone = { id: 'example.com', name: 'example.com', private: false }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-dns-hook-'))
  // The test scripts keep their records here, as a DNS host would.
  process.env.HOOK_RECORDS_FILE = join(dir, 'records.json')
  process.env.HOOK_ENV_FILE = join(dir, 'env.jsonl')
  process.env.HOOK_PID_FILE = join(dir, 'pid')
})
afterEach(() => rm(dir, { recursive: true, force: true }))

function hookType(options?: { timeoutMs?: number }): DnsProviderType {
  const types: DnsProviderType[] = []
  void dnsHook(options).register({ cloudProvider: () => undefined, dnsProvider: (t) => void types.push(t) })
  return types[0]
}

function hook(settings: Record<string, string> = {}): DnsProvider {
  return hookType().create({
    name: 'my-hook',
    settings: { addScript: script('add'), removeScript: script('remove'), zones: 'example.com', ...settings },
  })
}

async function held(): Promise<DnsRecord[]> {
  const text = await readFile(join(dir, 'records.json'), 'utf8').catch(() => '[]')
  return (JSON.parse(text) as (DnsRecord & { zone: string })[]).map(({ name, type, value, ttl }) => ({
    name,
    type,
    value,
    ttl,
  }))
}

runDnsProviderConformance('hook scripts', () => ({ provider: hook(), records: () => held() }))

describe('the hook provider', () => {
  it('runs the script once per record with the record in the environment, never CertDeck’s own variables', async () => {
    process.env.CERTDECK_PASSPHRASE = 'master passphrase that must not leak'
    try {
      await hook({ addScript: script('env') }).upsertRecords(zone, [
        { name: '_a.example.com', type: 'CNAME', value: '_x.acm-validations.aws', ttl: 60 },
        { name: '_t.example.com', type: 'TXT', value: 'one' },
        { name: '_t.example.com', type: 'TXT', value: 'two' },
        { name: '_t.example.com', type: 'TXT', value: 'two' },
      ])
    } finally {
      delete process.env.CERTDECK_PASSPHRASE
    }
    const runs = (await readFile(join(dir, 'env.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>)
    const vars = runs.map((env) => Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('CERTDECK_'))))
    expect(vars).toEqual([
      {
        CERTDECK_DNS_NAME: '_a.example.com',
        CERTDECK_DNS_TYPE: 'CNAME',
        CERTDECK_DNS_VALUE: '_x.acm-validations.aws',
        CERTDECK_DNS_TTL: '60',
        CERTDECK_DNS_ZONE: 'example.com',
        CERTDECK_DNS_REPLACE: '1',
      },
      {
        CERTDECK_DNS_NAME: '_t.example.com',
        CERTDECK_DNS_TYPE: 'TXT',
        CERTDECK_DNS_VALUE: 'one',
        CERTDECK_DNS_TTL: '300',
        CERTDECK_DNS_ZONE: 'example.com',
        CERTDECK_DNS_REPLACE: '1',
      },
      {
        CERTDECK_DNS_NAME: '_t.example.com',
        CERTDECK_DNS_TYPE: 'TXT',
        CERTDECK_DNS_VALUE: 'two',
        CERTDECK_DNS_TTL: '300',
        CERTDECK_DNS_ZONE: 'example.com',
        CERTDECK_DNS_REPLACE: '0',
      },
    ])
    // The rest of the environment (PATH, the user's own API tokens) reaches the script.
    expect(runs[0].HOOK_RECORDS_FILE).toBe(process.env.HOOK_RECORDS_FILE)
  })

  it('a failing script is DNS_HOOK_FAILED with its exit code; its stderr goes to a private file, not the error', async () => {
    const error = await rejection(
      hook({ addScript: script('leaky') }).upsertRecords(zone, [
        { name: '_a.example.com', type: 'CNAME', value: 'x.example.net' },
      ]),
    )
    expect(error.code).toBe('DNS_HOOK_FAILED')
    expect(error.name).toBe('CertDeckError')
    expect(error.message).toContain(
      `The add script ${script('leaky')} of DNS provider "my-hook" failed for CNAME _a.example.com (exit code 3)`,
    )
    // A `set -x` trace carries the DNS API token: the message (and so the audit log) never holds it.
    expect(error.message).not.toContain('dns-api-token-SECRET-123')
    expect(error.message).not.toContain('API error 403')
    const log = /its stderr is in (\S+\.log)/.exec(error.message)?.[1] ?? ''
    expect(log).not.toBe('')
    expect(await readFile(log, 'utf8')).toContain('API error 403: token has no write access to zone example.com')
    expect((await stat(log)).mode & 0o777).toBe(0o600)
    await rm(dirname(log), { recursive: true, force: true })
  })

  it('a time-out kills the whole process group: the script and what it started', async () => {
    const error = await rejection(
      hook({ addScript: script('tree'), timeout: '4' }).upsertRecords(zone, [
        { name: '_a.example.com', type: 'TXT', value: 'v' },
      ]),
    )
    expect(error.code).toBe('DNS_HOOK_TIMEOUT')
    const pids = (await readFile(join(dir, 'pid'), 'utf8')).split(' ').map(Number)
    expect(pids).toHaveLength(2)
    for (const pid of pids) expect(await goneWithin(pid, 5_000)).toBe(true)
  })

  it.each([
    ['a NUL in the value', { name: '_a.example.com', type: 'CNAME', value: 'x\u0000.example.net' }],
    ['a line break in the name', { name: '_a.example.com\nevil', type: 'CNAME', value: 'x.example.net' }],
  ])('%s is refused before any script runs (DNS_HOOK_RECORD)', async (_, record) => {
    const error = await rejection(hook({ addScript: script('env') }).upsertRecords(zone, [record]))
    expect(error).toMatchObject({ name: 'CertDeckError', code: 'DNS_HOOK_RECORD', kind: 'input' })
    expect(error.message).toContain('no script was run')
    expect(await readFile(join(dir, 'env.jsonl'), 'utf8').catch(() => 'not written')).toBe('not written')
  })

  it('a script that runs too long is killed and is DNS_HOOK_TIMEOUT', async () => {
    // 3 s: on a loaded machine Node takes over half a second just to start the script and write its pid.
    const error = await rejection(
      hook({ addScript: script('slow'), timeout: '3' }).upsertRecords(zone, [
        { name: '_a.example.com', type: 'TXT', value: 'v' },
      ]),
    )
    expect(error.code).toBe('DNS_HOOK_TIMEOUT')
    expect(error.message).toContain('longer than 3 s')
    expect(isAlive(Number(await readFile(join(dir, 'pid'), 'utf8')))).toBe(false)
  })

  it('an abort kills the running script and rejects with an AbortError', async () => {
    const controller = new AbortController()
    const running = hook({ removeScript: script('slow') }).deleteRecords(
      zone,
      [{ name: '_a.example.com', type: 'TXT', value: 'v' }],
      controller.signal,
    )
    const pid = await waitForPid()
    expect(isAlive(pid)).toBe(true)
    controller.abort()
    expect((await rejection(running)).name).toBe('AbortError')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(isAlive(pid)).toBe(false)
  })

  it('lists zones from the zones setting or a listScript, lower case without the dot', async () => {
    expect(await hook({ zones: 'Example.com., example.org' }).listZones()).toEqual([
      { id: 'example.com', name: 'example.com', private: false },
      { id: 'example.org', name: 'example.org', private: false },
    ])
    expect((await hook({ zones: '', listScript: script('list') }).listZones()).map((z) => z.name)).toEqual([
      'example.com',
      'example.org',
    ])
    const none = await rejection(hook({ zones: '' }).listZones())
    expect(none.code).toBe('DNS_HOOK_SETTING')
    expect(none.message).toContain('zones=example.com')
  })

  it('refuses a missing or relative script path when configured, naming the setting', () => {
    const type = hookType()
    expect(() => type.create({ name: 'bad', settings: { addScript: script('add') } })).toThrow(
      /needs removeScript as an absolute path/,
    )
    expect(() =>
      type.create({ name: 'bad', settings: { addScript: 'add.sh', removeScript: script('remove') } }),
    ).toThrow(/not "add.sh"/)
  })

  it('a script that cannot be run is DNS_HOOK_SCRIPT saying to check the path and chmod +x', async () => {
    const error = await rejection(
      hook({ addScript: join(dir, 'missing.sh') }).upsertRecords(zone, [
        { name: '_a.example.com', type: 'TXT', value: 'v' },
      ]),
    )
    expect(error.code).toBe('DNS_HOOK_SCRIPT')
    expect(error.message).toContain('chmod +x')
  })
})

describe('loaded by CertDeck from config.json', () => {
  it('by package name from the data directory, then configured and tested through the facade', async () => {
    const dataDir = join(dir, 'data')
    await initCertDeck({ dataDir, passphrase: 'hook test passphrase 1', scrypt: { N: 2 ** 10, r: 8, p: 1 } })
    await mkdir(join(dataDir, 'node_modules'), { recursive: true })
    await symlink(PACKAGE_DIR, join(dataDir, 'node_modules', 'certdeck-plugin-dns-hook'), 'dir')
    const config = JSON.parse(await readFile(join(dataDir, CONFIG_FILE), 'utf8').catch(() => '{}')) as Record<
      string,
      unknown
    >
    await writeFile(join(dataDir, CONFIG_FILE), JSON.stringify({ ...config, plugins: ['certdeck-plugin-dns-hook'] }))
    const deck = await openCertDeck({ dataDir, passphrase: 'hook test passphrase 1' })
    expect(deck.plugins.failed).toEqual([])
    expect(deck.plugins.loaded).toContain('examples:dns-hook')
    await deck.dns.add({
      type: 'hook',
      name: 'scripts',
      settings: { addScript: script('add'), removeScript: script('remove'), zones: 'example.com' },
    })
    expect((await deck.dns.test('scripts')).zones).toEqual([zone])
  })

  it('by absolute path, with nothing installed in the data directory', async () => {
    const dataDir = join(dir, 'data-by-path')
    await initCertDeck({ dataDir, passphrase: 'hook test passphrase 1', scrypt: { N: 2 ** 10, r: 8, p: 1 } })
    const config = JSON.parse(await readFile(join(dataDir, CONFIG_FILE), 'utf8').catch(() => '{}')) as Record<
      string,
      unknown
    >
    await writeFile(join(dataDir, CONFIG_FILE), JSON.stringify({ ...config, plugins: [PACKAGE_DIR] }))
    const deck = await openCertDeck({ dataDir, passphrase: 'hook test passphrase 1' })
    expect(deck.plugins.failed).toEqual([])
    expect(deck.dns.types().map((t) => t.id)).toContain('hook')
    // A script path given relative to where `certdeck dns add` ran is stored absolute.
    const added = await deck.dns.add({
      type: 'hook',
      name: 'relative',
      settings: {
        addScript: relative(process.cwd(), script('add')),
        removeScript: script('remove'),
        zones: 'example.com',
      },
    })
    expect(added.settings.addScript).toBe(script('add'))
    expect((await deck.dns.test('relative')).zones).toEqual([zone])
  })
})

/** True once `pid` has exited (gone, or a zombie no one has reaped yet), polled for at most `ms`. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  for (;;) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
    if (!stat || /^\d+ \(.*\) Z/.test(stat)) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitForPid(): Promise<number> {
  for (;;) {
    const text = await readFile(join(dir, 'pid'), 'utf8').catch(() => '')
    if (text) return Number(text)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
