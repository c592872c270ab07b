import { describe, expect, it } from 'vitest'
import { homesForEachTest } from './cli-harness.js'

const newHome = homesForEachTest({ init: true })
const ARN = 'arn:aws:acm:eu-central-1:111122223333:certificate/0f3c9a2b-7d41-4e8a-9b6c-2a1d5e7f9c3b'

describe('certs list width', () => {
  it('fits 100 columns by default (ARNs in tags shortened, long cells cut) and prints everything with --wide', async () => {
    const h = await newHome()
    const created = await h.run([
      'certs',
      'create',
      '--cn',
      'a-rather-long-service-name.internal.example.com',
      '--tag',
      `discovered-from=${ARN}`,
      '--tag',
      'owner=platform-team-with-a-long-name',
      '--tag',
      'env=prod',
    ])
    expect(created.code).toBe(0)
    expect((await h.run(['certs', 'create', '--cn', 'svc.example.com', '--tag', `from=${ARN}`])).code).toBe(0)
    const list = await h.run(['certs', 'list'])
    const lines = list.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100)
    expect(list.stdout).not.toContain(ARN)
    expect(lines.find((line) => line.includes('svc.example.com'))).toMatch(/ from=acm:…/)
    expect(lines.find((line) => line.includes('a-rather-long'))).toMatch(/ discovered-from…$/)

    const wide = await h.run(['certs', 'list', '--wide'])
    expect(wide.stdout).toContain(`discovered-from=${ARN}, owner=platform-team-with-a-long-name, env=prod`)
    expect(wide.stdout).toContain('a-rather-long-service-name.internal.example.com')
    expect(wide.stdout).toContain(`from=${ARN}`)
  })
})
