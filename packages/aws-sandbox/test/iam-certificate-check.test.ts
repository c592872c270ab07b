import { beforeAll, describe, expect, it } from 'vitest'
import { checkServerCertificateUpload } from '../src/iam/server-certificate-check.js'
import { SandboxError } from '../src/types.js'
import { makeCertificate, makeChain, type TestCertificate } from './support/x509-fixtures.js'

function errorOf(run: () => unknown): SandboxError {
  try {
    run()
  } catch (error) {
    if (error instanceof SandboxError) return error
    throw error
  }
  throw new Error('expected a SandboxError')
}

describe('UploadServerCertificate checks', () => {
  let chain: Awaited<ReturnType<typeof makeChain>>
  let other: TestCertificate

  beforeAll(async () => {
    chain = await makeChain('www.example.com')
    other = await makeCertificate({ commonName: 'other.example.com' })
  })

  it('accepts a leaf, its key and an ordered chain, and returns its validity', () => {
    const result = checkServerCertificateUpload(
      {
        certificateBody: chain.leaf.certificatePem,
        privateKey: chain.leaf.privateKeyPem,
        certificateChain: chain.chainPem,
      },
      Date.now(),
    )
    expect(result.notAfter).toBe(chain.leaf.certificate.notAfter.getTime())
  })

  it('refuses a body that is not one PEM certificate', () => {
    const error = errorOf(() =>
      checkServerCertificateUpload({ certificateBody: 'not pem', privateKey: chain.leaf.privateKeyPem }, Date.now()),
    )
    expect(error.code).toBe('MalformedCertificate')
    expect(error.message).toBe('Unable to parse certificate. Please ensure the certificate is in PEM format.')
  })

  it('refuses a key of another certificate without quoting the key', () => {
    const error = errorOf(() =>
      checkServerCertificateUpload(
        { certificateBody: chain.leaf.certificatePem, privateKey: other.privateKeyPem },
        Date.now(),
      ),
    )
    expect(error.code).toBe('KeyPairMismatch')
    expect(error.message).not.toContain('PRIVATE KEY')
  })

  it('refuses an encrypted or non-PEM key', () => {
    const error = errorOf(() =>
      checkServerCertificateUpload(
        {
          certificateBody: chain.leaf.certificatePem,
          privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----',
        },
        Date.now(),
      ),
    )
    expect(error.code).toBe('MalformedCertificate')
    expect(error.message).toMatch(/private key/)
  })

  it('reports -1 when the chain does not start with the leaf issuer, and 0 when the next link is wrong', () => {
    const rootFirst = errorOf(() =>
      checkServerCertificateUpload(
        {
          certificateBody: chain.leaf.certificatePem,
          privateKey: chain.leaf.privateKeyPem,
          certificateChain: chain.root.certificatePem,
        },
        Date.now(),
      ),
    )
    expect(rootFirst.code).toBe('MalformedCertificate')
    expect(rootFirst.message).toMatch(/index within the chain of the invalid certificate is: -1$/)
    const wrongSecond = errorOf(() =>
      checkServerCertificateUpload(
        {
          certificateBody: chain.leaf.certificatePem,
          privateKey: chain.leaf.privateKeyPem,
          certificateChain: `${chain.intermediate.certificatePem}${other.certificatePem}`,
        },
        Date.now(),
      ),
    )
    expect(wrongSecond.message).toMatch(/is: 0$/)
  })

  it('refuses a certificate outside its validity window at upload time', () => {
    const afterExpiry = chain.leaf.certificate.notAfter.getTime() + 1000
    const error = errorOf(() =>
      checkServerCertificateUpload(
        { certificateBody: chain.leaf.certificatePem, privateKey: chain.leaf.privateKeyPem },
        afterExpiry,
      ),
    )
    expect(error.code).toBe('MalformedCertificate')
    expect(error.message).toMatch(/not valid at the time of upload/)
  })
})
