import { describe, expect, it } from 'vitest'
import type { Certificate } from '../../domain/certificate.js'
import { makeTestPki, type TestCertificate } from '../../testing/test-pki.js'
import { certificateFacts } from '../../x509/facts.js'
import { checkAcmImportRules } from './acm-import-rules.js'

const now = new Date()
const DAY = 86_400_000

function entry(tc: TestCertificate, chainPem: readonly string[] = tc.chainPem): Certificate {
  const at = now.toISOString()
  return {
    ...certificateFacts(tc.pem),
    id: 'c0ffee',
    version: 1,
    pem: tc.pem,
    chainPem,
    origin: 'imported',
    addedAt: at,
    versions: [],
    tags: {},
    createdAt: at,
    updatedAt: at,
  }
}

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn()
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

describe('checkAcmImportRules', () => {
  it('accepts a valid EC and RSA certificate with its ordered chain', async () => {
    const pki = await makeTestPki()
    for (const keyAlgorithm of ['EC_prime256v1', 'RSA_2048'] as const) {
      const leaf = await pki.leaf({ keyAlgorithm })
      expect(() => checkAcmImportRules(entry(leaf), leaf.keyPem, now)).not.toThrow()
    }
  })

  it('refuses without a private key, naming the certificate', async () => {
    const leaf = await (await makeTestPki()).leaf()
    expect(() => checkAcmImportRules(entry(leaf), undefined, now)).toThrow(
      /c0ffee \(www\.example\.test\) has no private key/,
    )
  })

  it('refuses an expired certificate and one not yet valid', async () => {
    const pki = await makeTestPki()
    const expired = await pki.leaf({
      notBefore: new Date(now.getTime() - 90 * DAY),
      notAfter: new Date(now.getTime() - DAY),
    })
    const future = await pki.leaf({
      notBefore: new Date(now.getTime() + DAY),
      notAfter: new Date(now.getTime() + 90 * DAY),
    })
    expect(codeOf(() => checkAcmImportRules(entry(expired), expired.keyPem, now))).toBe('CERT_EXPIRED')
    expect(codeOf(() => checkAcmImportRules(entry(future), future.keyPem, now))).toBe('CERT_NOT_YET_VALID')
  })

  it('refuses a private key larger than 5 KB', async () => {
    const leaf = await (await makeTestPki()).leaf()
    const padded = `${leaf.keyPem}${'#'.repeat(5 * 1024)}`
    expect(codeOf(() => checkAcmImportRules(entry(leaf), padded, now))).toBe('KEY_TOO_LARGE')
  })

  it('refuses a chain out of order or holding the leaf', async () => {
    const leaf = await (await makeTestPki()).leaf()
    const reversed = [...leaf.chainPem].reverse()
    expect(codeOf(() => checkAcmImportRules(entry(leaf, reversed), leaf.keyPem, now))).toBe('CHAIN_ORDER')
    expect(codeOf(() => checkAcmImportRules(entry(leaf, [leaf.pem, ...leaf.chainPem]), leaf.keyPem, now))).toBe(
      'CHAIN_ORDER',
    )
  })

  it('refuses a key type ACM does not import', async () => {
    const leaf = await (await makeTestPki()).leaf()
    const odd = { ...entry(leaf), keyAlgorithm: 'ED25519' } as unknown as Certificate
    expect(codeOf(() => checkAcmImportRules(odd, leaf.keyPem, now))).toBe('KEY_ALGORITHM_UNSUPPORTED')
  })
})
