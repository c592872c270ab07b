import type { AddCredentialOptions } from './api.js'
import type { CredentialKind } from '../../domain/credential.js'
import { CertDeckError } from '../../errors.js'

const KINDS: readonly CredentialKind[] = ['static', 'profile', 'default-chain', 'assume-role']
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/

/** The option fields each kind accepts (besides name, kind, endpoint, defaultRegion). */
const FIELDS: Readonly<Record<CredentialKind, readonly (keyof AddCredentialOptions)[]>> = {
  static: ['accessKeyId', 'secretAccessKey', 'sessionToken'],
  profile: ['profile'],
  'default-chain': [],
  'assume-role': ['roleArn', 'externalId', 'source'],
}
const KIND_FIELDS = [
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  'profile',
  'roleArn',
  'externalId',
  'source',
] as const

const bad = (code: string, message: string) => new CertDeckError(code, message)

/** True when `region` is spelled like an AWS region (`eu-west-1`). */
export function isRegionName(region: string): boolean {
  return REGION.test(region)
}

/** True for a host name that can only mean this machine: localhost, 127.0.0.0/8, ::1. */
function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true
  const octets = hostname.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
}

/**
 * Checks a credential's endpoint override: `https` to any host, plain `http` only to this
 * machine (localhost, 127.0.0.0/8, ::1), because deploying sends private keys to it
 * (`ENDPOINT_INSECURE` otherwise). Returns the endpoint.
 */
export function checkEndpoint(endpoint: string, credentialName: string): string {
  let url: URL | undefined
  try {
    url = new URL(endpoint)
  } catch {
    url = undefined
  }
  if (url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopback(url.hostname))) return endpoint
  throw new CertDeckError(
    'ENDPOINT_INSECURE',
    `The endpoint "${endpoint}" of credential "${credentialName}" is plain http to another machine: certificates and ` +
      'private keys would cross the network unencrypted. Use https://, or plain http only to this machine ' +
      '(localhost, 127.0.0.1, [::1]). For a stored credential: remove it and add it again with a safe --endpoint.',
  )
}

/**
 * Checks the options of a new credential; throws an `input` error naming the bad field and what
 * is accepted. Secret values are never quoted back.
 */
export function checkCredentialOptions(options: AddCredentialOptions): void {
  if (!NAME.test(options.name ?? '')) {
    throw bad(
      'CREDENTIAL_NAME',
      `"${options.name ?? ''}" is not a usable credential name. Use 1–63 letters, digits, '.', '_' or '-', ` +
        `starting with a letter or digit.`,
    )
  }
  if (!KINDS.includes(options.kind)) {
    throw bad('CREDENTIAL_KIND', `"${String(options.kind)}" is not a credential kind. Accepted: ${KINDS.join(', ')}.`)
  }
  const allowed = FIELDS[options.kind]
  const stray = KIND_FIELDS.filter((field) => options[field] !== undefined && !allowed.includes(field))
  if (stray.length > 0) {
    throw bad(
      'CREDENTIAL_FIELDS',
      `A ${options.kind} credential does not take ${stray.join(', ')}. It takes ` +
        `${allowed.length ? allowed.join(', ') : 'no key fields'} (plus endpoint and default region).`,
    )
  }
  if (options.kind === 'static') {
    const keyPattern = options.endpoint ? /^\w{1,128}$/ : /^\w{16,128}$/
    if (!keyPattern.test(options.accessKeyId ?? '')) {
      throw bad(
        'ACCESS_KEY_ID',
        `"${options.accessKeyId ?? ''}" is not an AWS access key id. Give the key id (16–128 letters and ` +
          `digits, e.g. AKIA…) with --access-key-id.`,
      )
    }
    if (!options.secretAccessKey || /\s/.test(options.secretAccessKey)) {
      throw bad(
        'SECRET_ACCESS_KEY',
        'The secret access key is missing or contains spaces. Give it on stdin or in ' +
          'AWS_SECRET_ACCESS_KEY, never on the command line.',
      )
    }
  }
  if (options.kind === 'profile' && !options.profile?.trim()) {
    throw bad('PROFILE_MISSING', 'A profile credential needs the name of a profile of ~/.aws/config (--profile NAME).')
  }
  if (options.kind === 'assume-role') {
    if (!ROLE_ARN.test(options.roleArn ?? '')) {
      throw bad(
        'ROLE_ARN',
        `"${options.roleArn ?? ''}" is not an IAM role ARN. Give one like arn:aws:iam::123456789012:role/CertDeck.`,
      )
    }
    if (!options.source)
      throw bad(
        'SOURCE_MISSING',
        'An assume-role credential needs --source NAME: the credential whose identity assumes the role.',
      )
  }
  if (options.endpoint !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(options.endpoint)
    } catch {
      url = undefined
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw bad('ENDPOINT', `"${options.endpoint}" is not an endpoint URL. Give one like http://localhost:4566.`)
    }
    checkEndpoint(options.endpoint, options.name)
  }
  if (options.defaultRegion !== undefined && !isRegionName(options.defaultRegion)) {
    throw bad('REGION', `"${options.defaultRegion}" is not an AWS region name. Give one like us-east-1.`)
  }
}
