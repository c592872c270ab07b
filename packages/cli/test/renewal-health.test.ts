import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DescribeCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm'
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53'
import { ACMClient } from '@aws-sdk/client-acm'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CloudCertificate, CloudCertificateView } from '@certdeck/core'
import { makeTestPki } from '@certdeck/core/testing'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CliHome, json } from './cli-harness.js'
import { changeCname } from './sandbox-dns.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYHEALTHKEY0'
const ACCOUNT = '111122223333'
const LB = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/${name}/0123456789abcdef`
const CLOUDFRONT = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`

describe('renewal health and impact through the CLI, the real SDK and the sandbox', () => {
  let sandbox: Sandbox
  let h: CliHome
  let acmClient: ACMClient
  let route53: Route53Client
  let zoneId: string
  let usedArn: string
  let cname: { Name: string; Value: string }
  let idleArn: string
  let privateArn: string

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 0 })
    const config = {
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAOUTOFBAND0000001', secretAccessKey: 'out-of-band' },
    }
    acmClient = new ACMClient(config)
    route53 = new Route53Client(config)
    zoneId = (await route53.send(new CreateHostedZoneCommand({ Name: 'health.example.com', CallerReference: 'h' })))
      .HostedZone!.Id!
    const issue = async (name: string) => {
      const { CertificateArn } = await acmClient.send(
        new RequestCertificateCommand({ DomainName: name, ValidationMethod: 'DNS' }),
      )
      const detail = await acmClient.send(new DescribeCertificateCommand({ CertificateArn }))
      const record = detail.Certificate!.DomainValidationOptions![0].ResourceRecord!
      await changeCname(route53, zoneId, 'UPSERT', record.Name!, record.Value!)
      return { arn: CertificateArn!, record: { Name: record.Name!, Value: record.Value! } }
    }
    const used = await issue('www.health.example.com')
    usedArn = used.arn
    cname = used.record
    sandbox.control.setInUse(usedArn, [LB('web')])
    idleArn = (await issue('idle.health.example.com')).arn
    const caArn = sandbox.control.createCertificateAuthority({ region: 'us-east-1', commonName: 'Health Test CA' })
    privateArn = (
      await acmClient.send(
        new RequestCertificateCommand({ DomainName: 'internal.health.example.com', CertificateAuthorityArn: caArn }),
      )
    ).CertificateArn!
    sandbox.control.setInUse(privateArn, [LB('api'), CLOUDFRONT, LB('admin')])

    h = await CliHome.create({ init: true })
    const add = await h.run(
      [
        'credentials',
        'add',
        'sbx',
        '--kind',
        'static',
        '--access-key-id',
        'AKIACLITEST000000001',
        '--secret-stdin',
        '--endpoint',
        sandbox.endpoint,
      ],
      { input: `${SECRET}\n` },
    )
    expect(add.code).toBe(0)
    expect((await h.run(['dns', 'add', 'route53', '--name', 'zone-dns', '--credential', 'sbx'])).code).toBe(0)
    const discover = await h.run(['discover', '--regions', 'us-east-1', '--no-iam', '--details', '--json'])
    expect(discover.code).toBe(0)
    expect(json<{ details: { read: number; failed: number } }>(discover).details).toEqual({
      read: 2,
      failed: 0,
      throttled: 0,
    })
  })
  afterAll(async () => {
    await h.dispose()
    await sandbox.close()
  })

  it('aws show names the load balancer using a certificate and its health', async () => {
    const shown = await h.run(['aws', 'show', usedArn, '--json'])
    expect(shown.code).toBe(0)
    const view = json<CloudCertificateView>(shown)
    expect(view.resources).toEqual([
      { service: 'elasticloadbalancing', noun: 'load balancer', nouns: 'load balancers', arns: [LB('web')] },
    ])
    expect(view.usage).toBe('1 load balancer uses it')
    expect(view.record.health).toMatchObject({ state: 'ok', renewedBy: 'acm', detailed: true })
    expect(view.record.details?.recordChecks).toEqual([
      expect.objectContaining({ state: 'present', zone: 'health.example.com', provider: 'zone-dns' }),
    ])
    const text = await h.run(['aws', 'show', usedArn])
    expect(text.stdout).toContain('Renewal health  ok')
    expect(text.stdout).toContain(`1 load balancer uses it:\n  load balancer: ${LB('web')}`)
  })

  it('an unused Amazon-issued certificate is at risk: not in use', async () => {
    const view = json<CloudCertificateView>(await h.run(['aws', 'show', idleArn, '--json']))
    expect(view.record.health?.state).toBe('at-risk')
    expect(view.record.health?.reasons.map((r) => r.message)).toEqual([
      'not in use and never exported: ACM will not renew it',
    ])
    expect(view.usage).toBe('nothing uses it')
  })

  it('deleting the validation CNAME puts the certificate at risk, with the reason', async () => {
    await changeCname(route53, zoneId, 'DELETE', cname.Name, cname.Value)
    try {
      const shown = await h.run(['aws', 'show', usedArn])
      expect(shown.stdout).toContain('Renewal health  ! at-risk')
      const name = cname.Name.replace(/\.$/, '')
      expect(shown.stdout).toContain(`the validation CNAME ${name} (zone health.example.com) is gone`)
      const atRisk = json<CloudCertificate[]>(await h.run(['aws', 'list', '--renewal', 'at-risk', '--json']))
      expect(atRisk.map((r) => r.arn).sort()).toEqual([usedArn, idleArn].sort())
      const table = await h.run(['aws', 'list', '--renewal', 'at-risk'])
      expect(table.stdout.split('\n')[0]).toContain('RENEWAL')
      expect(table.stdout).toContain('! at-risk')
      const failing = await h.run(['aws', 'list', '--renewal', 'failing'])
      expect([failing.code, failing.stdout]).toEqual([
        0,
        "No Amazon-issued certificate's renewal is failing (as the last discovery and details pass saw them: " +
          'certdeck discover --details reads them again).\n',
      ])
      const bad = await h.run(['aws', 'list', '--renewal', 'sick'])
      expect(bad.code).toBe(2)
    } finally {
      await changeCname(route53, zoneId, 'UPSERT', cname.Name, cname.Value)
    }
  })

  it('expiring shows the health beside the days left', async () => {
    const run = await h.run(['expiring', '--within', '400d', '--json'])
    expect(run.code).toBe(3)
    const { cloud } = json<{
      cloud: { arn: string; daysLeft: number; health: string | null; healthReasons: string[] }[]
    }>(run)
    expect(cloud.find((c) => c.arn === idleArn)).toMatchObject({
      health: 'at-risk',
      healthReasons: ['not in use and never exported: ACM will not renew it'],
    })
    expect(cloud.find((c) => c.arn === privateArn)).toMatchObject({ health: null })
    const text = await h.run(['expiring', '--within', '400d'])
    expect(text.stdout).toMatch(/DAYS LEFT\s+HEALTH/)
  })

  it('revoking a used private certificate names the resources and needs --yes', async () => {
    const refused = await h.run(['revoke', privateArn, '--reason', 'SUPERSEDED'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('2 load balancers and 1 CloudFront distribution use it:')
    expect(refused.stderr).toContain(`  CloudFront distribution: ${CLOUDFRONT}`)
    expect(refused.stderr).toContain('Pass --yes to go ahead.')
    expect(sandbox.control.certificate(privateArn)?.status).toBe('ISSUED')

    const done = await h.run(['revoke', privateArn, '--reason', 'SUPERSEDED', '--yes', '--json'])
    expect(done.code).toBe(0)
    expect(json(done)).toMatchObject({ revoked: true, usedBy: [LB('api'), CLOUDFRONT, LB('admin')] })
    expect(sandbox.control.certificate(privateArn)?.status).toBe('REVOKED')
  })

  it('deploy --replace names the resources a re-import changes and needs --yes', async () => {
    const pki = await makeTestPki()
    const DAY = 86_400_000
    const write = async (name: string, leaf: Awaited<ReturnType<typeof pki.leaf>>) => {
      const file = join(h.root, name)
      await writeFile(file, leaf.pem + leaf.keyPem + leaf.chainPem.join(''))
      return file
    }
    const first = await pki.leaf({ commonName: 'replace.health.example.com', keySlot: 31 })
    const imported = await h.run(['certs', 'import', await write('first.pem', first), '--json'])
    const id = json<{ certificate: { id: string } }>(imported).certificate.id
    const deployed = json<{ arn: string }[]>(
      await h.run(['deploy', id, '--credential', 'sbx', '--regions', 'us-east-1', '--json']),
    )[0].arn
    sandbox.control.setInUse(deployed, [LB('shop')])
    const renewed = await pki.leaf({
      commonName: 'replace.health.example.com',
      keySlot: 31,
      notAfter: new Date(Date.now() + 200 * DAY),
    })
    expect((await h.run(['certs', 'import', await write('renewed.pem', renewed)])).code).toBe(0)
    const before = sandbox.control.certificate(deployed)?.serial

    const refused = await h.run(['deploy', id, '--credential', 'sbx', '--regions', 'us-east-1', '--replace'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`Re-importing onto ${deployed}: 1 load balancer uses it:`)
    expect(refused.stderr).toContain('Pass --yes to go ahead.')
    expect(sandbox.control.certificate(deployed)?.serial).toBe(before)

    const done = await h.run([
      'deploy',
      id,
      '--credential',
      'sbx',
      '--regions',
      'us-east-1',
      '--replace',
      '--yes',
      '--json',
    ])
    expect(done.code).toBe(0)
    expect(json(done)).toEqual([expect.objectContaining({ action: 'reimported', arn: deployed })])
    expect(sandbox.control.certificate(deployed)?.serial).not.toBe(before)
  })
})
