import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Certificate, type Deployment, REVOKED_TAG } from '@certdeck/core'
import { afterEach, describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { NOW, leafEntry } from '../helpers/certificates.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { sampleCertificates } from '../helpers/fixtures.js'
import { renderApp, type Rendered } from '../helpers/render.js'

const deployment = (certificateId: string, region: string): Deployment => ({
  id: `dep-${region}`,
  certificateId,
  credentialId: 'cred-prod',
  region,
  replaceIfExists: true,
  autoRedeploy: false,
  state: 'deployed',
  updatedAt: NOW.toISOString(),
})

async function open(extra: Parameters<typeof fakeDeck>[0] = {}) {
  const deck = fakeDeck({
    certificates: await sampleCertificates(),
    credentials: [credential('prod')],
    deployments: [deployment('c0ffee01', 'us-east-1'), deployment('c0ffee01', 'eu-west-1')],
    ...extra,
  })
  const app = await renderApp({ deck })
  await app.waitFor('www.example.com')
  return { deck, app }
}

const tempDirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'certdeck-tui-'))
  tempDirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const row = (app: Rendered, name: string) => app.lines().find((l) => l.includes(name)) ?? ''
const selectedRow = (app: Rendered) => app.lines().find((l) => l.startsWith('›')) ?? ''

