import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CertificateRequest } from '@certdeck/core'
import { CliHome, json } from './cli-harness.js'
import { changeCname } from './sandbox-dns.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYREQUESTKEY'
const KEY_ID = 'AKIACLITEST000000001'

describe('request, requests, renew, revoke, retrieve-key and delete against the sandbox', () => {
  let sandbox: Sandbox
  let h: CliHome
  let route53: Route53Client
  let zoneId: string

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 200 })
    h = await CliHome.create({ init: true })
    const add = await h.run(
      [
        'credentials',
        'add',
        'sbx',
        '--kind',
        'static',
        '--access-key-id',
        KEY_ID,
        '--secret-stdin',
        '--endpoint',
        sandbox.endpoint,
      ],
      { input: `${SECRET}\n` },
    )
    expect(add.code).toBe(0)
    route53 = new Route53Client({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    })
    zoneId = (await route53.send(new CreateHostedZoneCommand({ Name: 'cli.test', CallerReference: 'cli-requests' })))
      .HostedZone!.Id!
  })
  afterAll(async () => {
    route53.destroy()
    await h.dispose()
    await sandbox.close()
  })
  beforeEach(() => sandbox.control.resetStats())

  it('refuses a bad name with exit 2 before any AWS call', async () => {
    const run = await h.run(['request', 'public', 'www.*.cli.test', '--credential', 'sbx'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("'www.*.cli.test': a wildcard is accepted only as the whole leftmost label")
    const quota = await h.run([
      'request',
      'public',
      'cli.test',
      '--credential',
      'sbx',
      ...Array.from({ length: 10 }, (_, i) => ['--san', `n${i}.cli.test`]).flat(),
      '--json',
    ])
    expect(quota.code).toBe(2)
    expect(json<{ error: { code: string } }>(quota).error.code).toBe('REQUEST_INVALID')
    expect(sandbox.control.calls()).toBe(0)
  })

  it(
    'DNS without a provider: shows the records (text, json, ' + 'bind), the user creates them, refresh issues it',
    async () => {
      const run = await h.run([
        'request',
        'public',
        'www.cli.test',
        '--san',
        '*.www.cli.test',
        '--credential',
        'sbx',
        '--json',
      ])
      expect(run.code).toBe(0)
      const requested = json<CertificateRequest>(run)
      expect(requested.state).toBe('SYNC_RECORDS')
      const records = json<{ name: string; type: string; value: string }[]>(
        await h.run(['requests', 'records', requested.id, '--format', 'json']),
      )
      expect(records).toHaveLength(1)
      const bind = await h.run(['requests', 'records', requested.id, '--format', 'bind'])
      expect(bind.stdout).toBe(`${records[0].name}.\t300\tIN\tCNAME\t${records[0].value}.\n`)
      expect((await h.run(['requests', 'records', requested.id])).stdout).toMatch(
        /^NAME\s+TYPE\s+VALUE\n_[0-9a-f]{32}\.www\.cli\.test\s+CNAME\s+_/,
      )
      expect((await h.run(['requests', 'show', requested.id])).stdout).toContain(
        `Next: create the records (certdeck requests records ${requested.id})`,
      )

      await changeCname(route53, zoneId, 'UPSERT', records[0].name, records[0].value)
      const [issued] = json<CertificateRequest[]>(await h.run(['requests', 'refresh', requested.id, '--json']))
      expect(issued).toMatchObject({ state: 'ISSUED', certificateId: expect.any(String) })
      const list = await h.run(['requests', 'list'])
      expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+KIND\s+STATE\s+DOMAIN/)
      expect(list.stdout).toMatch(new RegExp(`${requested.id}\\s+public\\s+ISSUED\\s+www\\.cli\\.test`))
    },
  )

  it('EMAIL: resend-email names the addresses; approval then refresh issues it', async () => {
    const requested = json<CertificateRequest>(
      await h.run(['request', 'public', 'mail.cli.test', '--validation', 'EMAIL', '--credential', 'sbx', '--json']),
    )
    expect(requested.state).toBe('PENDING_VALIDATION')
    const resend = await h.run(['requests', 'resend-email', requested.id])
    expect(resend.stdout).toBe(
      'Validation email resent to admin@mail.cli.test, administrator@mail.cli.test, ' +
        'hostmaster@mail.cli.test, postmaster@mail.cli.test, webmaster@mail.cli.test.\n',
    )
    sandbox.control.approveEmail(requested.arn!, 'mail.cli.test')
    const refreshed = json<CertificateRequest[]>(await h.run(['requests', 'refresh', '--json']))
    expect(refreshed.find((r) => r.id === requested.id)?.state).toBe('ISSUED')
  })

  it('private: authorities, request, retrieve-key (refused without --yes), renew, revoke, delete', async () => {
    const caArn = sandbox.control.createCertificateAuthority({ region: 'us-east-1', commonName: 'CLI Test CA' })
    const authorities = json<{ arn: string }[]>(
      await h.run(['requests', 'authorities', '--credential', 'sbx', '--json']),
    )
    expect(authorities.map((a) => a.arn)).toEqual([caArn])
    const unknownRegion = await h.run([
      'requests',
      'authorities',
      '--credential',
      'sbx',
      '--region',
      'eu-west-99',
      '--json',
    ])
    expect(unknownRegion.code).toBe(2)
    expect(json<{ error: { code: string; message: string } }>(unknownRegion).error).toMatchObject({
      code: 'REGION_UNKNOWN',
      message: expect.stringContaining('--allow-unknown-region'),
    })
    const allowed = await h.run([
      'requests',
      'authorities',
      '--credential',
      'sbx',
      '--region',
      'eu-west-99',
      '--allow-unknown-region',
      '--json',
    ])
    expect(allowed.code).toBe(0)
    expect(json<unknown[]>(allowed)).toEqual([])
    const requested = json<CertificateRequest>(
      await h.run(['request', 'private', 'svc.cli.internal', '--ca', caArn, '--credential', 'sbx', '--json']),
    )
    expect(requested).toMatchObject({ state: 'ISSUED', kind: 'private' })

    const refused = await h.run(['retrieve-key', requested.id])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('which AWS charges for each time')
    expect(sandbox.control.calls({ operation: 'ExportCertificate' })).toBe(0)
    const retrieved = await h.run(['retrieve-key', requested.id, '--yes'])
    expect(retrieved.code).toBe(0)
    expect(retrieved.stdout).toContain('Sealed the private key of svc.cli.internal')
    expect(retrieved.stdout + retrieved.stderr).not.toContain('PRIVATE KEY-----')

    const renewed = json<CertificateRequest>(await h.run(['renew', requested.arn!, '--json']))
    expect(renewed).toMatchObject({ purpose: 'renewal', state: 'ISSUED' })
    expect(json<{ version: number }>(await h.run(['certs', 'show', requested.certificateId!, '--json'])).version).toBe(
      2,
    )

    const noConfirm = await h.run(['revoke', requested.arn!, '--reason', 'SUPERSEDED'])
    expect(noConfirm.code).toBe(2)
    expect(noConfirm.stderr).toContain('Pass --yes')
    const revoked = await h.run(['revoke', requested.arn!, '--reason', 'SUPERSEDED', '--yes'])
    expect(revoked.code).toBe(0)
    const active = json<{ id: string }[]>(await h.run(['certs', 'list', '--json']))
    expect(active.map((c) => c.id)).not.toContain(requested.certificateId)
    expect(json<{ id: string }[]>(await h.run(['certs', 'list', '--all', '--json'])).map((c) => c.id)).toContain(
      requested.certificateId,
    )
    const cloud = json<{ arn: string; status: string }[]>(await h.run(['aws', 'list', '--json']))
    expect(cloud.find((c) => c.arn === requested.arn)?.status).toBe('REVOKED')

    const deleted = await h.run(['delete', requested.arn!, '--yes'])
    expect(deleted.stdout).toContain('ACM keeps the certificate')
    expect(sandbox.control.certificate(requested.arn!)).toBeDefined()
    expect(json<{ arn: string }[]>(await h.run(['aws', 'list', '--json'])).some((c) => c.arn === requested.arn)).toBe(
      false,
    )
  })

  it('never prints the credential secret', () => {
    for (const run of h.runs) expect(run.stdout + run.stderr).not.toContain(SECRET)
  })
})
