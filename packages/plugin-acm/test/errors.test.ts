import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { awsProvider, rejection, staticCredential, storesOf } from './support/aws.js'
import { errorEndpoint } from './support/error-endpoint.js'

const SECRET = 'sandbox-secret-value'

async function testAgainst(code: string, region: string) {
  const stub = await errorEndpoint(code)
  try {
    const session = awsProvider({ maxAttempts: 1 }).connect(staticCredential(stub.endpoint, { name: 'ops' }))
    return await rejection(session.test(region))
  } finally {
    await stub.close()
  }
}

describe('credential test: AWS refusals in plain words', () => {
  it('AccessDenied says the policy needs ACM full access', async () => {
    const error = await testAgainst('AccessDeniedException', 'us-east-1')
    expect(error.code).toBe('AWS_ACCESS_DENIED')
    expect(error.message).toContain('credential "ops"')
    expect(error.message).toContain(
      'the policy needs ACM full access, e.g. the managed policy AWSCertificateManagerFullAccess',
    )
  })

  it('an unknown or expired key says the access key is invalid or expired', async () => {
    for (const code of ['UnrecognizedClientException', 'ExpiredTokenException']) {
      const error = await testAgainst(code, 'eu-west-1')
      expect(error.code).toBe('AWS_CREDENTIAL_INVALID')
      expect(error.message).toContain('the access key is invalid or expired')
      expect(error.message).not.toContain(SECRET)
    }
  })

  it('in an opt-in region the same refusal says the region is probably not enabled', async () => {
    const error = await testAgainst('UnrecognizedClientException', 'ap-east-2')
    expect(error.code).toBe('AWS_REGION_NOT_ENABLED')
    expect(error.message).toContain('ap-east-2, an opt-in region')
    expect(error.message).toContain('not enabled for this account')
  })

  it('never repeats a private key that an endpoint quotes back in its refusal', async () => {
    const keyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const stub = await errorEndpoint(
      'ValidationException',
      400,
      `Value '${keyPem}' at 'privateKey' failed to satisfy constraint`,
    )
    try {
      const session = awsProvider({ maxAttempts: 1 }).connect(staticCredential(stub.endpoint, { name: 'ops' }))
      const error = await rejection(session.test('us-east-1'))
      expect(error.code).toBe('AWS_REFUSED')
      expect(error.message).toContain('ValidationException')
      expect(error.message).not.toContain('PRIVATE KEY')
      expect(error.message).not.toContain(keyPem.split('\n')[1])
    } finally {
      await stub.close()
    }
  })

  it('an endpoint nobody listens on names the endpoint', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const session = awsProvider({ maxAttempts: 1 }).connect(staticCredential(`http://127.0.0.1:${port}`))
    const error = await rejection(session.test('us-east-1'))
    expect(error.code).toBe('AWS_UNREACHABLE')
    expect(error.message).toContain(`127.0.0.1:${port}`)
  })
})

describe('failures the sandbox injects', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
  })
  afterAll(() => sandbox.close())

  it('throttling that outlasts the retries is reported as such, after every attempt', async () => {
    sandbox.control.setFaults({
      rules: [{ service: 'acm', operation: 'ListCertificates', errorRate: 1, error: 'Throttling' }],
    })
    sandbox.control.resetStats()
    try {
      const session = awsProvider({ maxAttempts: 2 }).connect(staticCredential(sandbox.endpoint))
      const error = await rejection(storesOf(session).acm.list('us-west-2'))
      expect(error.code).toBe('AWS_THROTTLED')
      expect(error.message).toContain('AWS kept throttling ACM ListCertificates in us-west-2 after 2 attempts')
      expect(sandbox.control.calls({ operation: 'ListCertificates' })).toBe(2)
    } finally {
      sandbox.control.setFaults({})
    }
  })

  it('a region that is down is a failure of that region only', async () => {
    sandbox.control.setFaults({ regionsDown: { 'eu-north-1': 'unavailable', 'sa-east-1': 'connection' } })
    try {
      const session = awsProvider({ maxAttempts: 1 }).connect(staticCredential(sandbox.endpoint))
      const { acm } = storesOf(session)
      expect((await rejection(acm.list('eu-north-1'))).code).toBe('AWS_UNAVAILABLE')
      expect((await rejection(acm.list('sa-east-1'))).code).toBe('AWS_UNREACHABLE')
      expect(await acm.list('eu-west-3')).toEqual([])
    } finally {
      sandbox.control.setFaults({})
    }
  })
})
