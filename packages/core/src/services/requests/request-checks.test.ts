import { describe, expect, it } from 'vitest'
import type { CertificateAuthority } from '../../plugins/certificate-issuer.js'
import {
  asciiName,
  checkAuthority,
  checkKeyAlgorithm,
  checkRequestNames,
  idempotencyTokenOf,
} from './request-checks.js'

const ca = (keyAlgorithm: CertificateAuthority['keyAlgorithm'], status = 'ACTIVE'): CertificateAuthority => ({
  arn: `arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/${keyAlgorithm}-${status}`,
  commonName: 'Test CA',
  status,
  type: 'ROOT',
  keyAlgorithm,
})

describe('checkRequestNames', () => {
  it('lower-cases, converts IDNs to punycode and drops duplicates and the domain itself', () => {
    expect(
      checkRequestNames({
        domain: 'Bücher.Example.',
        sans: ['WWW.example.com', 'www.example.com', 'bücher.example', '*.Example.com'],
      }),
    ).toEqual({
      domain: 'xn--bcher-kva.example',
      sans: ['www.example.com', '*.example.com'],
      problems: [],
    })
    expect(asciiName('*.münchen.de')).toBe('*.xn--mnchen-3ya.de')
  })

  it('refuses a common name over 64 octets, saying how to fix it', () => {
    const long = `${'a'.repeat(60)}.example.com`
    expect(checkRequestNames({ domain: long }).problems).toEqual([
      `The domain '${long}' is 72 octets; ACM puts it in the common name, which holds at most 64. Give a ` +
        `shorter domain and add the long name as a SAN.`,
    ])
    expect(checkRequestNames({ domain: 'ok.example.com', sans: [long] }).problems).toEqual([])
  })

  it('accepts a wildcard only as the whole leftmost label', () => {
    for (const bad of ['www.*.example.com', '*example.com', 'a*.example.com', '*.*.example.com']) {
      expect(checkRequestNames({ domain: bad }).problems).toEqual([
        `'${bad}': a wildcard is accepted only as the whole leftmost label (*.example.com).`,
      ])
    }
    expect(checkRequestNames({ domain: '*.example.com', sans: ['example.com'] }).problems).toEqual([])
  })

  it('refuses IP addresses, single labels and bad characters', () => {
    for (const bad of ['10.0.0.1', 'localhost', 'under_score.example.com', 'sp ace.example.com', '-lead.example.com']) {
      expect(checkRequestNames({ domain: 'ok.example.com', sans: [bad] }).problems, bad).toHaveLength(1)
    }
    expect(checkRequestNames({ domain: '' }).problems).toEqual([
      'Give the domain name to request a certificate for, e.g. www.example.com.',
    ])
  })

  it('counts the domain and its distinct SANs against the quota', () => {
    const sans = Array.from({ length: 10 }, (_, i) => `n${i}.example.com`)
    expect(checkRequestNames({ domain: 'example.com', sans: sans.slice(0, 9) }).problems).toEqual([])
    expect(
      checkRequestNames({ domain: 'example.com', sans: [...sans.slice(0, 9), 'N0.example.com'] }).problems,
    ).toEqual([])
    expect(checkRequestNames({ domain: 'example.com', sans }).problems[0]).toMatch(
      /^The request has 11 names \(the domain and 10 SANs\); the quota is 10\./,
    )
    expect(checkRequestNames({ domain: 'example.com', sans }, 20).problems).toEqual([])
  })
})

describe('key algorithms and private CAs', () => {
  it('accepts only what RequestCertificate takes', () => {
    expect(checkKeyAlgorithm('EC_secp384r1')).toBe('EC_secp384r1')
    expect(() => checkKeyAlgorithm('RSA_4096')).toThrow(
      "Key algorithm 'RSA_4096' cannot be requested from ACM. Accepted: RSA_2048, EC_prime256v1, EC_secp384r1.",
    )
  })

  it('needs an ACTIVE CA of the account and a key of its family, defaulting to the family', () => {
    const rsa = ca('RSA_2048')
    const ec = ca('EC_secp384r1')
    const disabled = ca('RSA_4096', 'DISABLED')
    expect(checkAuthority([rsa, ec], rsa.arn, undefined).keyAlgorithm).toBe('RSA_2048')
    expect(checkAuthority([rsa, ec], ec.arn, undefined).keyAlgorithm).toBe('EC_prime256v1')
    expect(checkAuthority([rsa, ec], ec.arn, 'EC_secp384r1').keyAlgorithm).toBe('EC_secp384r1')
    expect(() => checkAuthority([rsa, ec], ec.arn, 'RSA_2048')).toThrow(
      /has a EC_secp384r1 key; request a key of the same family: EC_prime256v1, EC_secp384r1/,
    )
    expect(() => checkAuthority([rsa, disabled], disabled.arn, undefined)).toThrow(
      /is DISABLED; only an ACTIVE CA issues certificates\. ACTIVE CAs: .*RSA_2048-ACTIVE/,
    )
    expect(() => checkAuthority([], rsa.arn, undefined)).toThrow(
      /No ACM Private CA .* This account has no ACTIVE private CA in that region\./,
    )
  })
})

describe('idempotencyTokenOf', () => {
  it("is the same for the same request and within ACM's 32 word characters", () => {
    expect(idempotencyTokenOf('0a1b2c3d4e5f')).toBe('certdeck0a1b2c3d4e5f')
    expect(idempotencyTokenOf('x'.repeat(40))).toMatch(/^\w{32}$/)
  })
})
