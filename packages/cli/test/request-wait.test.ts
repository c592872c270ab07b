import { type ChildProcess, spawn } from 'node:child_process'
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CertificateRequest } from '@certdeck/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, CliHome, json, requireBuiltBin } from './cli-harness.js'
import { changeCname } from './sandbox-dns.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWAITKEY001'
const KEY_ID = 'AKIACLIWAIT000000001'

/** The built bin running in the background, its stderr so far, and its exit. */
interface Running {
  readonly child: ChildProcess
  stderr(): string
  readonly exit: Promise<{ code: number | null; stdout: string; stderr: string }>
}

/** Polls `check` every 50 ms until it returns a value, failing after `ms` with `what`. */
async function until<T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('request … --wait: one command from request to certificate, against the sandbox', () => {
  let sandbox: Sandbox
  let h: CliHome
  let route53: Route53Client
  let zoneId: string

  /** Starts `certdeck <args>` from the built bin in the home, as a user at a terminal would. */
  const start = (args: readonly string[]): Running => {
    requireBuiltBin()
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: h.root,
      CERTDECK_HOME: h.dataDir,
      CERTDECK_PASSPHRASE: h.passphrase,
    }
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: h.root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
    return { child, stderr: () => stderr, exit }
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 200, changeSyncDelayMs: 100 })
    h = await CliHome.create({ init: true })
    const add = await h.run(
      ['credentials', 'add', 'sbx', '--kind', 'static', '--access-key-id', KEY_ID, '--secret-stdin'].concat([
        '--endpoint',
        sandbox.endpoint,
      ]),
      { input: `${SECRET}\n` },
    )
    expect(add.code).toBe(0)
    route53 = new Route53Client({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    })
    zoneId = (await route53.send(new CreateHostedZoneCommand({ Name: 'wait.test', CallerReference: 'cli-wait' })))
      .HostedZone!.Id!
    expect((await h.run(['dns', 'add', 'route53', '--name', 'r53', '--credential', 'sbx'])).code).toBe(0)
  })
  afterAll(async () => {
    route53?.destroy()
    await h?.dispose()
    await sandbox?.close()
  })

  it('with the Route 53 provider covering the name: requests, writes the challenge and reaches ISSUED', async () => {
    const run = await h.run(['request', 'public', 'www.wait.test', '--san', 'api.wait.test', '--wait', '--json'])
    expect(run.code, run.stderr).toBe(0)
    const issued = json<CertificateRequest>(run)
    expect(issued).toMatchObject({
      state: 'ISSUED',
      certificateId: expect.any(String),
      dnsProviderId: expect.any(String),
    })
    const lines = run.stderr.split('\n')
    expect(lines[0]).toBe('requesting www.wait.test…')
    expect(lines[1]).toBe(`requested www.wait.test: request ${issued.id} ${issued.arn} in us-east-1, DEPLOY_CHALLENGE`)
    expect(lines).toContain('wrote 2 records in zone wait.test')
    expect(lines).toContain('zone wait.test: in sync; waiting for ACM to validate')
    expect(lines).toContain(`issued: ${issued.arn}`)
    expect(sandbox.control.certificate(issued.arn!)?.status).toBe('ISSUED')
    const cert = json<{ commonName: string; origin: string }>(
      await h.run(['certs', 'show', issued.certificateId!, '--json']),
    )
    expect(cert).toMatchObject({ commonName: 'www.wait.test', origin: 'requested' })
  })

  it('without a provider: prints the records to create, then reaches ISSUED once they exist', async () => {
    const running = start(['request', 'public', 'manual.wait.test', '--no-dns-provider', '--wait'])
    const [, name, value] = await until(
      'the printed record',
      () => /^(_[0-9a-f]{32}\.manual\.wait\.test)\s+CNAME\s+(\S+)$/m.exec(running.stderr()) ?? undefined,
    )
    expect(running.stderr()).toContain('Create this DNS record (no DNS provider writes it)')
    // It keeps saying what it waits for while the record is missing; then the record is created.
    await until(
      'a progress line',
      () => /^waiting for ACM: SYNC_RECORDS \(\d+ s\)$/m.exec(running.stderr()) ?? undefined,
    )
    await changeCname(route53, zoneId, 'UPSERT', name!, value!)
    const done = await running.exit
    expect(done.code, done.stderr).toBe(0)
    expect(done.stdout).toMatch(/^\w+\s+public\s+ISSUED\s+manual\.wait\.test\s/m)
    expect(done.stdout).toMatch(
      /^Issued: certificate \w+ is in the repository \(certdeck certs show \w+\); ACM ARN arn:/m,
    )
  })

  it('EMAIL: names the addresses mailed and reaches ISSUED once the email is approved', async () => {
    const running = start(['request', 'public', 'mail.wait.test', '--validation', 'email', '--wait', '--json'])
    const arn = await until(
      'the requested line',
      () => /^requested mail\.wait\.test: request \w+ (\S+) in/m.exec(running.stderr())?.[1],
    )
    await until('the email line', () =>
      running.stderr().includes('ACM sent the approval email to') ? true : undefined,
    )
    expect(running.stderr()).toContain(
      'ACM sent the approval email to admin@mail.wait.test, administrator@mail.wait.test, hostmaster@mail.wait.test, ' +
        'postmaster@mail.wait.test, webmaster@mail.wait.test; waiting for the approval',
    )
    sandbox.control.approveEmail(arn, 'mail.wait.test')
    const done = await running.exit
    expect(done.code, done.stderr).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ arn, state: 'ISSUED', validationMethod: 'EMAIL' })
  })

  it('private: the only ACTIVE CA issues it at once', async () => {
    sandbox.control.createCertificateAuthority({ region: 'us-east-1', commonName: 'Wait Test CA' })
    const run = await h.run(['request', 'private', 'svc.wait.internal', '--wait'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^\w+\s+private\s+ISSUED\s+svc\.wait\.internal\s/m)
    expect(run.stderr).toMatch(/^issued: arn:aws:acm:us-east-1:\d+:certificate\//m)
  })

  it('time-out: exit 1 saying the request is still pending and how to resume; requests wait resumes it', async () => {
    const run = await h.run([
      'request',
      'public',
      'late.wait.test',
      '--no-dns-provider',
      '--wait',
      '--timeout',
      '1s',
      '--json',
    ])
    expect(run.code).toBe(1)
    const { error } = json<{ error: { code: string; message: string } }>(run)
    expect(error.code).toBe('REQUEST_WAIT_TIMED_OUT')
    const id = /request (\w+) \(late\.wait\.test\)/.exec(error.message)?.[1]
    expect(error.message).toBe(
      `Stopped waiting after 1s (--timeout): request ${id} (late.wait.test) is still SYNC_RECORDS; it stays in the ` +
        `repository and ACM keeps validating it. Resume with: certdeck requests wait ${id} (details: certdeck ` +
        `requests show ${id}; or create the records (certdeck requests records ${id}), then certdeck requests ` +
        `refresh ${id}).`,
    )
    expect(run.stderr).toContain(`certdeck: ${error.message}`)
    const listed = json<CertificateRequest[]>(await h.run(['requests', 'list', '--json']))
    expect(listed.find((r) => r.id === id)?.state).toBe('SYNC_RECORDS')

    const [record] = json<{ name: string; value: string }[]>(await h.run(['requests', 'records', id!, '--json']))
    await changeCname(route53, zoneId, 'UPSERT', record!.name, record!.value)
    const resumed = await h.run(['requests', 'wait', id!, '--json'])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(json<CertificateRequest>(resumed)).toMatchObject({ id, state: 'ISSUED' })
  })

  it('Ctrl-C stops the wait with the same message; the request is kept', async () => {
    const running = start(['request', 'public', 'stop.wait.test', '--no-dns-provider', '--wait'])
    await until('a waiting line', () => (/^waiting for ACM: /m.test(running.stderr()) ? true : undefined))
    running.child.kill('SIGINT')
    const done = await running.exit
    expect(done.code).toBe(1)
    const stopped = /^certdeck: Stopped waiting \(interrupted\): request (\w+) \(stop\.wait\.test\) is still /m
    const id = stopped.exec(done.stderr)?.[1]
    expect(done.stderr).toMatch(/is still SYNC_RECORDS; it stays in the repository/)
    expect(id, done.stderr).toBeDefined()
    expect(done.stderr).toContain(`Resume with: certdeck requests wait ${id} `)
    const listed = json<CertificateRequest[]>(await h.run(['requests', 'list', '--json']))
    expect(listed.find((r) => r.id === id)?.state).toBe('SYNC_RECORDS')
  })

  it('Ctrl-C while the request is being sent lets it finish, then stops with the same message', async () => {
    sandbox.control.setLatency(1500)
    try {
      const running = start(['request', 'public', 'early.wait.test', '--no-dns-provider', '--wait'])
      await until('the requesting line', () =>
        running.stderr().startsWith('requesting early.wait.test…') ? true : undefined,
      )
      running.child.kill('SIGINT')
      const done = await running.exit
      expect(done.code).toBe(1)
      expect(done.stderr).toContain('Ctrl-C: stopping the wait; the request is kept (Ctrl-C again quits at once)')
      const id = /^certdeck: Stopped waiting \(interrupted\): request (\w+) \(early\.wait\.test\) is still /m.exec(
        done.stderr,
      )?.[1]
      expect(id, done.stderr).toBeDefined()
      expect(done.stderr).not.toMatch(/^waiting for ACM/m)
      sandbox.control.setLatency(0)
      const kept = json<CertificateRequest>(await h.run(['requests', 'show', id!, '--json']))
      expect(kept).toMatchObject({ state: 'SYNC_RECORDS', arn: expect.stringMatching(/^arn:aws:acm:/) })
    } finally {
      sandbox.control.setLatency(0)
    }
  })

  it('a request ACM gives up on (72 hours without validation) ends the wait with exit 1 and its state', async () => {
    const running = start(['request', 'public', 'expired.wait.test', '--no-dns-provider', '--wait'])
    await until('a waiting line', () => (/^waiting for ACM: /m.test(running.stderr()) ? true : undefined))
    sandbox.control.advanceTime(73 * 3600 * 1000)
    const done = await running.exit
    expect(done.code).toBe(1)
    expect(done.stderr).toMatch(
      /^certdeck: Request \w+ \(expired\.wait\.test\) ended VALIDATION_TIMED_OUT\. Request the certificate again\.$/m,
    )
  })

  it('--timeout without --wait is bad usage, before any AWS call', async () => {
    sandbox.control.resetStats()
    const run = await h.run(['request', 'public', 'x.wait.test', '--timeout', '5m'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--timeout bounds the wait of --wait; add --wait')
    expect(sandbox.control.calls()).toBe(0)
    const bad = await h.run(['request', 'public', 'x.wait.test', '--wait', '--timeout', '15'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("'15' is not a time-out.")
  })

  it('never prints the credential secret', () => {
    for (const run of h.runs) expect(run.stdout + run.stderr).not.toContain(SECRET)
  })
})
