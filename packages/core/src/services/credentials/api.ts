// The public types of the credentials capability (options, results, its part of the CertDeck facade).
import type { Credential, CredentialKind } from '../../domain/credential.js'

/** Options of adding a credential; secrets come from the caller (stdin/env), never argv. */
export interface AddCredentialOptions {
  readonly name: string
  readonly kind: CredentialKind
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  readonly profile?: string
  readonly roleArn?: string
  readonly externalId?: string
  /** Name of the source credential of an assume-role. */
  readonly source?: string
  readonly endpoint?: string
  readonly defaultRegion?: string
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
}

/** AWS credentials (filled in by the ACM plugin issue). */
export interface CredentialsApi {
  add(options: AddCredentialOptions): Promise<Credential>
  list(): Promise<Credential[]>
  /** One cheap call; resolves with the account id (when AWS tells it) or throws a plain-words error. */
  test(name: string): Promise<{ accountId?: string }>
  remove(name: string): Promise<void>
  /** Makes a credential the default of commands and dialogs that name none (the TUI's `u`). */
  use(name: string): Promise<Credential>
}
