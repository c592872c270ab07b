import { CertDeckError, isCertDeckError, type NetworkTimeouts } from '@certdeck/core'

/** Where a failing Route 53 call was made, for the message. */
export interface CallContext {
  /** The Route 53 operation, e.g. `ChangeResourceRecordSets`. */
  readonly operation: string
  /** The configured DNS provider's name. */
  readonly provider: string
  /** The credential's name. */
  readonly credential: string
  /** The hosted zone or change the call was about, when there is one. */
  readonly target?: string
  /** The endpoint override, when there is one. */
  readonly endpoint?: string
  /** The time-outs the call ran with. */
  readonly timeouts?: Required<NetworkTimeouts>
}

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'PriorRequestNotComplete', 'TooManyRequestsException'])
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'NotAuthorizedException'])
const BAD_KEY = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
])
const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])

interface SdkLikeError {
  name?: string
  code?: string
  message?: string
  /** InvalidChangeBatch: Route 53's list of problems, when it sends one. */
  messages?: string[]
  hostname?: string
  address?: string
  port?: number
  $metadata?: { httpStatusCode?: number; attempts?: number }
}

/** The messages of an InvalidChangeBatch, which Route 53 joins inside brackets. */
export function changeBatchMessages(message: string): string[] {
  const inner = /^\s*\[(.*)\]\s*$/s.exec(message)?.[1] ?? message
  return inner
    .split(/,\s+(?=[A-Z])/)
    .map((m) => m.trim())
    .filter((m) => m !== '')
}

/**
 * Turns an error of a Route 53 SDK call into a {@link CertDeckError} whose message says what went
 * wrong and what to do: which zone, which permission. Abort errors and CertDeck errors pass
 * through. Record values never enter a message except as Route 53 quotes them back.
 */
export function toCertDeckError(error: unknown, ctx: CallContext): Error {
  if (isCertDeckError(error)) return error
  const e = (error ?? {}) as SdkLikeError
  if (e.name === 'AbortError') return error as Error
  const name = e.name ?? ''
  const where = `Route 53 ${ctx.operation}${ctx.target ? ` (${ctx.target})` : ''} for DNS provider "${ctx.provider}"`
  const attempts = e.$metadata?.attempts
  const fail = (code: string, message: string, kind: 'input' | 'failure' = 'failure') =>
    new CertDeckError(code, message, { kind, cause: error })

  if (THROTTLING.has(name)) {
    const why =
      name === 'PriorRequestNotComplete' ? 'was still processing an earlier change of the zone' : 'kept throttling'
    return fail(
      'AWS_THROTTLED',
      `${where}: Route 53 ${why}${attempts ? ` after ${attempts} attempts` : ''}. Route 53 allows 5 ` +
        `requests per second per account; ` +
        'another tool may be using the same account. Nothing was changed by this call: try again in a minute.',
    )
  }
  if (ACCESS_DENIED.has(name)) {
    return fail(
      'AWS_ACCESS_DENIED',
      `AWS denied ${where} to credential "${ctx.credential}": its policy needs route53:${ctx.operation}. ` +
        'A DNS provider needs route53:ListHostedZonesByName, route53:GetHostedZone, route53:ListResourceRecordSets, ' +
        'route53:ChangeResourceRecordSets and route53:GetChange.',
    )
  }
  if (name === 'NoSuchHostedZone') {
    return fail(
      'DNS_ZONE_NOT_FOUND',
      `${where}: credential "${ctx.credential}" sees no hosted zone ${ctx.target ?? ''}. It was deleted, ` +
        `or it belongs to ` +
        'another AWS account: check the zoneId setting and the credential (certdeck dns test NAME lists ' +
        'the zones it sees).',
    )
  }
  if (name === 'InvalidChangeBatch') {
    const messages = e.messages?.length ? e.messages : changeBatchMessages(e.message ?? '')
    return fail(
      'DNS_CHANGE_REJECTED',
      `Route 53 rejected the change batch for DNS provider ` +
        `"${ctx.provider}"${ctx.target ? ` in zone ${ctx.target}` : ''}; ` +
        `nothing was changed: ${messages.join('; ')}. Fix the records in the zone, then retry.`,
    )
  }
  if (name === 'NoSuchChange') {
    return fail(
      'DNS_CHANGE_NOT_FOUND',
      `${where}: Route 53 knows no change ${ctx.target ?? ''}; it may belong to another account.`,
    )
  }
  if (BAD_KEY.has(name)) {
    return fail(
      'AWS_CREDENTIAL_INVALID',
      `AWS refused credential "${ctx.credential}" for ${where}: the access key is invalid or expired. ` +
        'Replace it with `certdeck credentials remove` and `credentials add`, or refresh the profile (e.g. ' +
        '`aws sso login`).',
    )
  }
  if (name === 'CredentialsProviderError' || name === 'ProviderError' || name === 'TokenProviderError') {
    return fail(
      'AWS_CREDENTIAL_UNAVAILABLE',
      `No AWS credentials could be loaded for credential "${ctx.credential}" (${where}): ${e.message ?? name}. ` +
        'Check the profile in ~/.aws/config (for SSO profiles run `aws sso login --profile NAME`) or the environment.',
    )
  }
  // The SDK also names a reset connection TimeoutError (code ECONNRESET): that one is unreachable.
  if (name === 'TimeoutError' && ctx.timeouts && (e.code === undefined || e.code === 'ETIMEDOUT')) {
    const endpoint = e.hostname ?? ctx.endpoint ?? 'the Route 53 endpoint'
    const connecting = /establish a connection/.test(e.message ?? '')
    const [key, ms] = connecting ? ['connectMs', ctx.timeouts.connectMs] : ['requestMs', ctx.timeouts.requestMs]
    return fail(
      'AWS_TIMEOUT',
      `${connecting ? `Could not connect to ${endpoint} for ${where}` : `${endpoint} did not answer ${where}`} ` +
        `within ${ms / 1000} s` +
        `${attempts ? ` (${attempts} attempt${attempts === 1 ? '' : 's'})` : ''}. Check the network, proxy ` +
        `settings, the credential's ` +
        `endpoint override and AWS_ENDPOINT_URL; for a slow endpoint raise the plugin's timeouts.${key}.`,
    )
  }
  const network = e.code && NETWORK.has(e.code) ? e.code : NETWORK.has(name) ? name : undefined
  if (network || name === 'TimeoutError' || name === 'NetworkingError') {
    const host = e.hostname ?? (e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : undefined)
    return fail(
      'AWS_UNREACHABLE',
      `Could not reach ${host ?? ctx.endpoint ?? 'the Route 53 endpoint'} for ${where} (${network ?? name}). ` +
        "Check the network, proxy settings, the credential's endpoint override and AWS_ENDPOINT_URL.",
    )
  }
  const status = e.$metadata?.httpStatusCode
  if (status !== undefined && status >= 500) {
    return fail(
      'AWS_UNAVAILABLE',
      `AWS answered ${status} (${name || 'server error'}) to ` +
        `${where}${attempts ? ` after ${attempts} attempts` : ''}; try again later.`,
    )
  }
  if (status !== undefined && status >= 400) {
    return fail('AWS_REFUSED', `AWS refused ${where}: ${name}${e.message ? `: ${e.message}` : ''}.`)
  }
  return error instanceof Error ? error : new Error(String(error))
}
