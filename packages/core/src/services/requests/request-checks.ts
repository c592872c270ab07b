import { domainToASCII } from 'node:url'
import type { KeyAlgorithm } from '../../domain/certificate.js'
import { CertDeckError } from '../../errors.js'
import type { CertificateAuthority, RequestKeyAlgorithm } from '../../plugins/certificate-issuer.js'
import { isHostName } from '../certificates/index.js'

/** ACM's default quota of names per certificate (the domain plus its SANs). */
export const DEFAULT_SAN_QUOTA = 10
/** Key algorithms RequestCertificate accepts. */
export const REQUEST_KEY_ALGORITHMS: readonly RequestKeyAlgorithm[] = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1']
const CN_MAX_OCTETS = 64

/** The names of a request, normalised: punycode, lower case, without duplicates. */
export interface RequestNames {
  readonly domain: string
  /** Every name besides the domain, in the order given. */
  readonly sans: readonly string[]
  /** Problems in plain words; empty when the names may be sent. */
  readonly problems: readonly string[]
}

/** A name in ACM's form: trimmed, without a trailing dot, lower case, IDN labels in punycode. */
export function asciiName(name: string): string {
  const trimmed = name.trim().replace(/\.$/, '')
  const wildcard = trimmed.startsWith('*.')
  const rest = wildcard ? trimmed.slice(2) : trimmed
  // domainToASCII returns '' for a name it cannot convert: keep the original so the check names it.
  const ascii = /^[\x00-\x7f]*$/.test(rest) ? rest.toLowerCase() : domainToASCII(rest) || rest
  return wildcard ? `*.${ascii}` : ascii
}

/**
 * Checks and normalises the names of a request by ACM's rules (DESIGN §6): the domain is at most
 * 64 octets (it becomes the CN), every name is a DNS name with a wildcard only as the leftmost
 * label, IP addresses are refused, duplicates (any case, and the domain itself) are dropped and
 * the total stays within `sanQuota`.
 */
export function checkRequestNames(
  input: { readonly domain: string; readonly sans?: readonly string[] },
  sanQuota = DEFAULT_SAN_QUOTA,
): RequestNames {
  const problems: string[] = []
  const domain = asciiName(input.domain ?? '')
  if (domain === '') {
    problems.push('Give the domain name to request a certificate for, e.g. www.example.com.')
  } else {
    if (Buffer.byteLength(domain) > CN_MAX_OCTETS) {
      problems.push(
        `The domain '${domain}' is ${Buffer.byteLength(domain)} octets; ACM puts it in the common name, ` +
          `which holds at most ${CN_MAX_OCTETS}. Give a shorter domain and add the long name as a SAN.`,
      )
    }
    problems.push(...nameProblems(input.domain, domain))
  }
  const seen = new Set([domain])
  const sans: string[] = []
  for (const raw of input.sans ?? []) {
    const name = asciiName(raw)
    if (name === '' || seen.has(name)) continue
    seen.add(name)
    sans.push(name)
    problems.push(...nameProblems(raw, name))
  }
  const total = 1 + sans.length
  if (total > sanQuota) {
    problems.push(
      `The request has ${total} names (the domain and ${sans.length} SANs); the quota is ${sanQuota}. ` +
        `Split the names across certificates, or raise "sanQuota" in config.json after AWS raised your quota.`,
    )
  }
  return { domain, sans, problems }
}

function nameProblems(raw: string, name: string): string[] {
  if (name.includes('*') && !(name.startsWith('*.') && !name.slice(2).includes('*'))) {
    return [`'${raw.trim()}': a wildcard is accepted only as the whole leftmost label (*.example.com).`]
  }
  if (!isHostName(name) || /^[\d.]+$/.test(name) || name.includes(':') || !name.includes('.')) {
    return [
      `'${raw.trim()}' is not a valid domain name: give labels of letters, digits and hyphens separated by ` +
        `dots (www.example.com); IP addresses cannot be requested.`,
    ]
  }
  return []
}

/** Checks a requested key algorithm; `REQUEST_INVALID` lists the accepted ones. */
export function checkKeyAlgorithm(keyAlgorithm: string): RequestKeyAlgorithm {
  if (!(REQUEST_KEY_ALGORITHMS as readonly string[]).includes(keyAlgorithm)) {
    throw new CertDeckError(
      'REQUEST_INVALID',
      `Key algorithm '${keyAlgorithm}' cannot be requested from ACM. Accepted: ${REQUEST_KEY_ALGORITHMS.join(', ')}.`,
    )
  }
  return keyAlgorithm as RequestKeyAlgorithm
}

const family = (algorithm: KeyAlgorithm | string | undefined) =>
  algorithm?.startsWith('EC_') ? 'EC' : algorithm?.startsWith('RSA_') ? 'RSA' : undefined

/**
 * The ACTIVE authority `caArn` names among `authorities`, and the key algorithm to request from
 * it (the one asked for, which must be of the CA's family, else the family's default).
 */
export function checkAuthority(
  authorities: readonly CertificateAuthority[],
  caArn: string,
  keyAlgorithm: RequestKeyAlgorithm | undefined,
): { readonly authority: CertificateAuthority; readonly keyAlgorithm: RequestKeyAlgorithm } {
  const authority = authorities.find((a) => a.arn === caArn)
  const active = authorities.filter((a) => a.status === 'ACTIVE')
  const known = active.length
    ? `ACTIVE CAs: ${active.map((a) => `${a.arn} (${a.commonName})`).join(', ')}.`
    : 'This account has no ACTIVE private CA in that region.'
  if (!authority) {
    throw new CertDeckError('CA_UNKNOWN', `No ACM Private CA ${caArn} in this account and region. ${known}`)
  }
  if (authority.status !== 'ACTIVE') {
    throw new CertDeckError(
      'CA_NOT_ACTIVE',
      `The private CA ${caArn} is ${authority.status}; only an ACTIVE CA issues certificates. ${known}`,
    )
  }
  const caFamily = family(authority.keyAlgorithm)
  if (keyAlgorithm === undefined) return { authority, keyAlgorithm: caFamily === 'EC' ? 'EC_prime256v1' : 'RSA_2048' }
  const checked = checkKeyAlgorithm(keyAlgorithm)
  if (caFamily && family(checked) !== caFamily) {
    const accepted = REQUEST_KEY_ALGORITHMS.filter((k) => family(k) === caFamily).join(', ')
    throw new CertDeckError(
      'REQUEST_INVALID',
      `The private CA ${caArn} has a ${authority.keyAlgorithm} key; request a key of the same family: ${accepted}.`,
    )
  }
  return { authority, keyAlgorithm: checked }
}

/** The IdempotencyToken of a request: derived from its id, so a retry returns the same ARN. */
export function idempotencyTokenOf(requestId: string): string {
  return `certdeck${requestId.replace(/\W/g, '')}`.slice(0, 32)
}
