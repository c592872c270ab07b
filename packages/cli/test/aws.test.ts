import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { makeTestPki } from '@certdeck/core/testing'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CliHome, json, leaks } from './cli-harness.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCLITESTKEY'

describe('credentials, discover, aws list, deploy and deployments against the sandbox', () => {
  let sandbox: Sandbox
  let h: CliHome
  let certId: string

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
    await sandbox.control.seed({
      regions: ['us-east-1', 'eu-west-1'],
      certsPerRegion: 12,
      keyTypes: ['EC_prime256v1', 'RSA_2048'],
      iamServerCertificates: 2,
    })
    h = await CliHome.create({ init: true })
    const leaf = await (await makeTestPki()).leaf({ commonName: 'cli.example.test', keySlot: 21 })
    const file = join(h.root, 'bundle.pem')
    await writeFile(file, leaf.pem + leaf.keyPem + leaf.chainPem.join(''))
    certId = json<{ certificate: { id: string } }>(await h.run(['certs', 'import', file, '--json'])).certificate.id
  })
  afterAll(async () => {
    await h.dispose()
    await sandbox.close()
  })

  it('adds a static credential with the secret from stdin, lists and tests it', async () => {
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
        '--json',
      ],
      { input: `${SECRET}\n` },
    )
    expect(add.code).toBe(0)
    expect(json(add)).toMatchObject({ name: 'sbx', kind: 'static', accessKeyId: 'AKIACLITEST000000001' })
    const test = await h.run(['credentials', 'test', 'sbx', '--json'])
    expect(json(test)).toEqual({ name: 'sbx', ok: true, accountId: '111122223333' })
    const list = json<{ name: string; accountId?: string }[]>(await h.run(['credentials', 'list', '--json']))
    expect(list.map((c) => [c.name, c.accountId])).toEqual([['sbx', '111122223333']])
  })

  it('takes the secret only from stdin or AWS_SECRET_ACCESS_KEY, never argv', async () => {
    const run = await h.run([
      'credentials',
      'add',
      'nosecret',
      '--kind',
      'static',
      '--access-key-id',
      'AKIACLITEST000000002',
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('AWS_SECRET_ACCESS_KEY')
  })

  it('discovers with progress on stderr and a JSON summary; a region down makes the exit code 1', async () => {
    const ok = await h.run(['discover', '--regions', 'us-east-1,eu-west-1', '--json'])
    expect(ok.code).toBe(0)
    expect(json(ok)).toEqual({ found: 26, new: 26, changed: 0, gone: 0, failedRegions: [] })
    expect(ok.stderr).toContain('sbx us-east-1: 12 certificates')
    expect(ok.stderr).toContain('sbx global: 2 certificates')
    const quiet = await h.run(['discover', '--regions', 'us-east-1,us-west-1', '--no-iam'])
    expect(quiet.stderr).toBe('sbx us-east-1: 12 certificates\n')
    const verbose = await h.run(['discover', '--regions', 'us-east-1,us-west-1', '--no-iam', '--verbose'])
    expect(verbose.stderr).toContain('sbx us-west-1: 0 certificates\n')
    sandbox.control.setFaults({
      regionsDown: { 'eu-west-1': 'unavailable', 'eu-west-2': 'unavailable', 'ap-south-1': 'unavailable' },
    })
    try {
      const partial = await h.run(['discover', '--regions', 'us-east-1,eu-west-1,eu-west-2,ap-south-1', '--no-iam'], {
        subprocess: true,
      })
      expect(partial.code).toBe(1)
      const lines = partial.stdout.trimEnd().split('\n')
      expect(lines[0]).toBe('3 regions failed; found 12 certificates: 0 new, 0 changed, 0 gone.')
      expect(lines[1]).toMatch(
        /^Failed: (sbx (eu-west-1|eu-west-2|ap-south-1)(, |: )){3}AWS answered 503 .* in each region /,
      )
      expect(lines.slice(2)).toEqual([
        'The failed regions keep their previous records, marked stale; run discover again later.',
      ])
      expect(partial.stderr.split('\n').sort()).toEqual([
        '',
        'sbx ap-south-1: failed',
        'sbx eu-west-1: failed',
        'sbx eu-west-2: failed',
        'sbx us-east-1: 12 certificates',
      ])
      const partialJson = await h.run(['discover', '--regions', 'eu-west-1', '--no-iam', '--json'])
      expect(partialJson.code).toBe(1)
      expect(json<{ failedRegions: unknown[] }>(partialJson).failedRegions).toEqual([
        {
          region: 'eu-west-1',
          code: 'AWS_UNAVAILABLE',
          error: expect.stringContaining('eu-west-1'),
          credential: 'sbx',
        },
      ])
    } finally {
      sandbox.control.setFaults({})
    }
    const stale = json<{ stale?: boolean }[]>(await h.run(['aws', 'list', '--region', 'eu-west-1', '--json']))
    expect(stale).toHaveLength(12)
    expect(stale.every((c) => c.stale)).toBe(true)
    const iam = await h.run(['aws', 'list', '--region', 'global'])
    expect(iam.stdout.split('\n')[0]).toMatch(/^REGION\s+KIND\s+STATUS\s+DOMAIN\s+EXPIRES/)
    expect(iam.stdout.trim().split('\n')).toHaveLength(3)
  })

  it('reads the remaining bodies with --bodies', async () => {
    const run = await h.run(['discover', '--regions', 'us-east-1', '--no-iam', '--bodies', '--json'])
    expect(run.code).toBe(0)
    const { bodies } = json<{ bodies: { fetched: number; added: number; failed: number } }>(run)
    expect(bodies.fetched).toBeGreaterThan(5)
    expect(bodies).toMatchObject({ added: bodies.fetched, failed: 0 })
    const records = json<{ fingerprintSha256?: string; status: string }[]>(
      await h.run(['aws', 'list', '--region', 'us-east-1', '--json']),
    )
    expect(records.filter((c) => c.fingerprintSha256)).toHaveLength(bodies.fetched)
  })

  it('deploys with a dry run first, then for real, and lists the deployments', async () => {
    const dry = await h.run(['deploy', certId, '--credential', 'sbx', '--regions', 'us-west-2', '--dry-run', '--json'])
    expect(json(dry)).toEqual([
      {
        certificateId: certId,
        region: 'us-west-2',
        action: 'imported',
        message: 'would import into ACM us-west-2',
        dryRun: true,
      },
    ])
    expect(sandbox.control.calls({ operation: 'ImportCertificate' })).toBe(0)
    const real = await h.run(['deploy', certId, '--credential', 'sbx', '--regions', 'us-west-2', '--auto-redeploy'])
    expect(real.code).toBe(0)
    expect(real.stdout).toMatch(new RegExp(`${certId}\\s+us-west-2\\s+imported\\s+arn:aws:acm:us-west-2:`))
    const deployments = json<{ certificateId: string; region: string; autoRedeploy: boolean; state: string }[]>(
      await h.run(['deployments', 'list', '--json']),
    )
    expect(deployments).toMatchObject([
      { certificateId: certId, region: 'us-west-2', autoRedeploy: true, state: 'deployed' },
    ])
    const refused = await h.run(['credentials', 'remove', 'sbx'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('deployments remove')
    const bad = await h.run(['deploy', certId, '--credential', 'sbx', '--regions', 'mars-1'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('"mars-1" is not an AWS region name')
  })

  it('never prints or stores the secret access key', async () => {
    for (const run of h.runs) expect(leaks(run.stdout + run.stderr, [SECRET])).toEqual([])
    for (const file of await h.dataFiles()) expect(leaks(file.data, [SECRET])).toEqual([])
  })
})
