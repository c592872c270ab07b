import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CertificateIssuer } from '@certdeck/core'
import { awsProvider, rejection, staticCredential } from './support/aws.js'
import { errorEndpoint } from './support/error-endpoint.js'

const SECRET = 'sandbox-secret-value'
const PASSPHRASE = 'Echoed-passphrase-42'
const CA_ARN = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/12345678-1234-1234-1234-123456789012'

async function against(code: string, run: (issuer: CertificateIssuer) => Promise<unknown>, message?: string) {
  const stub = await errorEndpoint(code, 400, message)
  try {
    const session = awsProvider({ maxAttempts: 1 }).connect(staticCredential(stub.endpoint, { name: 'ops' }))
    return await rejection(run(session.issuer!))
  } finally {
    await stub.close()
  }
}

describe('issuer errors in plain words', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
  })
  afterAll(() => sandbox.close())

  it('a quota exceeded says which, how to raise it, and is not retried', async () => {
    const issuer = awsProvider().connect(staticCredential(sandbox.endpoint)).issuer!
    sandbox.control.resetStats()
    const sans = Array.from({ length: 10 }, (_, i) => `n${i}.quota.example.test`)
    const error = await rejection(
      issuer.request('eu-west-1', {
        kind: 'public',
        domain: 'quota.example.test',
        sans,
        validationMethod: 'DNS',
        keyAlgorithm: 'RSA_2048',
        idempotencyToken: 'quota1',
      }),
    )
    expect(error.code).toBe('AWS_QUOTA_EXCEEDED')
    expect(error.message).toContain('ACM RequestCertificate in eu-west-1 exceeds a quota of the account')
    expect(error.message).toContain('at most 10 domain names')
    expect(error.message).toContain(
      'Raise it in the Service Quotas console under AWS Certificate Manager (ACM) for eu-west-1',
    )
    // The SDK classes LimitExceededException as throttling; retrying cannot help, so one attempt.
    expect(sandbox.control.calls({ operation: 'RequestCertificate' })).toBe(1)
  })

  it('throttling that outlasts the retries is reported after every attempt', async () => {
    const issuer = awsProvider({ maxAttempts: 2 }).connect(staticCredential(sandbox.endpoint)).issuer!
    const arn = await issuer.request('us-east-2', {
      kind: 'public',
      domain: 'busy.example.test',
      sans: [],
      validationMethod: 'DNS',
      keyAlgorithm: 'RSA_2048',
      idempotencyToken: 'busy1',
    })
    sandbox.control.setFaults({
      rules: [{ service: 'acm', operation: 'DescribeCertificate', errorRate: 1, error: 'Throttling' }],
    })
    sandbox.control.resetStats()
    try {
      const error = await rejection(issuer.describe('us-east-2', arn))
      expect(error.code).toBe('AWS_THROTTLED')
      expect(error.message).toContain('AWS kept throttling ACM DescribeCertificate in us-east-2 after 2 attempts')
      expect(sandbox.control.calls({ operation: 'DescribeCertificate' })).toBe(2)
    } finally {
      sandbox.control.setFaults({})
    }
  })

  it('a validation domain that is not the domain or a parent is explained', async () => {
    const issuer = awsProvider().connect(staticCredential(sandbox.endpoint)).issuer!
    const arn = await issuer.request('us-east-2', {
      kind: 'public',
      domain: 'vd.example.test',
      sans: [],
      validationMethod: 'EMAIL',
      keyAlgorithm: 'RSA_2048',
      idempotencyToken: 'vd1',
    })
    const error = await rejection(issuer.resendValidationEmail('us-east-2', arn, 'vd.example.test', 'other.test'))
    expect(error.code).toBe('AWS_VALIDATION_DOMAIN_INVALID')
    expect(error.message).toContain('the validation domain must be the domain itself or one of its parent domains')
  })

  it('access denied names the missing permission, ACM and ACM Private CA alike', async () => {
    const request = await against('AccessDeniedException', (issuer) =>
      issuer.request('eu-west-1', {
        kind: 'public',
        domain: 'a.example.test',
        sans: [],
        validationMethod: 'DNS',
        keyAlgorithm: 'RSA_2048',
        idempotencyToken: 'denied1',
      }),
    )
    expect(request.code).toBe('AWS_ACCESS_DENIED')
    expect(request.message).toContain(
      'AWS denied ACM RequestCertificate in eu-west-1 to credential "ops": it lacks acm:RequestCertificate',
    )
    const list = await against('AccessDeniedException', (issuer) => issuer.listAuthorities('eu-west-1'))
    expect(list.message).toContain(
      'AWS denied ACM-PCA ListCertificateAuthorities in eu-west-1 to credential "ops": it lacks ' +
        'acm-pca:ListCertificateAuthorities',
    )
    const revoke = await against('AccessDeniedException', (issuer) =>
      issuer.revokePrivate('eu-west-1', CA_ARN, '0a1b', 'SUPERSEDED'),
    )
    expect(revoke.message).toContain('it lacks acm-pca:RevokeCertificate')
    expect(revoke.message).not.toContain(SECRET)
  })

  it('a private CA quota exceeded points at the Private CA quotas', async () => {
    const error = await against('LimitExceededException', (issuer) =>
      issuer.revokePrivate('eu-west-1', CA_ARN, '0a1b', 'SUPERSEDED'),
    )
    expect(error.code).toBe('AWS_QUOTA_EXCEEDED')
    expect(error.message).toContain('under AWS Private Certificate Authority for eu-west-1')
  })

  it('never repeats an export passphrase that an endpoint quotes back', async () => {
    const error = await against(
      'ValidationException',
      (issuer) => issuer.exportCertificate('eu-west-1', 'arn:aws:acm:eu-west-1:111122223333:certificate/x', PASSPHRASE),
      `Value '${PASSPHRASE}' at 'passphrase' failed to satisfy constraint`,
    )
    expect(error.code).toBe('AWS_REFUSED')
    expect(error.message).toContain('[passphrase removed]')
    expect(error.message).not.toContain(PASSPHRASE)
    expect(error.cause).toBeUndefined()
  })

  it('never repeats an export passphrase quoted back as sent, in base64', async () => {
    const sent = Buffer.from(PASSPHRASE).toString('base64')
    const error = await against(
      'ValidationException',
      (issuer) => issuer.exportCertificate('eu-west-1', 'arn:aws:acm:eu-west-1:111122223333:certificate/x', PASSPHRASE),
      `Value '${sent}' at 'passphrase' failed to satisfy constraint`,
    )
    expect(error.message).toContain('[passphrase removed]')
    expect(error.message).not.toContain(sent)
    expect(error.cause).toBeUndefined()
  })
})
