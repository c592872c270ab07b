/**
 * IAM server certificates of one account, over plain JSON kept in the sandbox world (so it
 * persists with `--data FILE` and is replaced wholesale by `control.load()`).
 */
import type { SandboxWorld } from '../world.js'
import { SandboxError } from '../types.js'

/** A tag on a server certificate. */
export interface IamTag {
  readonly Key: string
  readonly Value: string
}

/** One stored server certificate. The private key is checked at upload and never stored. */
export interface ServerCertificateData {
  readonly name: string
  readonly path: string
  readonly id: string
  readonly arn: string
  /** ms since the epoch. */
  readonly uploadDate: number
  /** NotAfter of the certificate, ms since the epoch. */
  readonly expiration: number
  readonly body: string
  readonly chain?: string
  readonly tags: readonly IamTag[]
}

/** The JSON of one account's IAM state: certificates by lower-cased name (IAM names ignore case). */
export interface IamAccountData {
  certificates: Record<string, ServerCertificateData>
}

/** The JSON stored under {@link IAM_STATE_KEY}. */
export interface IamStateData {
  accounts: Record<string, IamAccountData>
}

/** The `world.state` key of IAM. */
export const IAM_STATE_KEY = 'iam'

/** What a new server certificate needs besides what the state assigns (id, ARN). */
export interface NewServerCertificate {
  readonly name: string
  readonly path: string
  readonly body: string
  readonly chain?: string
  readonly uploadDate: number
  readonly expiration: number
  readonly tags: readonly IamTag[]
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** One page of {@link IamState.list}. */
export interface ServerCertificatePage {
  readonly items: readonly ServerCertificateData[]
  /** The marker of the next page, when there is one. */
  readonly nextMarker?: string
}

/** Operations on one account's server certificates. Mutates the JSON it wraps. */
export class IamState {
  constructor(
    private readonly data: IamAccountData,
    private readonly accountId: string,
    private readonly world: Pick<SandboxWorld, 'randomString'>,
  ) {}

  /** The state of `accountId`, created on first use. Call per request: `control.load()` swaps state. */
  static of(world: SandboxWorld, accountId: string): IamState {
    const root = world.state<IamStateData>(IAM_STATE_KEY, () => ({ accounts: {} }))
    root.accounts[accountId] ??= { certificates: {} }
    return new IamState(root.accounts[accountId], accountId, world)
  }

  /** The JSON this state wraps. */
  toJSON(): IamAccountData {
    return this.data
  }

  /** Number of stored certificates. */
  get size(): number {
    return Object.keys(this.data.certificates).length
  }

  /** Whether a certificate named `name` (any case) exists. */
  has(name: string): boolean {
    return Object.hasOwn(this.data.certificates, name.toLowerCase())
  }

  /** The certificate named `name` (any case), or NoSuchEntity. */
  get(name: string): ServerCertificateData {
    if (!this.has(name)) throw noSuchCertificate(name)
    return this.data.certificates[name.toLowerCase()]
  }

  /** Stores a new certificate; EntityAlreadyExists when the name is taken in any case. */
  add(input: NewServerCertificate): ServerCertificateData {
    const key = input.name.toLowerCase()
    if (this.has(key)) {
      throw new SandboxError(
        'EntityAlreadyExists',
        `The Server Certificate with name ${input.name} already exists.`,
        409,
      )
    }
    const record: ServerCertificateData = {
      ...input,
      id: `ASCA${this.world.randomString(17, ID_ALPHABET)}`,
      arn: `arn:aws:iam::${this.accountId}:server-certificate${input.path}${input.name}`,
    }
    this.data.certificates[key] = record
    return record
  }

  /** Deletes the certificate named `name` (any case), or NoSuchEntity. */
  delete(name: string): void {
    this.get(name)
    delete this.data.certificates[name.toLowerCase()]
  }

  /**
   * Certificates whose path starts with `pathPrefix`, ordered by name ignoring case. `marker` is
   * the opaque value a previous page returned; a certificate deleted between pages does not
   * break paging because the marker names a position, not an entry.
   */
  list(pathPrefix: string, maxItems: number, marker?: string): ServerCertificatePage {
    const start = marker === undefined ? undefined : decodeMarker(marker)
    const keys = Object.keys(this.data.certificates)
      .filter((key) => start === undefined || key >= start)
      .sort()
    const items: ServerCertificateData[] = []
    for (const key of keys) {
      const certificate = this.data.certificates[key]
      if (!certificate.path.startsWith(pathPrefix)) continue
      if (items.length === maxItems) return { items, nextMarker: encodeMarker(key) }
      items.push(certificate)
    }
    return { items }
  }
}

function noSuchCertificate(name: string): SandboxError {
  return new SandboxError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`, 404)
}

function encodeMarker(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url')
}

function decodeMarker(marker: string): string {
  const decoded = Buffer.from(marker, 'base64url').toString('utf8')
  if (!decoded.startsWith('v1:')) {
    throw new SandboxError(
      'InvalidInput',
      `Invalid Marker: ${marker}. Pass the Marker value of the previous response unchanged.`,
    )
  }
  return decoded.slice(3)
}
