import { CertDeckError, isCertDeckError, type NetworkTimeouts } from '@certdeck/core'
import { OPT_IN_REGIONS } from './regions.js'

/** Where a failing call was made, for the message. */
export interface CallContext {
  /** `ACM`, `ACM-PCA` (ACM Private CA) or `IAM`. */
  readonly service: 'ACM' | 'ACM-PCA' | 'IAM'
  readonly operation: string
  readonly region: string
  /** The credential's name. */
  readonly credential: string
  /** The endpoint override, when there is one. */
  readonly endpoint?: string
  /** The time-outs the call ran with. */
  readonly timeouts?: Required<NetworkTimeouts>
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
])
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
])
const BAD_KEY = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'IncompleteSignature',
])
const QUOTA_CONSOLE: Record<CallContext['service'], string> = {
  ACM: 'AWS Certificate Manager (ACM)',
  'ACM-PCA': 'AWS Private Certificate Authority',
  IAM: 'AWS Identity and Access Management (IAM)',
}
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchEntity', 'NoSuchEntityException'])
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

/** Refusals of requests, renewals, exports and revocations, with what the user can do. */
const ACTIONABLE: Record<string, { code: string; hint: string; kind?: 'input' | 'failure' }> = {
  RequestInProgressException: {
    code: 'AWS_REQUEST_IN_PROGRESS',
    hint: 'ACM is still working on this certificate (not issued yet); check its status again in a moment',
  },
  InvalidStateException: {
    code: 'AWS_INVALID_STATE',
    hint:
      'the certificate or the private CA is not in a state that allows this (e.g. not pending validation, ' +
      'not active)',
  },
  InvalidDomainValidationOptionsException: {
    code: 'AWS_VALIDATION_DOMAIN_INVALID',
    hint: 'the validation domain must be the domain itself or one of its parent domains, for a name of the certificate',
    kind: 'input',
  },
  InvalidArnException: {
    code: 'AWS_ARN_INVALID',
    hint: 'the ARN is not one of this service and region; check it',
    kind: 'input',
  },
  ResourceInUseException: {
    code: 'AWS_RESOURCE_IN_USE',
    hint: 'another AWS resource (a load balancer, a CloudFront distribution…) uses the certificate; detach it first',
  },
  RequestAlreadyProcessedException: {
    code: 'AWS_ALREADY_DONE',
    hint: 'this was already done (e.g. the certificate is already revoked)',
  },
  ConflictException: {
    code: 'AWS_CONFLICT',
    hint: 'it conflicts with the current state (e.g. the certificate is already revoked)',
  },
}

interface SdkLikeError {
  name?: string
  code?: string
  message?: string
  hostname?: string
  address?: string
  port?: number
  $metadata?: { httpStatusCode?: number; attempts?: number }
}

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g

/**
 * A message of the endpoint without any PEM block in it: AWS marks the key as sensitive, but
 * LocalStack-style endpoints may quote the request (the private key) back in a refusal.
 */
function quoted(message: string): string {
  return message.replace(PEM_BLOCK, '[PEM block removed]')
}

/**
 * Turns an error of an AWS SDK call into a {@link CertDeckError} whose message says, in plain
 * words, what went wrong and what to do. Abort errors and CertDeck errors pass through as they
 * are. Never copies request input into the message.
 */
