import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliHome, json } from './cli-harness.js'

vi.setConfig({ testTimeout: 120_000 })

let h: CliHome
beforeAll(async () => {
  h = await CliHome.create({ init: true })
})
afterAll(() => h.dispose())

let files = 0
async function batchFile(...lines: string[]): Promise<string> {
  files += 1
  const path = join(h.root, `batch-${files}.txt`)
  await writeFile(path, `${lines.join('\n')}\n`)
  return path
}

async function names(): Promise<string[]> {
  const list = await h.run(['certs', 'list', '--json'])
  return json<{ commonName: string }[]>(list).map((c) => c.commonName)
}

async function tagsOf(id: string): Promise<Record<string, string>> {
  return json<{ tags: Record<string, string> }>(await h.run(['certs', 'show', id, '--json'])).tags
}

describe('certdeck batch', () => {
  it('runs every line of a file as its own command: shell quoting, comments and blank lines', async () => {
    const created = json<{ id: string }>(await h.run(['certs', 'create', '--cn', 'batch-one.example.test', '--json']))
    const path = await batchFile(
      '# tag the new entry, then add another',
      `certs tag ${created.id} 'owner=Team Blue' note="a \\"quoted\\" word"`,
      '',
      'certdeck certs create --cn batch-two.example.test   # the leading certdeck is optional',
      'certs list',
    )
    const run = await h.run(['batch', path])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(await tagsOf(created.id)).toMatchObject({ owner: 'Team Blue', note: 'a "quoted" word' })
    expect(await names()).toEqual(expect.arrayContaining(['batch-one.example.test', 'batch-two.example.test']))
    // Each line printed its own output: the create's confirmation and the listing's table.
    expect(run.stdout).toContain('batch-two.example.test')
    expect(run.stdout.match(/batch-one\.example\.test/g)?.length).toBeGreaterThanOrEqual(1)
  })

  it('reads the lines from stdin, running each as it arrives', async () => {
    const run = await h.run(['batch'], {
      input: 'certs create --cn stdin-one.example.test\ncerts create --cn stdin-two.example.test\n',
    })
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
    expect(await names()).toEqual(expect.arrayContaining(['stdin-one.example.test', 'stdin-two.example.test']))
  })

  it('stops at the first failing line with its exit code and names it; --keep-going runs the rest', async () => {
    const stopped = await h.run([
      'batch',
      await batchFile(
        'certs create --cn stop-before.example.test',
        'certs tag no-such-entry a=b',
        'certs create --cn stop-after.example.test',
      ),
    ])
    expect(stopped.code).not.toBe(0)
    expect(stopped.stderr).toContain('no-such-entry')
    expect(stopped.stderr).toContain('certdeck batch: line 2 failed')
    expect(stopped.stderr).toContain('--keep-going')
    const after = await names()
    expect(after).toContain('stop-before.example.test')
    expect(after).not.toContain('stop-after.example.test')

    const kept = await h.run([
      'batch',
      '--keep-going',
      await batchFile('certs tag no-such-entry a=b', 'certs create --cn kept-after.example.test'),
    ])
    expect(kept.code).toBe(stopped.code)
    expect(kept.stderr).toContain('1 line(s) failed, the first at line 1')
    expect(await names()).toContain('kept-after.example.test')
  })

  it('goes on past a line that found something (expiring, exit 3) and exits 3', async () => {
    const run = await h.run([
      'batch',
      await batchFile('expiring --within 400', 'certs create --cn after-expiring.example.test'),
    ])
    expect(run.code).toBe(3)
    expect(await names()).toContain('after-expiring.example.test')
  })

  it.each([
    ['a pipe', 'certs list | head', '"|" needs a shell'],
    ['a nested batch', 'batch other.txt', 'batches do not nest'],
    ['a global option', 'certs list --data-dir /tmp/elsewhere', '--data-dir belongs to the whole batch'],
  ])('refuses a file with %s before running any of its lines', async (_what, line, message) => {
    const before = await names()
    const run = await h.run(['batch', await batchFile('certs create --cn never-run.example.test', line)])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`Line 2 of the batch cannot run: ${message}`)
    expect(run.stderr).toContain('no line of the file was run')
    expect(await names()).toEqual(before)
  })

  it('keeps stdin for the commands: refuses a line that would read a secret from it, and the passphrase from it', async () => {
    const secret = await h.run(['batch'], {
      input: 'certs create --cn ok.example.test\ncredentials add x --secret-stdin\n',
    })
    expect(secret.code).toBe(2)
    expect(secret.stderr).toContain(
      "Line 2 of the batch cannot run: --secret-stdin would read the batch's own commands",
    )
    const passphrase = await h.run(['--master-passphrase-stdin', 'batch'], { input: 'pass\ncerts list\n' })
    expect(passphrase.code).toBe(2)
    expect(passphrase.stderr).toContain('the master passphrase cannot come from there too')
  })
})
