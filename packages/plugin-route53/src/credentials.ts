import { CertDeckError, type ResolvedCredential, endpointGuard } from '@certdeck/core'
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers'

/** A function the SDK calls for credentials. */
export type AwsIdentityProvider = () => Promise<{
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly expiration?: Date
}>

/**
 * The SDK credential provider of a resolved credential: static keys, a profile of the AWS config
 * files (SSO included), the default provider chain, or a role assumed with another credential's
 * identity. A small copy of plugin-acm's: plugins never import each other, and this code needs
 * the AWS SDK, which core must not. The Route 53 client memoizes what it returns.
 */
export function identityProvider(resolved: ResolvedCredential, requestHandler: object): AwsIdentityProvider {
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
      const identity = {
        accessKeyId,
        secretAccessKey,
        ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}),
      }
      return async () => identity
    }
    case 'profile':
      return fromIni({ profile: credential.profile })
    case 'default-chain':
      return fromNodeProviderChain()
    case 'assume-role': {
      if (!credential.roleArn || !resolved.source) {
        throw new CertDeckError(
          'CREDENTIAL_INCOMPLETE',
          `Credential "${credential.name}" assumes a role but has no role ARN or source credential. Remove ` +
            `it and add it again with --role-arn and --source.`,
        )
      }
      return fromTemporaryCredentials({
        params: {
          RoleArn: credential.roleArn,
          RoleSessionName: 'certdeck-route53',
          ...(credential.externalId ? { ExternalId: credential.externalId } : {}),
        },
        masterCredentials: identityProvider(resolved.source, requestHandler),
        // STS answers with secret keys: its endpoint obeys the same rule as every other client's.
        clientPlugins: [endpointGuard('STS', credential)],
        clientConfig: {
          requestHandler,
          region: credential.defaultRegion ?? resolved.source.credential.defaultRegion ?? 'us-east-1',
          ...(credential.endpoint ? { endpoint: credential.endpoint } : {}),
        },
      })
    }
    default:
      throw new CertDeckError(
        'CREDENTIAL_KIND',
        `Credential "${(credential as { name: string }).name}" has an unknown kind. Accepted kinds are ` +
          `static, profile, default-chain and assume-role.`,
      )
  }
}
