import { type ChildProcess, spawn } from 'node:child_process'
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTestPki } from '@certdeck/core/testing'
import { describe, expect, it } from 'vitest'
import { BIN, json, homesForEachTest, leaks, requireBuiltBin } from './cli-harness.js'
import { startSmtpBox } from './smtp-box.js'

const newHome = homesForEachTest({ init: true })

async function snapshot(home: Awaited<ReturnType<typeof newHome>>) {
  return (await home.dataFiles())
    .filter((f) => !f.path.endsWith('audit.jsonl'))
    .map((f) => [f.path, f.data.toString('base64')])
}

describe('notify and watch: bad input', () => {
  it('exits 2 with a clear message and writes nothing', async () => {
    const h = await newHome()
    const before = await snapshot(h)
    const cases: [string[], RegExp][] = [
      [['notify', 'rules', '--thresholds', '30,14,-7'], /not a list of positive whole days \("-7" is not\)/],
      [['notify', 'rules', '--thresholds', '30,1.5'], /positive whole days/],
      [['notify', 'rules', '--events', 'expiring,bogus'], /Unknown event "bogus". Accepted events are/],
      [['watch', 'config', '--discover-every', '0 25 * * *'], /not a valid cron expression/],
      [['watch', 'config', '--refresh-every', '10s'], /shorter than a minute/],
      [['notify', 'test', 'nope'], /There is no notification channel named "nope"/],
      [['notify', 'remove', 'nope'], /There is no notification channel named "nope"/],
      [['notify', 'rules', '--channel', 'nope'], /no notification channel named "nope"/],
      [['notify', 'add', 'webhook', 'w', '--url', 'http://hooks.example.com/x'], /plain http to another machine/],
      [
        ['notify', 'add', 'webhook', 'w', '--url', 'https://h.example.com', '--format', 'xml'],
        /Accepted: json, slack, teams/,
      ],
      [
        ['notify', 'add', 'email', 'm', '--smtp-host', 'h', '--from', 'nobody', '--to', 'a@b.test'],
        /--from address "nobody"/,
      ],
      [['notify', 'add', 'command', 'c', '--script', '/nonexistent/notify.sh'], /does not exist/],
      [['watch', '--force'], /--force goes with --once/],
      [['watch', '--metrics', 'localhost'], /not HOST:PORT/],
    ]
    for (const [args, message] of cases) {
      const run = await h.run(args)
      expect([args.join(' '), run.code]).toEqual([args.join(' '), 2])
      expect(run.stderr).toMatch(message)
    }
    expect(await snapshot(h)).toEqual(before)
  })

  it('renewal health events are on by default and can be chosen alone', async () => {
    const h = await newHome()
    const defaults = json<{ events: string[] }>(await h.run(['notify', 'rules', '--json']))
    expect(defaults.events).toEqual(expect.arrayContaining(['renewal-at-risk', 'renewal-failing']))
    const set = await h.run(['notify', 'rules', '--events', 'renewal-failing,renewal-at-risk'])
    expect(set.code).toBe(0)
    expect(set.stdout).toMatch(/Events\s+renewal-failing, renewal-at-risk\n/)
  })

  it('reads the master passphrase from CERTDECK_PASSPHRASE_FILE, refusing one others can read', async () => {
    const h = await newHome()
    const file = join(h.root, 'passphrase')
    await writeFile(file, `${h.passphrase}\n`, { mode: 0o644 })
    await chmod(file, 0o644)
    const env = { CERTDECK_PASSPHRASE: undefined, CERTDECK_PASSPHRASE_FILE: file }
    const exposed = await h.run(['watch', 'config'], { env })
    expect(exposed.code).toBe(2)
    expect(exposed.stderr).toContain(
      `can be read or changed by other users (mode 644), so it was not used. Make it private with: chmod 600 ${file}`,
    )
    const missing = await h.run(['watch', 'config'], {
      env: { ...env, CERTDECK_PASSPHRASE_FILE: join(h.root, 'none') },
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cannot be read (ENOENT)')
    await chmod(file, 0o600)
    const ok = await h.run(['watch', 'config', '--json'], { env })
    expect(ok.code).toBe(0)
    expect(json<{ renewBeforeDays: number }>(ok).renewBeforeDays).toBe(30)
    for (const run of h.runs) expect(run.stdout + run.stderr).not.toContain(h.passphrase)
  })

  it('notify test says plainly that the SMTP login was refused; the password never shows', async () => {
    const h = await newHome()
    const pki = await makeTestPki({ name: 'CLI SMTP' })
    const box = await startSmtpBox(pki, 'certdeck', 'the-right-password')
    try {
      const ca = join(h.root, 'ca.pem')
      await writeFile(ca, pki.root.pem)
      const add = await h.run(
        ['notify', 'add', 'email', 'mail', '--smtp-host', 'localhost', '--smtp-port', String(box.port)].concat([
          '--smtp-user',
          'certdeck',
          '--smtp-password-stdin',
          '--smtp-ca',
          ca,
          '--from',
          'certdeck@example.test',
          '--to',
          'ops@example.test',
          '--json',
        ]),
        { input: 'a-wrong-password\n' },
      )
      expect(add.code).toBe(0)
      expect(json(add)).toMatchObject({ name: 'mail', kind: 'email', email: { password: true, tls: 'starttls' } })
      const test = await h.run(['notify', 'test', 'mail'])
      expect(test.code).toBe(1)
      expect(test.stderr).toMatch(/the SMTP server localhost:\d+ refused the login of certdeck/)
      expect(box.mails).toEqual([])
      const files = await h.dataFiles()
      expect(files.flatMap((f) => leaks(f.data, ['a-wrong-password']))).toEqual([])
      expect(h.runs.flatMap((r) => leaks(r.stdout + r.stderr, ['a-wrong-password']))).toEqual([])
    } finally {
      await box.stop()
    }
  })
})

function waitForLine(child: ChildProcess, pattern: RegExp, within = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${within} ms:\n${seen}`)),
      within,
    )
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8')
      const line = seen.split('\n').find((l) => pattern.test(l))
      if (line) {
        clearTimeout(timer)
        child.stderr?.off('data', onData)
        resolve(line)
      }
    }
    child.stderr?.on('data', onData)
  })
}

describe('certdeck watch in the foreground', () => {
  it('serves metrics and /healthz, logs one line per task, and exits 0 on SIGTERM', async () => {
    requireBuiltBin()
    const h = await newHome()
    expect((await h.run(['certs', 'create', '--cn', 'metrics.example.test', '--days', '20'])).code).toBe(0)
    const child = spawn(process.execPath, [BIN, 'watch', '--metrics', '127.0.0.1:0', '--log-format', 'json'], {
      env: { PATH: process.env.PATH ?? '', HOME: h.root, CERTDECK_HOME: h.dataDir, CERTDECK_PASSPHRASE: h.passphrase },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const started = JSON.parse(await waitForLine(child, /"detail":"started/)) as { detail: string }
      const address = /metrics on (http:\/\/[^/]+)\/metrics/.exec(started.detail)?.[1]
      const notify = JSON.parse(await waitForLine(child, /"task":"notify"/)) as { outcome: string }
      expect(notify.outcome).toBe('ok')
      const health = await fetch(`${address}/healthz`)
      expect(health.status).toBe(200)
      const text = await (await fetch(`${address}/metrics`)).text()
      expect(text).toMatch(
        new RegExp(
          'certdeck_certificate_not_after_timestamp_seconds' +
            '\\{id="[0-9a-f]+",common_name="metrics\\.example\\.test",origin="created"\\} \\d+',
        ),
      )
      expect(text).toMatch(/certdeck_task_last_success_timestamp_seconds\{task="notify"\} \d+/)
      expect(text).toContain('certdeck_task_failures_total{task="refresh"} 0')
      expect(text).toContain('# TYPE certdeck_request_state gauge')
      expect(text).toContain('# TYPE certdeck_notifications_sent_total counter')
      expect((await fetch(`${address}/nope`)).status).toBe(404)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  }, 60_000)
})
