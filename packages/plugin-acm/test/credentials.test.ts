import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { openTestDeck, SECRET_ACCESS_KEY, type TestDeck } from './support/deck.js'
import { errorEndpoint } from './support/error-endpoint.js'

async function everyFile(dir: string): Promise<string> {
  const names = await readdir(dir)
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'latin1').catch(() => '')))).join('\n')
}

describe('credentials through openCertDeck and the ACM plugin', () => {
  let sandbox: Sandbox
  let t: TestDeck
  let awsDir: string
  const savedEnv = { ...process.env }

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
    await sandbox.control.seed({ regions: ['us-east-1'], certsPerRegion: 1 })
    t = await openTestDeck({ maxAttempts: 1 })
    awsDir = await mkdtemp(join(tmpdir(), 'certdeck-aws-config-'))
  })
  afterAll(async () => {
    process.env = savedEnv
    await rm(awsDir, { recursive: true, force: true })
    await t.close()
    await sandbox.close()
  })

  it('seals a static secret: it is in no file, no listing and no audit event', async () => {
    const added = await t.addCredential(sandbox.endpoint, 'prod')
    expect(added).toMatchObject({
      name: 'prod',
      kind: 'static',
      accessKeyId: 'AKIASANDBOXTEST0001',
      endpoint: sandbox.endpoint,
    })
    expect(JSON.stringify(added)).not.toContain('secretAccessKey')
    expect(JSON.stringify(await t.deck.credentials.list())).not.toContain(SECRET_ACCESS_KEY)
    expect(await everyFile(t.dataDir)).not.toContain(SECRET_ACCESS_KEY)
    expect(JSON.stringify(await t.deck.auditEvents())).not.toContain(SECRET_ACCESS_KEY)
    expect((await t.deck.auditEvents()).some((e) => e.action === 'credential.add' && e.target === 'prod')).toBe(true)
  })

  it('tests with one ACM call and learns the account id', async () => {
    sandbox.control.resetStats()
    expect(await t.deck.credentials.test('prod')).toEqual({ accountId: '111122223333' })
    expect(sandbox.control.calls()).toBe(1)
    expect((await t.deck.credentials.list()).find((c) => c.name === 'prod')?.accountId).toBe('111122223333')
  })

  it('refuses bad input with what is accepted, writing nothing', async () => {
    const before = await everyFile(t.dataDir)
    const cases: [Parameters<TestDeck['deck']['credentials']['add']>[0], string][] = [
      [{ name: 'prod', kind: 'default-chain' }, 'CREDENTIAL_EXISTS'],
      [{ name: 'bad name!', kind: 'default-chain' }, 'CREDENTIAL_NAME'],
      [{ name: 'k', kind: 'static', accessKeyId: 'AKIASANDBOXTEST0001' }, 'SECRET_ACCESS_KEY'],
      [{ name: 'k', kind: 'profile', profile: 'x', secretAccessKey: SECRET_ACCESS_KEY }, 'CREDENTIAL_FIELDS'],
      [{ name: 'k', kind: 'assume-role', roleArn: 'role/x', source: 'prod' }, 'ROLE_ARN'],
      [
        { name: 'k', kind: 'assume-role', roleArn: 'arn:aws:iam::123456789012:role/CertDeck', source: 'nope' },
        'CREDENTIAL_UNKNOWN',
      ],
      [{ name: 'k', kind: 'default-chain', defaultRegion: 'moon-1' }, 'REGION'],
    ]
    for (const [options, code] of cases) {
      const error = await t.deck.credentials.add(options).then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      )
      expect(error?.code).toBe(code)
      expect(error?.message).not.toContain(SECRET_ACCESS_KEY)
    }
    expect(await everyFile(t.dataDir)).toBe(before)
  })

  it('reaches AWS through a profile of the AWS config files and through the default chain', async () => {
    await writeFile(
      join(awsDir, 'credentials'),
      `[sbx]\naws_access_key_id = AKIAPROFILETEST00001\naws_secret_access_key = profile-secret\n`,
    )
    await writeFile(join(awsDir, 'config'), `[profile sbx]\nregion = us-east-1\n`)
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir, 'credentials')
    process.env.AWS_CONFIG_FILE = join(awsDir, 'config')
    await t.deck.credentials.add({ name: 'from-profile', kind: 'profile', profile: 'sbx', endpoint: sandbox.endpoint })
    expect(await t.deck.credentials.test('from-profile')).toEqual({ accountId: '111122223333' })
    process.env.AWS_ACCESS_KEY_ID = 'AKIACHAINTEST0000001'
    process.env.AWS_SECRET_ACCESS_KEY = 'chain-secret'
    await t.deck.credentials.add({ name: 'chain', kind: 'default-chain', endpoint: sandbox.endpoint })
    expect(await t.deck.credentials.test('chain')).toEqual({ accountId: '111122223333' })
  })

  it('a missing profile is explained, not a stack trace', async () => {
    await t.deck.credentials.add({
      name: 'ghost',
      kind: 'profile',
      profile: 'no-such-profile',
      endpoint: sandbox.endpoint,
    })
    await expect(t.deck.credentials.test('ghost')).rejects.toMatchObject({
      code: 'AWS_CREDENTIAL_UNAVAILABLE',
      message: expect.stringContaining('credential "ghost"'),
    })
  })

  it('explains a denied policy in plain words', async () => {
    const denied = await errorEndpoint('AccessDeniedException')
    try {
      await t.addCredential(denied.endpoint, 'denied')
      await expect(t.deck.credentials.test('denied')).rejects.toMatchObject({
        code: 'AWS_ACCESS_DENIED',
        message: expect.stringContaining(
          'the policy needs ACM full access, e.g. the managed policy AWSCertificateManagerFullAccess',
        ),
      })
    } finally {
      await denied.close()
    }
  })

  it('keeps a source credential while an assume-role credential uses it, then removes both', async () => {
    await t.deck.credentials.add({
      name: 'admin',
      kind: 'assume-role',
      roleArn: 'arn:aws:iam::123456789012:role/CertDeck',
      externalId: 'x-1',
      source: 'prod',
    })
    await expect(t.deck.credentials.remove('prod')).rejects.toMatchObject({
      code: 'CREDENTIAL_IN_USE',
      message: expect.stringContaining('"admin"'),
    })
    await t.deck.credentials.remove('admin')
    await t.deck.credentials.remove('prod')
    expect((await t.deck.credentials.list()).map((c) => c.name)).toEqual(['chain', 'denied', 'from-profile', 'ghost'])
    await expect(t.deck.credentials.remove('prod')).rejects.toMatchObject({ code: 'CREDENTIAL_UNKNOWN' })
  })
})
