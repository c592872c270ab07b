import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentEndpoint } from '@certdeck/aws-sandbox'
import { CliHome } from './cli-harness.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYGUARDSKEY'

describe('AWS guards of the CLI: time-outs, region names, endpoints', () => {
  let silent: Awaited<ReturnType<typeof silentEndpoint>>
  let h: CliHome
  beforeAll(async () => {
    silent = await silentEndpoint()
    h = await CliHome.create({ init: true })
    await writeFile(join(h.dataDir, 'config.json'), JSON.stringify({ timeouts: { connectMs: 500, requestMs: 400 } }))
  })
  afterAll(async () => {
    await h.dispose()
    await silent.close()
  })

  const addStatic = (name: string, extra: string[]) =>
    h.run(
      [
        'credentials',
        'add',
        name,
        '--kind',
        'static',
        '--access-key-id',
        'AKIAGUARDTEST0000001',
        '--secret-stdin',
        ...extra,
      ],
      { input: `${SECRET}\n` },
    )

  it('credentials test against an endpoint that never answers fails with a time-out instead of hanging', async () => {
    expect((await addStatic('silent', ['--endpoint', silent.endpoint])).code).toBe(0)
    const run = await h.run(['credentials', 'test', 'silent'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`${silent.endpoint} did not answer ACM ListCertificates in us-east-1 within 0.4 s`)
    expect(run.stderr).toContain('"timeouts"')
    expect(run.stderr + run.stdout).not.toContain(SECRET)
  })

  it('discover --regions eu-west-99 is refused with the valid regions, unless --allow-unknown-region', async () => {
    const run = await h.run(['discover', '--regions', 'eu-west-99'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"eu-west-99" is not a region this CertDeck knows')
    expect(run.stderr).toContain('us-east-1, us-east-2')
    expect(run.stderr).toContain('--allow-unknown-region')
    const allowed = await h.run(['discover', '--regions', 'eu-west-99', '--no-iam', '--allow-unknown-region', '--json'])
    // It got as far as calling AWS: the silent endpoint times out, a failure of that region.
    expect(allowed.code).toBe(1)
    expect(JSON.parse(allowed.stdout).failedRegions).toMatchObject([{ region: 'eu-west-99', credential: 'silent' }])
  })

  it('deploy takes the same check', async () => {
    const run = await h.run(['deploy', 'abc', '--credential', 'silent', '--regions', 'us-east-1,me-north-9'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"me-north-9" is not a region this CertDeck knows')
  })

  it('credentials add refuses plain http to another machine', async () => {
    const run = await addStatic('lan', ['--endpoint', 'http://10.1.2.3:4566'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('plain http to another machine')
  })
})
