import { isIP } from 'node:net'
import type { CreateOptions, GeneratedKeyAlgorithm } from './api.js'
import { CertDeckError } from '../../errors.js'

const GENERATED: readonly GeneratedKeyAlgorithm[] = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
]
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
const MAX_DAYS = 36_500

/** {@link CreateOptions} checked, with defaults filled in. */
export interface ValidCreateOptions {
  readonly commonName: string
  /** The CN first when it is a host name or IP, then the other SANs, without duplicates. */
  readonly sans: readonly string[]
  readonly keyAlgorithm: GeneratedKeyAlgorithm
  readonly days: number
  readonly tags: Readonly<Record<string, string>>
}

/** True for a DNS name (lower case, LDH labels, a wildcard only as the leftmost label) or an IP address. */
export function isHostName(name: string): boolean {
  if (isIP(name) !== 0) return true
  if (name.length > 253) return false
  const labels = name.split('.')
  return (
    labels.length >= 1 &&
    labels.every((label, i) => (i === 0 && label === '*' && labels.length > 1) || LABEL.test(label))
  )
}

/** Checks the options of `create`/`createCsr`: `CREATE_OPTIONS_INVALID` names the bad value. */
export function validateCreateOptions(options: CreateOptions): ValidCreateOptions {
  const commonName = options.commonName?.trim() ?? ''
  if (commonName === '' || commonName.length > 64 || /[\u0000-\u001f]/.test(commonName)) {
    throw invalid(
      `The common name '${commonName}' is not accepted: give 1 to 64 printable characters, usually the ` +
        `main host name (www.example.com).`,
    )
  }
  const names = [commonName, ...(options.sans ?? [])].map((name) => name.trim().toLowerCase())
  const bad = (options.sans ?? []).map((s) => s.trim().toLowerCase()).filter((name) => !isHostName(name))
  if (bad.length > 0) {
    throw invalid(
      `Not a host name or IP address: ${bad.map((b) => `'${b}'`).join(', ')}. SANs are DNS names (a '*' ` +
        `only as the leftmost label) or IP addresses.`,
    )
  }
  const sans = [...new Set(names.filter(isHostName))]
  const keyAlgorithm = options.keyAlgorithm ?? 'EC_prime256v1'
  if (!GENERATED.includes(keyAlgorithm)) {
    throw invalid(
      `Key algorithm '${String(keyAlgorithm)}' is not one CertDeck generates. Accepted: ${GENERATED.join(', ')}.`,
    )
  }
  const days = options.days ?? 365
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw invalid(
      `Validity of ${String(days)} days is not accepted: give a whole number of days from 1 to ${MAX_DAYS}.`,
    )
  }
  return { commonName, sans, keyAlgorithm, days, tags: validateTags(options.tags ?? {}) }
}

/**
 * Checks tags by ACM's rules: key 1–128 characters, not starting with `aws:`, without `=`;
 * value up to 256 characters. `TAG_INVALID` names the bad tag.
 */
export function validateTags(tags: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128 || key.includes('=') || key.toLowerCase().startsWith('aws:')) {
      throw new CertDeckError(
        'TAG_INVALID',
        `Tag key '${key}' is not accepted: give 1 to 128 characters, without '=' and not starting with 'aws:'.`,
      )
    }
    if (typeof value !== 'string' || value.length > 256) {
      throw new CertDeckError('TAG_INVALID', `The value of tag '${key}' is not accepted: give at most 256 characters.`)
    }
  }
  return { ...tags }
}

function invalid(message: string): CertDeckError {
  return new CertDeckError('CREATE_OPTIONS_INVALID', message)
}
