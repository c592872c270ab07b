import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { keyPemAs, makeTestPki } from '@certdeck/core/testing'
import { describe, expect, it, vi } from 'vitest'
import { type CliHome, homesForEachTest, json, leaks } from './cli-harness.js'
import { PtySession } from './pty-session.js'

// Each case runs certdeck several times (a few of them as the built bin); on a loaded 2-core machine that takes a
// while.
vi.setConfig({ testTimeout: 180_000 })

const home = homesForEachTest({ init: true })

interface ErrorJson {
  error: { code: string; message: string }
}

async function exportedKey(h: CliHome, id: string): Promise<string> {
  const out = join(h.root, `${id}-key.pem`)
  const run = await h.run(['certs', 'export', id, '--out', out, '--with-key', '--force'])
  expect(run.code, run.stderr).toBe(0)
  return /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(await readFile(out, 'utf8'))![0]
}

describe('passphrase change', () => {
  it('re-seals under a new passphrase from stdin; the old one stops working, keys stay readable', async () => {
    const h = await home()
    const created = json<{ id: string }>(await h.run(['certs', 'create', '--cn', 'keep.example.test', '--json']))
    const before = await exportedKey(h, created.id)
    const next = 'the new master passphrase 2'
    const run = await h.run(['passphrase', 'change', '--new-passphrase-stdin', '--json'], { input: `${next}\n` })
    expect(run.code, run.stderr).toBe(0)
    expect(json(run)).toEqual({ changed: true })
    expect((await h.run(['certs', 'list'])).code).toBe(2)
    h.passphrase = next
    expect(await exportedKey(h, created.id)).toBe(before)
  })

  it('takes the new passphrase from CERTDECK_NEW_PASSPHRASE', async () => {
    const h = await home()
    const run = await h.run(['passphrase', 'change'], { env: { CERTDECK_NEW_PASSPHRASE: 'from the environment 9' } })
    expect(run.code, run.stderr).toBe(0)
    h.passphrase = 'from the environment 9'
    expect((await h.run(['certs', 'list'])).code).toBe(0)
  })

  it('reads two secrets from stdin in order: master passphrase first, then the new one', async () => {
    const h = await home()
    const current = h.passphrase
    const next = 'second line passphrase 5'
    const env = { CERTDECK_PASSPHRASE: undefined }
    const run = await h.run(['--master-passphrase-stdin', 'passphrase', 'change', '--new-passphrase-stdin'], {
      env,
      input: `${current}\n${next}\n`,
    })
    expect(run.code, run.stderr).toBe(0)
    const list = await h.run(['--master-passphrase-stdin', 'certs', 'list', '--json'], { env, input: `${next}\n` })
    expect(list.code, list.stderr).toBe(0)
  })

  it('refuses without a new passphrase source and changes nothing', async () => {
    const h = await home()
    const run = await h.run(['passphrase', 'change', '--json'])
    expect(run.code).toBe(2)
    const { error } = json<ErrorJson>(run)
    expect(error.code).toBe('SECRET_REQUIRED')
    expect(error.message).toContain('CERTDECK_NEW_PASSPHRASE')
    expect(error.message).toContain('--new-passphrase-stdin')
    expect((await h.run(['certs', 'list'])).code).toBe(0)
  })
})

