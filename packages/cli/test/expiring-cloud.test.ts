import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { CliHome, json } from './cli-harness.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXPIRYKEY'
const DAY = 86_400_000

interface CloudExpiry {
  arn: string
  region: string
  accountId: string
  kind: string
  status: string
  domain: string
  notAfter: string
  daysLeft: number
  inUse: boolean
  renewalEligibility: string | null
}

describe('expiring covers discovered cloud certificates', () => {
  let sandbox: Sandbox
  let h: CliHome

  beforeAll(async () => {
    sandbox = await startSandbox()
    // Half of the certificates expire within 30 days, the other half later.
    await sandbox.control.seed({
      regions: ['eu-west-1'],
      certsPerRegion: 8,
      mix: { amazonIssued: 1 },
      expiringSoon: 0.5,
      keyTypes: ['EC_prime256v1'],
    })
    h = await CliHome.create({ init: true })
    const add = await h.run(
      [
        'credentials',
        'add',
        'sbx',
        '--kind',
        'static',
        '--access-key-id',
        'AKIACLITEST000000009',
        '--secret-stdin',
        '--endpoint',
        sandbox.endpoint,
      ],
      { input: `${SECRET}\n` },
    )
    expect(add.code, add.stderr).toBe(0)
    const discover = await h.run(['discover', '--regions', 'eu-west-1', '--no-iam'])
    expect(discover.code, discover.stderr).toBe(0)
  })
  afterAll(async () => {
    await h?.dispose()
    await sandbox?.close()
  })

  it('exits 3 and lists the cloud certificates expiring within the window, soonest first, with their ARN', async () => {
    const run = await h.run(['expiring', '--within', '30d', '--json'])
    expect(run.code, run.stderr).toBe(3)
    const result = json<{ certificates: unknown[]; cloud: CloudExpiry[] }>(run)
    expect(result.certificates).toEqual([])
    expect(result.cloud).toHaveLength(4)
    const now = Date.now()
    for (const c of result.cloud) {
      // The sandbox's own record says the same: this ARN does expire inside the window.
      const record = sandbox.control.certificate(c.arn)!
      expect(record.notAfter! - now).toBeLessThanOrEqual(30 * DAY)
      expect(c).toMatchObject({
        region: 'eu-west-1',
        accountId: '111122223333',
        kind: 'AMAZON_ISSUED',
        status: 'ISSUED',
        domain: record.domainName,
      })
      expect(Date.parse(c.notAfter)).toBe(record.notAfter)
      expect(Object.keys(c).sort()).toEqual([
        'accountId',
        'arn',
        'daysLeft',
        'domain',
        'health',
        'healthReasons',
        'inUse',
        'kind',
        'notAfter',
        'region',
        'renewalEligibility',
        'status',
      ])
    }
    const notAfters = result.cloud.map((c) => Date.parse(c.notAfter))
    expect(notAfters).toEqual([...notAfters].sort((a, b) => a - b))

    const human = await h.run(['expiring', '--within', '30d'])
    expect(human.code).toBe(3)
    expect(human.stdout).toContain('No repository certificate expires within 30 days.')
    expect(human.stdout).toContain('4 cloud certificate(s) outside the repository expire within 30 days')
    expect(human.stdout).toMatch(
      /^DAYS LEFT\s+HEALTH\s+REGION\s+KIND\s+DOMAIN\s+NOT AFTER\s+IN USE\s+RENEWAL\s+ARN\s+WHY$/m,
    )
    expect(human.stdout).toMatch(
      new RegExp(
        `^${result.cloud[0].daysLeft}\\s+(ok|! at-risk|x failing)\\s+eu-west-1\\s+public\\s+\\S+\\s+\\S+\\s+` +
          `(yes|no)\\s+\\S+\\s+${result.cloud[0].arn}(\\s+\\S.*)?$`,
        'm',
      ),
    )

    // A window no seeded certificate falls in: nothing found, exit 0.
    const none = await h.run(['expiring', '--within', '12h', '--json'])
    expect(none.code).toBe(0)
    expect(json(none)).toEqual({ certificates: [], cloud: [] })
  })

  it('exits 0 for a repository with nothing expiring and no cloud records', async () => {
    const empty = await CliHome.create({ init: true })
    try {
      const created = await empty.run(['certs', 'create', '--cn', 'later.example.test', '--days', '100'])
      expect(created.code, created.stderr).toBe(0)
      const run = await empty.run(['expiring', '--within', '30d', '--json'])
      expect(run.code, run.stderr).toBe(0)
      expect(json(run)).toEqual({ certificates: [], cloud: [] })
      expect((await empty.run(['expiring', '--within', '30d'])).stdout.trim()).toBe('Nothing expires within 30 days.')
    } finally {
      await empty.dispose()
    }
  })
})
