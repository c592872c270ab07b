import { CertDeckError, type NetworkTimeouts, type ResolvedCredential, endpointGuard } from '@certdeck/core'
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers'
import { requestHandlerOf } from './timeouts.js'

/** AWS credentials as the SDK clients take them. */
export interface AwsIdentity {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly expiration?: Date
}

/** A function the SDK calls for credentials. */
export type AwsIdentityProvider = () => Promise<AwsIdentity>

/** Refresh temporary credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000

/**
 * Shares one resolution among every client of a session (30 regional clients would otherwise
 * read the profile files or call STS 30 times); refreshes before expiry and retries after a
 * failure.
 */
export function memoizeProvider(provider: AwsIdentityProvider, now: () => number = Date.now): AwsIdentityProvider {
  let pending: Promise<AwsIdentity> | undefined
  return () => {
    if (pending) return pending
    const p = provider().then(
      (identity) => {
        const expires = identity.expiration?.getTime()
        if (expires !== undefined && expires - REFRESH_MARGIN_MS <= now()) pending = undefined
        else if (expires !== undefined)
          setTimeout(
            () => {
              if (pending === p) pending = undefined
            },
            expires - REFRESH_MARGIN_MS - now(),
          ).unref()
        return identity
      },
      (error: unknown) => {
        pending = undefined
        throw error
      },
    )
    pending = p
    return p
  }
}

/**
 * The SDK credential provider of a resolved credential: static keys, a named profile of the
 * AWS config files (SSO profiles included, through `fromIni`), the default provider chain, or
 * a role assumed with the identity of another credential.
 */
export function identityProvider(
  resolved: ResolvedCredential,
  timeouts: Required<NetworkTimeouts>,
): AwsIdentityProvider {
  const { credential } = resolved
  switch (credential.kind) {
    case 'static': {
      const { accessKeyId } = credential
      const secretAccessKey = resolved.secretAccessKey
      if (!accessKeyId || !secretAccessKey) {
        throw new CertDeckError(
          'CREDENTIAL_INCOMPLETE',
          `Credential "${credential.name}" is a static key without its access key id or secret. Remove it ` +
            `and add it again.`,
        )
      }
      const identity: AwsIdentity = {
        accessKeyId,
        secretAccessKey,
        ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}),
      }
      return async () => identity
    }
    case 'profile':
      return memoizeProvider(fromIni({ profile: credential.profile }))
    case 'default-chain':
      return memoizeProvider(fromNodeProviderChain())
    case 'assume-role': {
      if (!credential.roleArn || !resolved.source) {
        throw new CertDeckError(
          'CREDENTIAL_INCOMPLETE',
          `Credential "${credential.name}" assumes a role but has no role ARN or source credential. Remove ` +
            `it and add it again with --role-arn and --source.`,
        )
      }
      return memoizeProvider(
        fromTemporaryCredentials({
          params: {
            RoleArn: credential.roleArn,
            RoleSessionName: 'certdeck',
            ...(credential.externalId ? { ExternalId: credential.externalId } : {}),
          },
          masterCredentials: identityProvider(resolved.source, timeouts),
          // STS answers with secret keys: its endpoint obeys the same rule as every other client's.
          clientPlugins: [endpointGuard('STS', credential)],
          clientConfig: {
            requestHandler: requestHandlerOf(timeouts),
            region: credential.defaultRegion ?? resolved.source.credential.defaultRegion ?? 'us-east-1',
            ...(credential.endpoint ? { endpoint: credential.endpoint } : {}),
          },
        }),
      )
    }
    default:
      throw new CertDeckError(
        'CREDENTIAL_KIND',
        `Credential "${(credential as { name: string }).name}" has an unknown kind. Accepted kinds are ` +
          `static, profile, default-chain and assume-role.`,
      )
  }
}