describe('no secret in any output or file', () => {
  it('keeps keys, passphrases and passwords out of stdout, stderr, the audit log and the store', async () => {
    const pki = await makeTestPki()
    const masterBefore = 'leak-check master passphrase one'
    const masterAfter = 'leak-check master passphrase two'
    const keyPassphrase = 'leak-check key passphrase'
    const exportPassword = 'leak-check export password'
    const h = await home({ init: true, passphrase: masterBefore })
    const leaf = await pki.leaf({ commonName: 'leak.example.test', keyAlgorithm: 'RSA_2048' })
    const leafPath = join(h.root, 'leaf.pem')
    const keyPath = join(h.root, 'key.pem')
    await writeFile(leafPath, leaf.pem + pki.intermediate.pem)
    await writeFile(keyPath, keyPemAs(leaf.key, 'pkcs8', keyPassphrase))
    expect(
      (await h.run(['certs', 'import', leafPath, keyPath], { env: { CERTDECK_KEY_PASSPHRASE: 'wrong key pass' } }))
        .code,
    ).toBe(2)
    const imported = await h.run(['certs', 'import', leafPath, keyPath, '--passphrase-stdin', '--json'], {
      input: `${keyPassphrase}\n`,
    })
    expect(imported.code, imported.stderr).toBe(0)
    const created = json<{ id: string }>(await h.run(['certs', 'create', '--cn', 'made.example.test', '--json']))
    const createdKey = await exportedKey(h, created.id)
    const importedId = json<{ certificate: { id: string } }>(imported).certificate.id
    for (const id of [importedId, created.id]) {
      const p12 = await h.run(
        ['certs', 'export', id, '--out', join(h.root, `${id}.p12`), '--format', 'p12', '--with-key', '--json'],
        {
          env: { CERTDECK_EXPORT_PASSPHRASE: exportPassword },
        },
      )
      expect(p12.code, p12.stderr).toBe(0)
      await h.run(['certs', 'show', id, '--json'])
      await h.run(['certs', 'show', id])
    }
    await h.run(['certs', 'csr', '--cn', 'pending.example.test', '--json'])
    expect((await h.run(['passphrase', 'change'], { env: { CERTDECK_NEW_PASSPHRASE: masterAfter } })).code).toBe(0)
    expect((await h.run(['certs', 'list'], { env: { CERTDECK_PASSPHRASE: masterBefore } })).code).toBe(2)
    h.passphrase = masterAfter
    for (const args of [
      ['certs', 'list', '--json'],
      ['certs', 'list'],
      ['audit', '--json'],
      ['audit'],
      ['expiring', '--within', '1000d', '--json'],
    ]) {
      expect((await h.run(args)).code).not.toBe(1)
    }

    const secrets = [
      leaf.keyPem,
      createdKey,
      masterBefore,
      masterAfter,
      keyPassphrase,
      exportPassword,
      'wrong key pass',
    ]
    const printed = h.runs.map((run) => `${run.stdout}\n${run.stderr}`).join('\n')
    expect(printed).toContain(importedId)
    expect(leaks(printed, secrets)).toEqual([])
    const files = await h.dataFiles()
    expect(files.map((f) => f.path).join('\n')).toMatch(/audit/)
    for (const file of files)
      expect({ file: file.path, leaks: leaks(file.data, secrets) }).toEqual({ file: file.path, leaks: [] })
    // The check can fail: the exported key file does hold the key.
    expect(leaks(await readFile(join(h.root, `${created.id}-key.pem`)), [createdKey]).length).toBeGreaterThan(0)
  })
})

describe('on a terminal', () => {
  it('asks for passphrases without echoing them and confirms a delete', async () => {
    const h = await home({ init: false })
    const env = { PATH: process.env.PATH ?? '', HOME: h.root, CERTDECK_HOME: h.dataDir, TERM: 'xterm' }
    const secret = 'typed on the terminal 8'
    const init = new PtySession(['init'], env, h.root)
    await init.waitFor('New master passphrase: ')
    init.type(`${secret}\r`)
    await init.waitFor('Repeat the new master passphrase: ')
    init.type(`${secret}\r`)
    expect(await init.exit()).toBe(0)
    expect(init.screen).toContain('Created the repository')
    expect(init.screen).not.toContain(secret)

    h.passphrase = secret
    const created = json<{ id: string }>(await h.run(['certs', 'create', '--cn', 'tty.example.test', '--json']))
    const remove = new PtySession(['certs', 'delete', created.id], env, h.root)
    await remove.waitFor('Master passphrase: ')
    remove.type(`${secret}\r`)
    await remove.waitFor('[y/N]')
    remove.type('y\r')
    expect(await remove.exit()).toBe(0)
    expect(remove.screen).toContain(`Deleted tty.example.test (${created.id})`)
    expect(remove.screen).not.toContain(secret)

    const mismatch = new PtySession(['passphrase', 'change'], env, h.root)
    await mismatch.waitFor('Master passphrase: ')
    mismatch.type(`${secret}\r`)
    await mismatch.waitFor('New master passphrase: ')
    mismatch.type('one thing\r')
    await mismatch.waitFor('Repeat the new master passphrase: ')
    mismatch.type('another\r')
    expect(await mismatch.exit()).toBe(2)
    expect(mismatch.screen).toContain('differ')
    expect((await h.run(['certs', 'list'])).code).toBe(0)
  })
})