describe('Certificates tab', () => {
  it('lists CN, SANs, issuer, expiry with a level mark, key, origin and deployments', async () => {
    const { app } = await open()
    expect(app.lines()[2]).toMatch(/^ {2}Common name +SANs Issuer +Expires +Key +Origin +Deps$/)
    expect(row(app, 'www.example.com')).toMatch(
      /www\.example\.com +2 TUI Test Intermediate CA 2026-12-18 200d +EC P-256 imported +2$/,
    )
    expect(row(app, 'api.example.com')).toContain('2026-06-21 20d !')
    expect(row(app, 'mail.example.com')).toMatch(/2026-06-06 5d ‼ +RSA 2048/)
    expect(row(app, 'old.example.com')).toContain('2026-05-29 -3d ✗')
  })

  it('moves with j/k, G/g and the arrows', async () => {
    const { app } = await open()
    await app.press('j', SEQ.down)
    expect(selectedRow(app)).toContain('mail.example.com')
    await app.press('G')
    expect(selectedRow(app)).toContain('nokey.example.com')
    await app.press('k', 'g')
    expect(selectedRow(app)).toContain('www.example.com')
    expect(app.lines().at(-2)).toBe('1/5')
  })

  it('filters live across columns and keeps the selection on the same row', async () => {
    const { app } = await open()
    await app.press('j')
    await app.press('/')
    await app.type('exam')
    expect(selectedRow(app)).toContain('api.example.com')
    await app.type('ple.com 2048')
    expect(app.lines().filter((l) => l.includes('.example.com'))).toHaveLength(1)
    expect(selectedRow(app)).toContain('mail.example.com')
    await app.press(SEQ.enter)
    expect(app.lines().at(-2)).toBe('1/1  of 5  filter: example.com 2048 (Esc clears)')
    await app.press(SEQ.escape)
    expect(app.lines().at(-2)).toBe('2/5')
    expect(selectedRow(app)).toContain('api.example.com')
  })

  it('keeps the selection by id when a refresh brings new rows', async () => {
    const { app, deck } = await open()
    await app.press('j', 'j')
    expect(selectedRow(app)).toContain('mail.example.com')
    await deck.certificates.create({ commonName: 'aaa.example.com' })
    await app.press('s')
    expect(app.lines()[2]).toContain('Common name▲')
    await app.press('r')
    await app.waitFor('aaa.example.com')
    expect(selectedRow(app)).toContain('mail.example.com')
    expect(app.lines()[3]).toContain('aaa.example.com')
  })

  it('shows every fact, the versions and the deployments in the details view', async () => {
    const { app } = await open()
    await app.press(SEQ.enter)
    expect(app.lines()[2]).toBe('www.example.com — c0ffee01')
    expect(app.frame()).toContain('SANs            www.example.com, example.com')
    expect(app.frame()).toContain('Private key     held (sealed in the vault)')
    await app.press(SEQ.pageDown)
    expect(app.frame()).toContain('Versions (1)')
    expect(app.frame()).toMatch(/v1 \(current\) +serial [0-9a-f]{16} · expires 2026-12-18 · imported/)
    expect(app.frame()).toContain('Deployments (2)')
    expect(app.frame()).toMatch(/us-east-1 +deployed via prod/)
    await app.press(SEQ.escape)
    expect(app.lines()[2]).toMatch(/^ {2}Common name/)
  })

  it('wraps a long value under itself at 80×24, so the whole SHA-256 fingerprint can be read', async () => {
    const certificates = await sampleCertificates()
    const app = await renderApp(
      { deck: fakeDeck({ certificates, credentials: [credential('prod')] }) },
      { columns: 80, rows: 24 },
    )
    await app.waitFor('www.example.com')
    await app.press(SEQ.enter)
    const lines = app.lines()
    const at = lines.findIndex((l) => l.startsWith('  SHA-256 '))
    expect(lines[at]).toMatch(/^ {2}SHA-256 {9}[0-9a-f]{62}$/)
    expect(lines[at + 1]).toMatch(/^ {18}[0-9a-f]{2}$/)
    expect(lines[at].slice(18) + lines[at + 1].trim()).toBe(certificates[0].fingerprintSha256)
    expect(lines.slice(2, -1).join('\n')).not.toContain('…')
  })

  it('gives the name its width first at 80×24 and keeps a revoked mark whole when a name is cut', async () => {
    const revoked = (c: Certificate): Certificate => ({ ...c, tags: { [REVOKED_TAG]: NOW.toISOString() } })
    const certificates = [
      ...(await sampleCertificates()),
      await leafEntry('c0ffee06', 'app.internal.example.com', 40),
      revoked(await leafEntry('c0ffee07', 'admin.internal.example', 60)),
      revoked(await leafEntry('c0ffee08', 'a-rather-long-service-name.internal.example.com', 60)),
    ]
    const app = await renderApp(
      { deck: fakeDeck({ certificates, credentials: [credential('prod')] }) },
      { columns: 80, rows: 24 },
    )
    await app.waitFor('www.example.com')
    await app.press('v')
    await app.waitFor('admin.internal.example')
    expect(row(app, 'app.internal.example.com')).toMatch(/^ {2}app\.internal\.example\.com +1 \d{4}-/)
    expect(row(app, 'admin.internal')).toMatch(/^ {2}admin\.internal\.example ✗ revoked +1 \d{4}-/)
    expect(row(app, 'a-rather-long')).toMatch(/^ {2}a-rather-long-service-… ✗ revoked +1 \d{4}-/)
    expect(app.lines()[2]).toMatch(/Expires/)
    expect(app.lines().every((l) => l.length <= 80)).toBe(true)
  })

  it('deletes the local entry only after y', async () => {
    const { app, deck } = await open()
    await app.press('j', 'x')
    expect(app.frame()).toContain(
      'Delete api.example.com (c0ffee02) from the local repository? Copies in AWS are not touched.',
    )
    await app.press('n')
    expect(deck.calls.deleted).toEqual([])
    await app.press('x', 'y')
    await app.waitFor('Deleted api.example.com from the local repository.')
    expect(deck.calls.deleted).toEqual(['c0ffee02'])
    expect(row(app, '  api.example.com')).toBe('')
    expect(app.lines().at(-3)).toBe('2/4')
  })

  it('sets and removes tags', async () => {
    const { app, deck } = await open()
    await app.press('t')
    expect(app.frame()).toContain('Current: none')
    await app.type('env=prod team=web -old')
    await app.press(SEQ.enter)
    await app.waitFor('Tags of www.example.com: env=prod, team=web.')
    expect(deck.calls.tagged).toEqual([{ ref: 'c0ffee01', set: { env: 'prod', team: 'web' }, remove: ['old'] }])
  })

  it('exports to a new file readable by the owner only', async () => {
    const dir = tempDir()
    const target = join(dir, 'www.pem')
    const { app, deck } = await open()
    await app.press('e')
    await app.type(target)
    await app.press(SEQ.enter)
    await app.waitFor(`Exported www.example.com to ${target}.`)
    expect(readFileSync(target, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(statSync(target).mode & 0o777).toBe(0o600)
    expect(deck.calls.exported[0]).toEqual({
      ref: 'c0ffee01',
      options: { format: 'pem', includeKey: false, passphrase: undefined },
    })
    await app.press('e')
    await app.type(target)
    await app.press(SEQ.enter)
    await app.waitFor('already exists and was left as it is. Choose another file name.')
  })

  it('imports files, asking for a passphrase when a key is encrypted', async () => {
    const dir = tempDir()
    const certs = await sampleCertificates()
    writeFileSync(join(dir, 'cert.pem'), certs[0].pem)
    writeFileSync(
      join(dir, 'key.pem'),
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n',
    )
    const { app, deck } = await open()
    await app.press('i')
    await app.type(`${join(dir, 'cert.pem')} ${join(dir, 'key.pem')}`)
    await app.press(SEQ.enter)
    await app.waitFor('A file is encrypted: type its passphrase.')
    await app.type('s3cret')
    expect(app.frame()).not.toContain('s3cret')
    await app.press(SEQ.enter)
    await app.waitFor('Already held: www.example.com (c0ffee01).')
    expect(deck.calls.imported[0].files.map((f) => f.name)).toEqual(['cert.pem', 'key.pem'])
    expect(deck.calls.imported[0].passphrase).toBe('s3cret')
  })

  it('creates a self-signed certificate from the dialog', async () => {
    const { app, deck } = await open()
    await app.press('c')
    await app.type('new.example.com')
    await app.press(SEQ.tab)
    await app.type('a.example.com, b.example.com')
    await app.press(SEQ.tab, SEQ.right)
    expect(app.frame()).toContain('‹ EC P-384 ›')
    await app.press(SEQ.enter)
    await app.waitFor((f) => /Created new\.example\.com \(new1\), self-signed, expires \d{4}-\d\d-\d\d\./.test(f))
    expect(deck.calls.created).toEqual([
      {
        commonName: 'new.example.com',
        sans: ['a.example.com', 'b.example.com'],
        keyAlgorithm: 'EC_secp384r1',
        days: 365,
      },
    ])
  })
})
