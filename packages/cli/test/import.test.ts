import { X509Certificate } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { forgePkcs12, keyPemAs, makeTestPki, type TestPki } from '@certdeck/core/testing'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { type CliHome, homesForEachTest, json } from './cli-harness.js'
import { signCsr } from './sign-csr.js'

// Each case runs certdeck several times (a few of them as the built bin); on a loaded 2-core machine that takes a
// while.
vi.setConfig({ testTimeout: 180_000 })

interface Summary {
  id: string
  fingerprintSha256: string
  keyAlgorithm: string
  version: number
  hasPrivateKey: boolean
  tags: Record<string, string>
}
interface ImportJson {
  outcome: string
  certificate: Summary
}
interface ErrorJson {
  error: { code: string; message: string }
}

let pki: TestPki
beforeAll(async () => {
  pki = await makeTestPki()
})

const home = homesForEachTest({ init: true })

/** Writes files into the home's root and returns their paths. */
async function files(h: CliHome, contents: Record<string, string | Uint8Array>): Promise<string[]> {
  return Promise.all(
    Object.entries(contents).map(async ([name, data]) => {
      await writeFile(join(h.root, name), data)
      return join(h.root, name)
    }),
  )
}

const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase()

async function count(h: CliHome): Promise<number> {
  return json<unknown[]>(await h.run(['certs', 'list', '--json'])).length
}

