import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, CliHome, json, requireBuiltBin } from './cli-harness.js'

// Stops the process with SIGSTOP at a named step of a save.
const pauseAtStep = fileURLToPath(new URL('./fixtures/pause-at-step.mjs', import.meta.url))

/** SHA-256 of every repository file (the audit log aside: a failed command is audited). */
async function repositoryFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'audit.jsonl') continue
    const path = join(entry.parentPath, entry.name)
    files[path] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex')
  }
  return files
}

async function stopped(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`process ${pid} did not stop`)
}

describe('certdeck paused just before committing (SIGSTOP) while another certdeck saves', () => {
  let h: CliHome
  beforeAll(async () => {
    requireBuiltBin()
    h = await CliHome.create({ init: true })
  })
  afterAll(() => h.dispose())

  it('exits 1 with STORE_LOCK_LOST, writes nothing, and the other command is kept', async () => {
    const first = json<{ id: string }>(await h.run(['certs', 'create', '--cn', 'first.example.test', '--json'])).id
    // On another host sharing the data dir (a live process of this host is never taken over).
    const paused = spawn(
      process.execPath,
      ['--import', pauseAtStep, BIN, 'certs', 'tag', first, 'by=paused', '--json'],
      {
        cwd: h.root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: h.root,
          CERTDECK_HOME: h.dataDir,
          CERTDECK_PASSPHRASE: h.passphrase,
          CERTDECK_TEST_PAUSE_AT: 'before-rename',
          CERTDECK_TEST_HOST: 'paused-host.example',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    paused.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exit = new Promise<number | null>((resolve) => paused.on('exit', resolve))
    try {
      await new Promise<void>((resolve, reject) => {
        paused.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk
          if (stdout.includes('paused at before-rename')) resolve()
        })
        void exit.then(() => reject(new Error(`exited before pausing: ${stderr}`)))
      })
      await stopped(paused.pid!)
      // Waits out the lock's stale time (10 s), takes it over and saves a certificate (a new blob).
      const second = await h.run(['certs', 'create', '--cn', 'second.example.test', '--json'], { subprocess: true })
      expect(second.code, second.stderr).toBe(0)
      const before = await repositoryFiles(h.dataDir)
      paused.kill('SIGCONT')
      expect(await exit).toBe(1)
      const error = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { error: { code: string; message: string } }
      expect(error.error).toMatchObject({ code: 'STORE_LOCK_LOST', message: expect.stringContaining('wrote nothing') })
      expect(await repositoryFiles(h.dataDir)).toEqual(before)
    } finally {
      paused.kill('SIGKILL')
    }
    const listed = json<{ commonName: string; tags: Record<string, string> }[]>(
      await h.run(['certs', 'list', '--json'], { subprocess: true }),
    )
    expect(listed.map((c) => [c.commonName, c.tags])).toEqual([
      ['first.example.test', {}],
      ['second.example.test', {}],
    ])
  }, 90_000)
})
