import { X509Certificate, createPrivateKey } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliHome, json } from './cli-harness.js'

// Each case runs certdeck several times (a few of them as the built bin); on a loaded 2-core machine that takes a
// while.
vi.setConfig({ testTimeout: 180_000 })

const SUMMARY_KEYS = [
  'commonName',
  'daysLeft',
  'fingerprintSha256',
  'hasPrivateKey',
  'id',
  'issuer',
  'keyAlgorithm',
  'notAfter',
  'notBefore',
  'origin',
  'sans',
  'serial',
  'tags',
  'version',
].sort()

interface Summary {
  id: string
  commonName: string
  sans: string[]
  fingerprintSha256: string
  notAfter: string
  daysLeft: number
  keyAlgorithm: string
  origin: string
  version: number
  hasPrivateKey: boolean
  tags: Record<string, string>
}

let h: CliHome
beforeAll(async () => {
  h = await CliHome.create({ init: true })
})
afterAll(() => h.dispose())

async function create(...args: string[]): Promise<Summary> {
  const run = await h.run(['certs', 'create', ...args, '--json'])
  expect(run.code, run.stderr).toBe(0)
  return json<Summary>(run)
}

describe('certs create, list, show', () => {
  it('creates a self-signed certificate and prints the documented summary', async () => {
    const cert = await create(
      '--cn',
      'create.example.test',
      '--san',
      'www.create.example.test',
      '--key',
      'rsa2048',
      '--days',
      '10',
      '--tag',
      'env=test',
    )
    expect(Object.keys(cert).sort()).toEqual(SUMMARY_KEYS)
    expect(cert).toMatchObject({
      commonName: 'create.example.test',
      keyAlgorithm: 'RSA_2048',
      origin: 'created',
      version: 1,
      hasPrivateKey: true,
      tags: { env: 'test' },
    })
    expect(cert.sans).toContain('www.create.example.test')
    expect(cert.daysLeft).toBeGreaterThanOrEqual(9)
    expect(cert.daysLeft).toBeLessThanOrEqual(10)
    expect(cert.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('lists as JSON and as a table, filtered by search and tag', async () => {
    const a = await create('--cn', 'alpha.example.test', '--tag', 'team=red')
    const b = await create('--cn', 'beta.example.test', '--tag', 'team=blue')
    const all = json<Summary[]>(await h.run(['certs', 'list', '--json']))
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]))
    for (const c of all) expect(Object.keys(c).sort()).toEqual(SUMMARY_KEYS)
    const searched = json<Summary[]>(await h.run(['certs', 'list', '--search', 'ALPHA', '--json']))
    expect(searched.map((c) => c.id)).toEqual([a.id])
    const tagged = json<Summary[]>(await h.run(['certs', 'list', '--tag', 'team=blue', '--json']))
    expect(tagged.map((c) => c.id)).toEqual([b.id])
    const byKey = json<Summary[]>(await h.run(['certs', 'list', '--tag', 'team', '--json']))
    expect(byKey.map((c) => c.id).sort()).toEqual([a.id, b.id].sort())
    const table = await h.run(['certs', 'list', '--search', 'beta'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^ID\s+COMMON NAME\s+NOT AFTER\s+DAYS LEFT/)
    expect(table.stdout).toContain(b.id)
    expect(table.stdout).not.toContain(a.id)
    const none = await h.run(['certs', 'list', '--search', 'no-such-thing'])
    expect(none.stdout.trim()).toBe('No certificate matches.')
  })

  it('shows every public fact and version, never a key', async () => {
    const cert = await create('--cn', 'show.example.test', '--key', 'p384')
    const run = await h.run(['certs', 'show', cert.id.slice(0, 6), '--json'])
    expect(run.code, run.stderr).toBe(0)
    const detail = json<Record<string, unknown>>(run)
    expect(Object.keys(detail).sort()).toEqual(
      [
        ...SUMMARY_KEYS,
        'subject',
        'selfSigned',
        'createdAt',
        'updatedAt',
        'pem',
        'chainPem',
        'versions',
        'deployments',
      ].sort(),
    )
    expect(detail).toMatchObject({ id: cert.id, keyAlgorithm: 'EC_secp384r1', selfSigned: true, chainPem: [] })
    expect(new X509Certificate(detail.pem as string).fingerprint256.replaceAll(':', '').toLowerCase()).toBe(
      cert.fingerprintSha256,
    )
    expect(detail.versions).toEqual([
      expect.objectContaining({ version: 1, fingerprintSha256: cert.fingerprintSha256, hasPrivateKey: true }),
    ])
    expect(run.stdout).not.toMatch(/PRIVATE KEY|"sealed"|"privateKey"/)
    const human = await h.run(['certs', 'show', cert.id])
    expect(human.stdout).toMatch(/^Not after\s+\S+ \(\d+ days left\)$/m)
    expect(human.stdout).toContain('private key held (sealed)')
  })

  it('exits 2 for a reference that matches nothing', async () => {
    const run = await h.run(['certs', 'show', 'ffffffffffffffff', '--json'])
    expect(run.code).toBe(2)
    expect(json<{ error: { code: string } }>(run).error.code).toMatch(/^[A-Z_]+$/)
  })
})

describe('certs tag and delete', () => {
  it('sets and removes tags', async () => {
    const cert = await create('--cn', 'tag.example.test', '--tag', 'old=1')
    const run = await h.run(['certs', 'tag', cert.id, 'env=prod', 'owner=web team', '--remove', 'old', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(json<Summary>(run).tags).toEqual({ env: 'prod', owner: 'web team' })
    const nothing = await h.run(['certs', 'tag', cert.id])
    expect(nothing.code).toBe(2)
    const bad = await h.run(['certs', 'tag', cert.id, 'novalue'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('key=value')
  })

  it('refuses to delete without --yes when stdin is not a terminal, then deletes with it', async () => {
    const cert = await create('--cn', 'delete.example.test')
    const refused = await h.run(['certs', 'delete', cert.id, '--json'])
    expect(refused.code).toBe(2)
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('CONFIRMATION_REQUIRED')
    expect((await h.run(['certs', 'show', cert.id])).code).toBe(0)
    const deleted = await h.run(['certs', 'delete', cert.id, '--yes', '--json'])
    expect(deleted.code, deleted.stderr).toBe(0)
    expect(json(deleted)).toEqual({ id: cert.id, deleted: true })
    expect((await h.run(['certs', 'show', cert.id])).code).toBe(2)
  })
})

describe('certs export', () => {
  it('writes the certificate and chain 0600 without the key, and refuses to overwrite', async () => {
    const cert = await create('--cn', 'export.example.test')
    const out = join(h.root, 'export.pem')
    const run = await h.run(['certs', 'export', cert.id, '--out', out, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const written = await readFile(out, 'utf8')
    expect(json(run)).toEqual({ id: cert.id, out, format: 'pem', withKey: false, bytes: Buffer.byteLength(written) })
    expect((await stat(out)).mode & 0o777).toBe(0o600)
    expect(written).toContain('-----BEGIN CERTIFICATE-----')
    expect(written).not.toContain('PRIVATE KEY')
    await writeFile(out, 'keep me')
    const again = await h.run(['certs', 'export', cert.id, '--out', out, '--with-key'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('--force')
    expect(await readFile(out, 'utf8')).toBe('keep me')
  })

  it('includes the matching key only with --with-key, and overwrites only with --force', async () => {
    const cert = await create('--cn', 'withkey.example.test', '--key', 'rsa2048')
    const out = join(h.root, 'withkey.pem')
    await writeFile(out, 'old', { mode: 0o644 })
    const run = await h.run(['certs', 'export', cert.id, '--out', out, '--with-key', '--force'])
    expect(run.code, run.stderr).toBe(0)
    expect((await stat(out)).mode & 0o777).toBe(0o600)
    const pem = await readFile(out, 'utf8')
    const key = createPrivateKey(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)![0])
    expect(new X509Certificate(pem).checkPrivateKey(key)).toBe(true)
    // The human message names the file, never the key.
    expect(run.stdout).toContain(out)
    expect(run.stdout + run.stderr).not.toContain('PRIVATE KEY')
  })

  it('writes a PKCS#12 with the password from stdin or the environment; none → exit 2, no file', async () => {
    const cert = await create('--cn', 'p12.example.test', '--key', 'rsa2048')
    const out = join(h.root, 'bundle.p12')
    const refused = await h.run(['certs', 'export', cert.id, '--out', out, '--format', 'p12', '--with-key', '--json'])
    expect(refused.code).toBe(2)
    const { error } = json<{ error: { code: string; message: string } }>(refused)
    expect(error.code).toBe('SECRET_REQUIRED')
    expect(error.message).toContain('CERTDECK_EXPORT_PASSPHRASE')
    expect(error.message).toContain('--passphrase-stdin')
    await expect(stat(out)).rejects.toThrow()
    const fromStdin = await h.run(
      ['certs', 'export', cert.id, '--out', out, '--format', 'p12', '--with-key', '--passphrase-stdin'],
      {
        input: 'p12 password from stdin\n',
      },
    )
    expect(fromStdin.code, fromStdin.stderr).toBe(0)
    expect((await stat(out)).mode & 0o777).toBe(0o600)
    const envOut = join(h.root, 'env.p12')
    const fromEnv = await h.run(['certs', 'export', cert.id, '--out', envOut, '--format', 'p12', '--with-key'], {
      env: { CERTDECK_EXPORT_PASSPHRASE: 'p12 password from env' },
    })
    expect(fromEnv.code, fromEnv.stderr).toBe(0)
    expect((await readFile(envOut)).subarray(0, 1)[0]).toBe(0x30)
    const pemWithPassword = await h.run([
      'certs',
      'export',
      cert.id,
      '--out',
      join(h.root, 'x.pem'),
      '--passphrase-stdin',
    ])
    expect(pemWithPassword.code).toBe(2)
  })
})

describe('certs csr', () => {
  it('writes a CSR and keeps the key pending in the repository', async () => {
    const out = join(h.root, 'request.csr')
    const run = await h.run([
      'certs',
      'csr',
      '--cn',
      'csr.example.test',
      '--san',
      'alt.example.test',
      '--out',
      out,
      '--json',
    ])
    expect(run.code, run.stderr).toBe(0)
    const pending = json<Record<string, unknown>>(run)
    expect(Object.keys(pending).sort()).toEqual(
      ['commonName', 'createdAt', 'csrPem', 'id', 'keyAlgorithm', 'out', 'publicKeySha256', 'sans'].sort(),
    )
    expect(pending).toMatchObject({ commonName: 'csr.example.test', keyAlgorithm: 'EC_prime256v1', out })
    expect(await readFile(out, 'utf8')).toBe(pending.csrPem)
    expect(pending.csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/)
    expect(run.stdout).not.toContain('PRIVATE KEY')
    const printed = await h.run(['certs', 'csr', '--cn', 'printed.example.test'])
    expect(printed.code).toBe(0)
    expect(printed.stdout).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----[\s\S]+-----END CERTIFICATE REQUEST-----\n$/)
  })
})

describe('expiring', () => {
  it('exits 3 when something expires inside the window, 0 otherwise', async () => {
    const local = await CliHome.create({ init: true })
    try {
      const soon = json<Summary>(
        await local.run(['certs', 'create', '--cn', 'soon.example.test', '--days', '5', '--json']),
      )
      await local.run(['certs', 'create', '--cn', 'later.example.test', '--days', '100'])
      const found = await local.run(['expiring', '--within', '30d', '--json'], { subprocess: true })
      expect(found.code).toBe(3)
      const { certificates: list, cloud } = json<{ certificates: Summary[]; cloud: unknown[] }>(found)
      expect(list.map((c) => c.id)).toEqual([soon.id])
      expect(cloud).toEqual([])
      expect(Object.keys(list[0]).sort()).toEqual(SUMMARY_KEYS)
      expect((await local.run(['expiring', '--within', '2w'])).code).toBe(3)
      expect((await local.run(['expiring', '--within', '7'])).code).toBe(3)
      const human = await local.run(['expiring'])
      expect(human.code).toBe(3)
      expect(human.stdout).toMatch(/1 certificate\(s\) expire within 30 days/)
      const left = list[0].daysLeft
      expect([4, 5]).toContain(left)
      expect(human.stdout).toMatch(
        new RegExp(`^${left}\\s+${soon.id}\\s+soon\\.example\\.test\\s+\\S+\\s+${left} days left$`, 'm'),
      )
      const quiet = await local.run(['expiring', '--within', '12h'])
      expect(quiet.code).toBe(0)
      expect(quiet.stdout.trim()).toBe('Nothing expires within 12 hours.')
      expect(json(await local.run(['expiring', '--within', '2d', '--json']))).toEqual({ certificates: [], cloud: [] })
      const bad = await local.run(['expiring', '--within', '3 months'])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('12h, 30d, 2w')
    } finally {
      await local.dispose()
    }
  })
})

describe('audit', () => {
  it('lists mutating actions as JSON, oldest first, limited on request', async () => {
    const cert = await create('--cn', 'audit.example.test')
    await h.run(['certs', 'tag', cert.id, 'a=b'])
    const run = await h.run(['audit', '--json'])
    expect(run.code, run.stderr).toBe(0)
    const events = json<Record<string, unknown>[]>(run)
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(['action', 'actor', 'at', 'detail', 'id', 'outcome', 'target'])
    }
    const mine = events.filter((e) => e.target === cert.id).map((e) => e.action)
    expect(mine.length).toBe(2)
    const last = json<Record<string, unknown>[]>(await h.run(['audit', '--limit', '1', '--json']))
    expect(last).toEqual([events[events.length - 1]])
    expect((await h.run(['audit', '--limit', '0'])).code).toBe(2)
    const table = await h.run(['audit'])
    expect(table.stdout).toMatch(/^AT\s+ACTOR\s+ACTION\s+TARGET\s+OUTCOME/)
  })
})
