import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Sandbox, startSandbox } from '@certdeck/aws-sandbox'
import type { CertificateRequest, Deployment, WatchStatus } from '@certdeck/core'
import { makeTestPki } from '@certdeck/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliHome, json, requireBuiltBin } from './cli-harness.js'
import { type SmtpBox, startSmtpBox } from './smtp-box.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWATCHKEY1'
const SMTP_PASSWORD = 'smtp-e2e-password-1'

/** Every run here starts the built bin, as cron or systemd would. */
describe('certdeck watch --once end to end against the sandbox, through the built bin', () => {
  let sandbox: Sandbox
  let h: CliHome
  let smtp: SmtpBox
  const run = (args: string[], input?: string) =>
    h.run(args, { subprocess: true, ...(input !== undefined ? { input } : {}) })

  beforeAll(async () => {
    requireBuiltBin()
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 100, changeSyncDelayMs: 100 })
    await sandbox.control.seed({
      regions: ['us-east-1'],
      certsPerRegion: 1,
      mix: { private: 1 },
      expiringSoon: 1,
      privateCAs: 1,
      hostedZones: 1,
      domain: 'watch.test',
    })
    h = await CliHome.create({ init: true })
    await writeFile(join(h.dataDir, 'config.json'), JSON.stringify({ regions: ['us-east-1', 'us-west-2'] }), {
      mode: 0o600,
    })
    const pki = await makeTestPki({ name: 'Watch SMTP' })
    smtp = await startSmtpBox(pki, 'certdeck', SMTP_PASSWORD)
    const ca = join(h.root, 'smtp-ca.pem')
    await writeFile(ca, pki.root.pem)
    const steps = [
      await run(
        [
          'credentials',
          'add',
          'sbx',
          '--kind',
          'static',
          '--access-key-id',
          'AKIAWATCHTEST0000001',
          '--secret-stdin',
        ].concat(['--endpoint', sandbox.endpoint]),
        `${SECRET}\n`,
      ),
      await run(['dns', 'add', 'route53', '--name', 'r53', '--credential', 'sbx']),
      await run(
        ['notify', 'add', 'email', 'ops', '--smtp-host', 'localhost', '--smtp-port', String(smtp.port)].concat([
          '--tls',
          'starttls',
          '--smtp-user',
          'certdeck',
          '--smtp-password-stdin',
          '--smtp-ca',
          ca,
          '--from',
          'CertDeck <certdeck@watch.test>',
          '--to',
          'ops@watch.test',
        ]),
        `${SMTP_PASSWORD}\n`,
      ),
    ]
    expect(steps.map((s) => [s.code, s.stderr])).toEqual(steps.map(() => [0, '']))
  }, 120_000)
  afterAll(async () => {
    await smtp?.stop()
    await h?.dispose()
    await sandbox?.close()
  })

  it('renews a private certificate near expiry, re-deploys it and sends one "renewed" message', async () => {
    expect((await run(['discover', '--credential', 'sbx', '--bodies'])).code).toBe(0)
    const [cloud] = json<{ arn: string; certificateId: string; notAfter: string }[]>(
      await run(['aws', 'list', '--json']),
    )
    const daysLeft = (Date.parse(cloud?.notAfter ?? '') - Date.now()) / 86_400_000
    expect(daysLeft).toBeLessThan(30)
    expect((await run(['retrieve-key', cloud?.arn ?? '', '--yes'])).code).toBe(0)
    const deploy = await run([
      'deploy',
      cloud?.certificateId ?? '',
      '--credential',
      'sbx',
      '--regions',
      'us-west-2',
      '--auto-redeploy',
    ])
    expect(deploy.code).toBe(0)

    const once = await run(['watch', '--once'])
    expect(once.code).toBe(0)
    expect(once.stderr).toMatch(/ renew ok \d+ms: renewed 1: /)
    const renewed = json<{ version: number; notAfter: string; fingerprintSha256: string }>(
      await run(['certs', 'show', cloud?.certificateId ?? '', '--json']),
    )
    expect(renewed.version).toBe(2)
    expect(Date.parse(renewed.notAfter)).toBeGreaterThan(Date.parse(cloud?.notAfter ?? ''))
    const deployments = json<Deployment[]>(await run(['deployments', 'list', '--json']))
    expect(deployments.find((d) => d.region === 'us-west-2')?.deployedFingerprint).toBe(renewed.fingerprintSha256)
    expect(smtp.mails.map((m) => m.subject)).toEqual(['[CertDeck] 1 certificate renewed'])
    expect(smtp.mails[0]?.text).toContain('renewed: version 2')
  }, 120_000)

  it('a public DNS request with a provider reaches ISSUED by itself; unused, its renewal is at risk', async () => {
    const before = smtp.mails.length
    const requested = json<CertificateRequest>(
      await run(['request', 'public', 'www.watch.test', '--credential', 'sbx', '--dns-provider', 'r53', '--json']),
    )
    expect(requested.state).not.toBe('ISSUED')
    const once = await run(['watch', '--once', '--force'])
    expect(once.code).toBe(0)
    const shown = json<CertificateRequest>(await run(['requests', 'show', requested.id, '--json']))
    expect(shown.state).toBe('ISSUED')
    // Nothing uses the new certificate yet, so ACM would not renew it: the same run says so, once.
    expect(smtp.mails.slice(before).map((m) => m.subject)).toEqual(['[CertDeck] ACM renewal at risk for 1 certificate'])
    expect(smtp.mails.at(-1)?.text).toContain('- www.watch.test (us-east-1): not in use and never exported')
    expect((await run(['watch', '--once', '--force'])).code).toBe(0)
    expect(smtp.mails).toHaveLength(before + 1)
  }, 120_000)

  it('one digest for a certificate 5 days from expiry, nothing on the next run; SMTP down: exit 1, recorded, then ' +
    'delivered', async () => {
    const before = smtp.mails.length
    expect((await run(['certs', 'create', '--cn', 'soon.watch.test', '--days', '5'])).code).toBe(0)
    expect((await run(['watch', '--once', '--force'])).code).toBe(0)
    expect(smtp.mails.slice(before).map((m) => m.subject)).toEqual(['[CertDeck] 1 certificate expires within 7 days'])
    expect(smtp.mails.at(-1)?.text).toContain('soon.watch.test')

    const again = await run(['watch', '--once', '--force'])
    expect(again.code).toBe(0)
    expect(smtp.mails).toHaveLength(before + 1)

    await smtp.stop()
    expect((await run(['certs', 'create', '--cn', 'later.watch.test', '--days', '3'])).code).toBe(0)
    const down = await run(['watch', '--once', '--force', '--log-format', 'json'])
    expect(down.code).toBe(1)
    const lines = down.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { task: string; outcome: string; detail: string })
    expect(lines.find((l) => l.task === 'notify')).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('not delivered'),
    })
    const status = json<WatchStatus>(await run(['watch', 'status', '--json']))
    expect(status.tasks.find((t) => t.id === 'notify')).toMatchObject({ lastOutcome: 'failed', failures: 1 })
    expect(status.notifications[0]).toMatchObject({ channel: 'ops', ok: false })

    await smtp.restart()
    const delivered = await run(['watch', '--once', '--force'])
    expect(delivered.code).toBe(0)
    expect(smtp.mails).toHaveLength(before + 2)
    expect(smtp.mails.at(-1)?.text).toContain('later.watch.test')
    expect(smtp.mails.at(-1)?.text).not.toContain('soon.watch.test')
    for (const r of h.runs) expect(r.stdout + r.stderr).not.toContain(SMTP_PASSWORD)
    for (const file of await h.dataFiles()) expect(file.data.includes(SMTP_PASSWORD)).toBe(false)
  }, 120_000)
})
