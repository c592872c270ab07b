import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Sandbox, startSandbox } from '@certdeck/aws-sandbox'
import { type TestCertificate, makeTestPki } from '@certdeck/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliHome, json } from './cli-harness.js'

const DAY = 86_400_000
const NAME = 'renews.example.test'

describe('certs import when several entries hold the names of a renewal', () => {
  let sandbox: Sandbox
  let h: CliHome

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false })
    h = await CliHome.create({ init: true })
    const add = ['credentials', 'add', 'sbx', '--kind', 'static', '--access-key-id', 'AKIACLITEST000000001']
    const added = await h.run([...add, '--secret-stdin', '--endpoint', sandbox.endpoint], { input: 'sandbox-secret\n' })
    expect(added.code, added.stderr).toBe(0)
  })
  afterAll(async () => {
    await h.dispose()
    await sandbox.close()
  })

  async function importFile(leaf: TestCertificate, name: string, extra: string[] = []) {
    const file = join(h.root, name)
    await writeFile(file, leaf.pem + leaf.keyPem + leaf.chainPem.join(''))
    return h.run(['certs', 'import', file, ...extra])
  }

  it('refuses (exit 2) to choose between deployed entries, lists them, and takes --renews ID', async () => {
    const pki = await makeTestPki()
    const now = Date.now()
    const leaf = (slot: number, days: number) =>
      pki.leaf({ commonName: NAME, keySlot: slot, notAfter: new Date(now + days * DAY) })
    // The second expires earlier, so it is no renewal of the first: two entries for the same name.
    const ids: string[] = []
    for (const [slot, days, region] of [
      [51, 70, 'us-east-1'],
      [52, 60, 'eu-west-1'],
    ] as const) {
      const run = await importFile(await leaf(slot, days), `entry-${slot}.pem`, ['--json'])
      const id = json<{ outcome: string; certificate: { id: string } }>(run).certificate.id
      ids.push(id)
      const deployed = await h.run(['deploy', id, '--credential', 'sbx', '--regions', region, '--auto-redeploy'])
      expect(deployed.code, deployed.stderr).toBe(0)
    }

    const renewal = await leaf(53, 90)
    const refused = await importFile(renewal, 'renewal.pem')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(new RegExp(`${ids[0]} .*us-east-1; ${ids[1]} .*eu-west-1`))
    expect(refused.stderr).toContain('--renews ID')
    const refusedJson = await importFile(renewal, 'renewal.pem', ['--json'])
    expect(json<{ error: { code: string } }>(refusedJson).error.code).toBe('RENEWAL_AMBIGUOUS')
    expect(json<unknown[]>(await h.run(['certs', 'list', '--json']))).toHaveLength(2)

    const chosen = await importFile(renewal, 'renewal.pem', ['--renews', ids[1]])
    expect(chosen.code, chosen.stderr).toBe(0)
    expect(chosen.stdout).toContain(`as version 2, renewing entry ${ids[1]}. Why this entry: named: ${ids[1]}`)
    const deployments = json<{ region: string; deployedFingerprint: string }[]>(
      await h.run(['deployments', 'list', '--json']),
    )
    expect(deployments.find((d) => d.region === 'eu-west-1')?.deployedFingerprint).toBe(renewal.fingerprint)
  })

  it('says in JSON which entry a renewal went to and why', async () => {
    const pki = await makeTestPki({ name: 'Other' })
    const name = 'json.example.test'
    const first = await pki.leaf({ commonName: name, keySlot: 61, notAfter: new Date(Date.now() + 30 * DAY) })
    const id = json<{ certificate: { id: string } }>(await importFile(first, 'json-1.pem', ['--json'])).certificate.id
    const next = await pki.leaf({ commonName: name, keySlot: 61, notAfter: new Date(Date.now() + 60 * DAY) })
    expect(json(await importFile(next, 'json-2.pem', ['--json']))).toMatchObject({
      outcome: 'renewed',
      certificate: { id, version: 2 },
      renewal: { reason: 'same-key', message: expect.stringContaining(`same key: ${id}`) },
    })
  })
})
