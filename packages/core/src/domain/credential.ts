import type { SealedSecret } from './sealed-secret.js'

/** How a credential reaches an AWS account. */
export type CredentialKind = 'static' | 'profile' | 'default-chain' | 'assume-role'

/** How to reach an AWS account. Secrets are sealed; everything else is plain. */
export interface Credential {
  readonly id: string
  /** Unique, user-chosen name. */
  readonly name: string
  readonly kind: CredentialKind
  /** `static`: the access key id (not secret). */
  readonly accessKeyId?: string
  /** `static`: the secret access key, sealed. */
  readonly secretAccessKey?: SealedSecret
  /** `static`: an optional session token, sealed. */
  readonly sessionToken?: SealedSecret
  /** `profile`: the profile name in the AWS config files. */
  readonly profile?: string
  /** `assume-role`: the role to assume. */
  readonly roleArn?: string
  /** `assume-role`: optional external id. */
  readonly externalId?: string
  /** `assume-role`: the credential whose identity assumes the role. */
  readonly sourceCredentialId?: string
  /** Endpoint override for every AWS client of this credential (LocalStack-style). */
  readonly endpoint?: string
  /** Region for single-region calls (e.g. `credentials test`). @default 'us-east-1' */
  readonly defaultRegion?: string
  /** Learned on the first successful call. */
  readonly accountId?: string
  /** The credential used when a command or dialog names none (`certdeck credentials use NAME`). */
  readonly isDefault?: boolean
  readonly createdAt: string
}