describe('certs import', () => {
  it('imports an RSA leaf, PKCS#1 key and chain given in the wrong order across files', async () => {
    const h = await home()
    const leaf = await pki.leaf({ commonName: 'rsa.example.test', keyAlgorithm: 'RSA_2048' })
    const paths = await files(h, {
      'root.pem': pki.root.pem,
      'key.pem': keyPemAs(leaf.key, 'pkcs1'),
      'leaf.pem': leaf.pem,
      'intermediate.pem': pki.intermediate.pem,
    })
    const run = await h.run(['certs', 'import', ...paths, '--tag', 'source=test', '--json'])
    expect(run.code, run.stderr).toBe(0)
    const result = json<ImportJson>(run)
    expect(result.outcome).toBe('created')
    expect(result.certificate).toMatchObject({
      fingerprintSha256: leaf.fingerprint,
      keyAlgorithm: 'RSA_2048',
      hasPrivateKey: true,
      tags: { source: 'test' },
    })
    const shown = json<{ chainPem: string[] }>(await h.run(['certs', 'show', result.certificate.id, '--json']))
    expect(shown.chainPem.map(fingerprint)).toEqual([pki.intermediate.fingerprint, pki.root.fingerprint])
  })

  it('reports an unchanged re-import and a renewal as a new version', async () => {
    const h = await home()
    const first = await pki.leaf({ commonName: 'ec.example.test' })
    const [bundle] = await files(h, { 'bundle.pem': first.pem + keyPemAs(first.key, 'sec1') })
    const created = json<ImportJson>(await h.run(['certs', 'import', bundle, '--json']))
    expect(created.outcome).toBe('created')
    const again = await h.run(['certs', 'import', bundle])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('Already held')
    const renewal = await pki.leaf({ commonName: 'ec.example.test', notAfter: new Date(Date.now() + 200 * 86_400_000) })
    const [renewed] = await files(h, { 'renewed.pem': renewal.pem + renewal.keyPem })
    const result = json<ImportJson>(await h.run(['certs', 'import', renewed, '--json']))
    expect(result.outcome).toBe('renewed')
    expect(result.certificate).toMatchObject({
      id: created.certificate.id,
      version: 2,
      fingerprintSha256: renewal.fingerprint,
    })
    const shown = json<{ versions: { version: number }[] }>(
      await h.run(['certs', 'show', created.certificate.id, '--json']),
    )
    expect(shown.versions.map((v) => v.version)).toEqual([1, 2])
  })

  it('asks for an encrypted key passphrase: refuses without a source, reads stdin or the environment', async () => {
    const h = await home()
    const leaf = await pki.leaf({ commonName: 'encrypted.example.test' })
    const keyPassphrase = 'key passphrase 314'
    const paths = await files(h, { 'leaf.pem': leaf.pem, 'key.pem': keyPemAs(leaf.key, 'pkcs8', keyPassphrase) })
    const refused = await h.run(['certs', 'import', ...paths, '--json'])
    expect(refused.code).toBe(2)
    const { error } = json<ErrorJson>(refused)
    expect(error.code).toBe('SECRET_REQUIRED')
    expect(error.message).toContain('CERTDECK_KEY_PASSPHRASE')
    expect(error.message).toContain('--passphrase-stdin')
    const wrong = await h.run(['certs', 'import', ...paths], { env: { CERTDECK_KEY_PASSPHRASE: 'not it' } })
    expect(wrong.code).toBe(2)
    expect(await count(h)).toBe(0)
    const piped = await h.run(['certs', 'import', ...paths, '--passphrase-stdin', '--json'], {
      input: `${keyPassphrase}\n`,
    })
    expect(piped.code, piped.stderr).toBe(0)
    expect(json<ImportJson>(piped).certificate.hasPrivateKey).toBe(true)
    const other = await home()
    const otherPaths = await files(other, {
      'leaf.pem': leaf.pem,
      'key.pem': keyPemAs(leaf.key, 'pkcs8', keyPassphrase),
    })
    const fromEnv = await other.run(['certs', 'import', ...otherPaths], {
      env: { CERTDECK_KEY_PASSPHRASE: keyPassphrase },
    })
    expect(fromEnv.code, fromEnv.stderr).toBe(0)
  })

  it('imports a PKCS#12 file with its password', async () => {
    const h = await home()
    const leaf = await pki.leaf({ commonName: 'pfx.example.test', keyAlgorithm: 'RSA_2048' })
    const [pfx] = await files(h, { 'bundle.pfx': forgePkcs12(leaf, 'pfx password') })
    const refused = await h.run(['certs', 'import', pfx])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('passphrase of bundle.pfx')
    const run = await h.run(['certs', 'import', pfx, '--passphrase-stdin', '--json'], { input: 'pfx password\n' })
    expect(run.code, run.stderr).toBe(0)
    expect(json<ImportJson>(run).certificate).toMatchObject({
      fingerprintSha256: leaf.fingerprint,
      hasPrivateKey: true,
    })
  })

  it('rejects bad input with exit 2 and writes nothing', async () => {
    const h = await home()
    const leaf = await pki.leaf({ commonName: 'bad.example.test' })
    const stranger = await pki.leaf({ commonName: 'bad.example.test', keySlot: 7 })
    const [notPem, mismatch, otherKey] = await files(h, {
      'notes.txt': 'this is not a certificate\n',
      'leaf.pem': leaf.pem,
      'other-key.pem': stranger.keyPem,
    })
    for (const args of [[notPem], [mismatch, otherKey], [join(h.root, 'missing.pem')]]) {
      const run = await h.run(['certs', 'import', ...args, '--json'])
      expect(run.code, run.stderr).toBe(2)
      expect(json<ErrorJson>(run).error.message.length).toBeGreaterThan(10)
    }
    expect(await count(h)).toBe(0)
  })

  it('attaches a certificate signed from a CSR to its pending key', async () => {
    const h = await home()
    const csrPath = join(h.root, 'request.csr')
    const csr = await h.run([
      'certs',
      'csr',
      '--cn',
      'signed.example.test',
      '--san',
      'signed.example.test',
      '--out',
      csrPath,
      '--json',
    ])
    expect(csr.code, csr.stderr).toBe(0)
    const signed = await signCsr(json<{ csrPem: string }>(csr).csrPem, pki.intermediate)
    const paths = await files(h, { 'signed.pem': signed, 'chain.pem': pki.intermediate.pem + pki.root.pem })
    const run = await h.run(['certs', 'import', ...paths, '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(json<ImportJson>(run).certificate).toMatchObject({
      fingerprintSha256: fingerprint(signed),
      hasPrivateKey: true,
    })
  })
})