export function toCertDeckError(error: unknown, ctx: CallContext): Error {
  if (isCertDeckError(error)) return error
  const e = (error ?? {}) as SdkLikeError
  if (e.name === 'AbortError') return error as Error
  const name = e.name ?? ''
  const where = `${ctx.service} ${ctx.operation} in ${ctx.region}`
  const attempts = e.$metadata?.attempts
  const fail = (code: string, message: string, kind: 'input' | 'failure' = 'failure') =>
    new CertDeckError(code, message, { kind, cause: error })

  if (THROTTLING.has(name)) {
    return fail(
      'AWS_THROTTLED',
      `AWS kept throttling ${where}${attempts ? ` after ${attempts} attempts` : ''} (credential ` +
        `"${ctx.credential}"). ` +
        'Another tool may be using the same quota; try again in a minute, or scan fewer regions at once.',
    )
  }
  if (ACCESS_DENIED.has(name)) {
    const needs =
      ctx.service === 'ACM'
        ? `it lacks acm:${ctx.operation}; the policy needs ACM full access, e.g. the managed policy ` +
          `AWSCertificateManagerFullAccess`
        : ctx.service === 'ACM-PCA'
          ? `it lacks acm-pca:${ctx.operation}; allow it in the policy (the managed policy ` +
            `AWSPrivateCAFullAccess has it)`
          : 'the policy needs iam:ListServerCertificates and iam:GetServerCertificate (e.g. IAMReadOnlyAccess)'
    return fail('AWS_ACCESS_DENIED', `AWS denied ${where} to credential "${ctx.credential}": ${needs}.`)
  }
  if (name === 'LimitExceededException' || name === 'LimitExceeded') {
    return fail(
      'AWS_QUOTA_EXCEEDED',
      `${where} exceeds a quota of the account (credential ` +
        `"${ctx.credential}")${e.message ? `: ${quoted(e.message)}` : ''}. ` +
        `${
          ctx.service === 'ACM'
            ? "ACM's quotas include 10 domain names per certificate (up to 100), " +
              '2,500 certificates per region and twice that requested per year. '
            : ''
        }` +
        `Raise it in the Service Quotas console under ${QUOTA_CONSOLE[ctx.service]} for ${ctx.region}, or ` +
        `delete certificates no longer used.`,
    )
  }
  const refused = ACTIONABLE[name]
  if (refused) {
    return fail(
      refused.code,
      `${where} was refused: ${refused.hint}${e.message ? ` (AWS: ${quoted(e.message)})` : ''}.`,
      refused.kind ?? 'failure',
    )
  }
  if (name === 'OptInRequired' || (BAD_KEY.has(name) && OPT_IN_REGIONS.has(ctx.region))) {
    return fail(
      'AWS_REGION_NOT_ENABLED',
      `AWS did not accept credential "${ctx.credential}" in ${ctx.region}, an opt-in region: the region is probably ` +
        'not enabled for this account (enable it under Account → AWS Regions, or leave it out with --regions). ' +
        'If every region fails the same way, the access key is invalid or expired.',
    )
  }
  if (BAD_KEY.has(name)) {
    return fail(
      'AWS_CREDENTIAL_INVALID',
      `AWS refused credential "${ctx.credential}" for ${where}: the access key is invalid or expired` +
        `${name.startsWith('Expired') ? ' (the session token has expired)' : ''}. ` +
        'Replace it with `certdeck credentials remove` and `credentials add`, or refresh the profile (e.g. ' +
        '`aws sso login`).',
    )
  }
  if (name === 'CredentialsProviderError' || name === 'ProviderError' || name === 'TokenProviderError') {
    return fail(
      'AWS_CREDENTIAL_UNAVAILABLE',
      `No AWS credentials could be loaded for credential "${ctx.credential}": ${quoted(e.message ?? name)}. ` +
        'Check the profile in ~/.aws/config (for SSO profiles run `aws sso login --profile NAME`) or the environment.',
    )
  }
  if (NOT_FOUND.has(name)) {
    return fail('CLOUD_NOT_FOUND', `${where}: ${quoted(e.message ?? 'not found')}.`)
  }
  const host = e.hostname ?? (e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : undefined)
  const endpoint = host ?? ctx.endpoint ?? `the ${ctx.service} endpoint of ${ctx.region}`
  // The SDK also names a reset connection TimeoutError (code ECONNRESET): that one is unreachable.
  if (name === 'TimeoutError' && ctx.timeouts && (e.code === undefined || e.code === 'ETIMEDOUT')) {
    const connecting = /establish a connection/.test(e.message ?? '')
    const [phase, key, ms] = connecting
      ? ['connect to', 'connectMs', ctx.timeouts.connectMs]
      : ['did not answer', 'requestMs', ctx.timeouts.requestMs]
    return fail(
      'AWS_TIMEOUT',
      `${connecting ? `Could not ${phase} ${endpoint} for ${where}` : `${endpoint} ${phase} ${where}`} ` +
        `within ${ms / 1000} s` +
        `${attempts ? ` (${attempts} attempt${attempts === 1 ? '' : 's'})` : ''}. Check the network, proxy ` +
        `settings, the credential's ` +
        `endpoint override and AWS_ENDPOINT_URL; for a slow endpoint raise "timeouts": { "${key}": … } in config.json.`,
    )
  }
  const network = e.code && NETWORK.has(e.code) ? e.code : NETWORK.has(name) ? name : undefined
  if (network || name === 'TimeoutError' || name === 'NetworkingError') {
    return fail(
      'AWS_UNREACHABLE',
      `Could not reach ${endpoint} for ${where} (${network ?? name}). ` +
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
    return fail('AWS_REFUSED', `AWS refused ${where}: ${name}${e.message ? `: ${quoted(e.message)}` : ''}.`)
  }
  return error instanceof Error ? error : new Error(String(error))
}
