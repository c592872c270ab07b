import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CertificateRequest, Credential } from '@certdeck/core'
import { CliHome, json } from './cli-harness.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYDEFAULTKEY'
const KEY_ID = 'AKIACLITEST000000002'

type ErrorJson = { error: { code: string; message: string } }

describe('defaults a user expects: the credential, the private CA, choices in any case, the domain hint', () => {
  let sandbox: Sandbox
  let h: CliHome
  const addCredential = (name: string) =>
    h.run(
      [
        'credentials',
        'add',
        name,
        '--kind',
        'STATIC',
        '--access-key-id',
        KEY_ID,
        '--secret-stdin',
        '--endpoint',
        sandbox.endpoint,
      ],
      { input: `${SECRET}\n` },
    )

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 200 })
    h = await CliHome.create({ init: true })
  })
  afterAll(async () => {
    await h.dispose()
    await sandbox.close()
  })

  it('uses the only credential, lists them when several and none is the default, and credentials use sets one', async () => {
    const none = await h.run(['requests', 'authorities', '--json'])
    expect(none.code).toBe(2)
    expect(json<ErrorJson>(none).error).toMatchObject({
      code: 'CREDENTIAL_REQUIRED',
      message: expect.stringContaining('certdeck credentials add'),
    })

    expect((await addCredential('sbx')).code).toBe(0)
    const only = await h.run(['requests', 'authorities', '--json'])
    expect(only.code).toBe(0)
    expect(json<unknown[]>(only)).toEqual([])

    expect((await addCredential('other')).code).toBe(0)
    const several = await h.run(['requests', 'authorities'])
    expect(several.code).toBe(2)
    expect(several.stderr).toContain(
      'certdeck: Several credentials exist (other, sbx) and none is the default. Name one with --credential NAME, ' +
        'or make one the default: certdeck credentials use other.',
    )

    const use = await h.run(['credentials', 'use', 'sbx'])
    expect(use.stdout).toBe('Commands that take --credential now use sbx when none is named.\n')
    expect((await h.run(['requests', 'authorities', '--json'])).code).toBe(0)
    const listed = json<Credential[]>(await h.run(['credentials', 'list', '--json']))
    expect(listed.map((c) => [c.name, c.isDefault === true])).toEqual([
      ['other', false],
      ['sbx', true],
    ])
    expect((await h.run(['credentials', 'list'])).stdout).toMatch(/^sbx\s+yes\s+static/m)
    const unknown = await h.run(['credentials', 'use', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('No credential is named "nope". Known: sbx, other.')
  })

  it("request private without --ca uses the region's only ACTIVE CA and lists them when there are several", async () => {
    const caArn = sandbox.control.createCertificateAuthority({ region: 'us-east-1', commonName: 'Only CA' })
    const requested = json<CertificateRequest>(await h.run(['request', 'private', 'svc.defaults.internal', '--json']))
    expect(requested).toMatchObject({ state: 'ISSUED', caArn, credentialId: expect.any(String) })

    const first = sandbox.control.createCertificateAuthority({ region: 'eu-west-1', commonName: 'First CA' })
    const second = sandbox.control.createCertificateAuthority({ region: 'eu-west-1', commonName: 'Second CA' })
    const several = await h.run(['request', 'private', 'svc.defaults.internal', '--region', 'eu-west-1'])
    expect(several.code).toBe(2)
    expect(several.stderr).toContain('2 ACTIVE private CAs in region eu-west-1; choose one with --ca ARN:')
    expect(several.stderr).toContain(first)
    expect(several.stderr).toContain(second)
    const none = await h.run(['request', 'private', 'svc.defaults.internal', '--region', 'ap-south-1', '--json'])
    expect(json<ErrorJson>(none).error.code).toBe('CA_REQUIRED')

    const revoked = await h.run(['revoke', requested.arn!, '--reason', 'superseded', '--yes'])
    expect(revoked.code).toBe(0)
    expect(revoked.stdout).toContain(`Revoked ${requested.arn} (SUPERSEDED).`)
  })

  it('accepts choices in any case and hands them on in their own spelling', async () => {
    const requested = json<CertificateRequest>(
      await h.run(['request', 'public', 'mail.defaults.test', '--validation', 'email', '--json']),
    )
    expect(requested).toMatchObject({ validationMethod: 'EMAIL', state: 'PENDING_VALIDATION' })
    const wrong = await h.run(['request', 'public', 'mail.defaults.test', '--validation', 'carrier-pigeon'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('Allowed choices are DNS, EMAIL (in any case).')
  })

  it('--domain on request public names the positional argument and shows the corrected command', async () => {
    const run = await h.run(['request', 'public', '--domain', 'x.example.com', '--san', 'y.example.com'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      "certdeck: unknown option '--domain'\n" +
        "The domain is the command's argument, not an option. Run: certdeck request public x.example.com --san y.example.com\n",
    )
    const inline = await h.run(['request', 'private', '--domain=*.example.com'])
    expect(inline.stderr).toContain("Run: certdeck request private '*.example.com'")
  })

  it('dns add route53 without --credential uses the only (or default) credential, else lists them', async () => {
    const own = await CliHome.create({ init: true })
    try {
      const add = (name: string) =>
        own.run(['credentials', 'add', name, '--kind', 'static', '--access-key-id', KEY_ID, '--secret-stdin'], {
          input: `${SECRET}\n`,
        })
      expect((await add('dns-acct')).code).toBe(0)
      const added = await own.run(['dns', 'add', 'route53', '--name', 'r53', '--json'])
      expect(added.code, added.stderr).toBe(0)
      const [credential] = json<Credential[]>(await own.run(['credentials', 'list', '--json']))
      expect(json<{ name: string; credentialId: string }>(added)).toMatchObject({
        name: 'r53',
        credentialId: credential?.id,
      })

      expect((await add('other')).code).toBe(0)
      const several = await own.run(['dns', 'add', 'route53', '--name', 'r53b'])
      expect(several.code).toBe(2)
      expect(several.stderr).toContain('certdeck: Several credentials exist (dns-acct, other) and none is the default.')
    } finally {
      await own.dispose()
    }
  })

  it('never prints the credential secret', () => {
    for (const run of h.runs) expect(run.stdout + run.stderr).not.toContain(SECRET)
  })
})
