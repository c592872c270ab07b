import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { awsProvider, rejection, staticCredential, storesOf } from './support/aws.js'
import { recordingEndpoint } from '@certdeck/aws-sandbox'

const VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ACM', 'AWS_CONFIG_FILE', 'AWS_PROFILE'] as const
let saved: Record<string, string | undefined>
let remote: Awaited<ReturnType<typeof recordingEndpoint>>
let dir: string

beforeEach(async () => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))
  for (const name of VARIABLES) delete process.env[name]
  remote = await recordingEndpoint()
  dir = await mkdtemp(join(tmpdir(), 'certdeck-endpoint-rule-'))
  // An empty shared config file, so the machine's own ~/.aws/config plays no part.
  process.env.AWS_CONFIG_FILE = join(dir, 'empty-config')
  await writeFile(process.env.AWS_CONFIG_FILE, '')
})
afterEach(async () => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
  await remote.close()
  await rm(dir, { recursive: true, force: true })
})

/** Lists ACM certificates through a credential without an endpoint override; returns the refusal. */
async function refusal() {
  const session = awsProvider({ maxAttempts: 1 }).connect(staticCredential(undefined))
  try {
    return await rejection(storesOf(session).acm.list('eu-west-1'))
  } finally {
    session.close?.()
  }
}

describe('the endpoint rule holds for every source of an SDK endpoint', () => {
  it('AWS_ENDPOINT_URL to plain http on another machine is refused before any request, naming the variable', async () => {
    process.env.AWS_ENDPOINT_URL = remote.endpoint
    const error = await refusal()
    expect(error).toMatchObject({ code: 'ENDPOINT_INSECURE' })
    expect(error.message).toContain('set by AWS_ENDPOINT_URL ')
    expect(remote.requests()).toBe(0)
  })

  it('AWS_ENDPOINT_URL_ACM is refused the same way, naming it', async () => {
    process.env.AWS_ENDPOINT_URL_ACM = remote.endpoint
    const error = await refusal()
    expect(error).toMatchObject({ code: 'ENDPOINT_INSECURE' })
    expect(error.message).toContain('set by AWS_ENDPOINT_URL_ACM')
    expect(remote.requests()).toBe(0)
  })

  it('endpoint_url in the shared config file is refused, naming the file', async () => {
    const config = join(dir, 'config')
    await writeFile(config, `[default]\nendpoint_url = ${remote.endpoint}\n`)
    process.env.AWS_CONFIG_FILE = config
    const error = await refusal()
    expect(error).toMatchObject({ code: 'ENDPOINT_INSECURE' })
    expect(error.message).toContain(`endpoint_url in the AWS shared config file ${config}`)
    expect(remote.requests()).toBe(0)
  })

  it('the STS call of a credential test obeys it too', async () => {
    process.env.AWS_ENDPOINT_URL = remote.endpoint
    const session = awsProvider({ maxAttempts: 1 }).connect(staticCredential(undefined))
    const error = await rejection(session.test('eu-west-1'))
    session.close?.()
    expect(error).toMatchObject({ code: 'ENDPOINT_INSECURE' })
    expect(remote.requests()).toBe(0)
  })
})
