import { createHash } from 'node:crypto'
import { SandboxError, type SandboxRequest } from '../types.js'
import type { SandboxWorld } from '../world.js'
import type { KeyAlgorithm } from '../x509/key-algorithm.js'

/** ACM's certificate statuses (EXPIRED is derived from NotAfter when read). */
export type AcmStatus =
  | 'PENDING_VALIDATION'
  | 'ISSUED'
  | 'INACTIVE'
  | 'EXPIRED'
  | 'VALIDATION_TIMED_OUT'
  | 'REVOKED'
  | 'FAILED'

/** A tag as ACM takes it. */
export interface AcmTag {
  readonly Key: string
  readonly Value?: string
}

/** One domain's validation, as stored. */
export interface DomainValidationRecord {
  readonly domainName: string
  readonly validationDomain: string
  readonly method: 'DNS' | 'EMAIL'
  status: 'PENDING_VALIDATION' | 'SUCCESS' | 'FAILED'
  /** DNS: the CNAME to create (both end with a dot, as ACM shows them). */
  readonly recordName?: string
  readonly recordValue?: string
  /** DNS: the record type shown (a crafted answer in tests). @default 'CNAME' */
  readonly recordType?: string
  /** EMAIL: the five admin addresses. */
  readonly emails?: readonly string[]
}

/** One ACM certificate as the sandbox stores it (plain JSON; times in ms since the epoch). */
export interface AcmCertificateRecord {
  readonly arn: string
  readonly accountId: string
  readonly region: string
  /** Insertion order, used for stable paging. */
  readonly seq: number
  readonly type: 'AMAZON_ISSUED' | 'IMPORTED' | 'PRIVATE'
  status: Exclude<AcmStatus, 'EXPIRED'>
  domainName: string
  sans: string[]
  keyAlgorithm: KeyAlgorithm
  createdAt?: number
  issuedAt?: number
  importedAt?: number
  revokedAt?: number
  revocationReason?: string
  notBefore?: number
  notAfter?: number
  serial?: string
  subject?: string
  issuer?: string
  signatureAlgorithm?: string
  certificatePem?: string
  /** Key in `AcmState.chains` of the chain PEM (chains are shared, not copied per certificate). */
  chainId?: string
  /** A seeded body not signed yet: signed on first GetCertificate/ExportCertificate (see README). */
  lazyBody?: LazyBody
  /** Key in `AcmState.keys` of the private key ACM holds (Amazon-issued and private certificates). */
  keyId?: string
  validationMethod?: 'DNS' | 'EMAIL'
  validations: DomainValidationRecord[]
  idempotencyToken?: string
  caArn?: string
  exportOption: 'ENABLED' | 'DISABLED'
  exported: boolean
  inUseBy: string[]
  tags: AcmTag[]
  failureReason?: string
  ctLogging: 'ENABLED' | 'DISABLED'
  renewal?: ManagedRenewalRecord
  resendCount: number
}

/** ACM's managed renewal of a certificate (DescribeCertificate's RenewalSummary). */
export interface ManagedRenewalRecord {
  status: 'SUCCESS' | 'PENDING_AUTO_RENEWAL' | 'PENDING_VALIDATION' | 'FAILED'
  /** RenewalStatusReason (ACM's FailureReason spelling). */
  reason?: string
  updatedAt: number
  /** The NotAfter of the certificate this renewal replaces: a later renewal starts a new record. */
  forNotAfter?: number
  /** Renewal validation status per domain name; absent names read as the initial validation's. */
  validations?: Record<string, 'PENDING_VALIDATION' | 'SUCCESS' | 'FAILED'>
}

/** What is needed to sign a seeded certificate body later. */
export interface LazyBody {
  /** `public-pki`, `external-pki` or a private CA ARN. */
  readonly issuer: string
  /** Key in `AcmState.keys` of the subject key. */
  readonly keyId: string
  readonly serialHex: string
  readonly notBefore: number
  readonly notAfter: number
}

/** The certificates of one account in one region. */
export interface AcmRegionState {
  nextSeq: number
  certs: Record<string, AcmCertificateRecord>
  /** ARNs in `seq` order. */
  order: string[]
  /** IdempotencyToken → the ARN it created and when. */
  idempotency: Record<string, { arn: string; at: number }>
}

/** All ACM state. */
export interface AcmState {
  regions: Record<string, AcmRegionState>
  /** Private keys ACM holds, shared by id (many seeded certificates share a pooled key). */
  keys: Record<string, string>
  /** Chain PEMs by content hash, shared by the certificates they belong to. */
  chains: Record<string, string>
}

/** ACM's state in `world`. */
export function acmState(world: SandboxWorld): AcmState {
  const state = world.state<AcmState>('acm', () => ({ regions: {}, keys: {}, chains: {} }))
  state.chains ??= {}
  return state
}

/** The certificates of `accountId` in `region`, created empty on first use. */
export function regionState(world: SandboxWorld, accountId: string, region: string): AcmRegionState {
  const state = acmState(world)
  const key = `${accountId}:${region}`
  state.regions[key] ??= { nextSeq: 1, certs: {}, order: [], idempotency: {} }
  return state.regions[key]
}

/** Adds a record built around the next sequence number. */
export function insertRecord(
  world: SandboxWorld,
  accountId: string,
  region: string,
  build: (arn: string, seq: number) => AcmCertificateRecord,
): AcmCertificateRecord {
  const rs = regionState(world, accountId, region)
  const arn = `arn:aws:acm:${region}:${accountId}:certificate/${uuid(world)}`
  const record = build(arn, rs.nextSeq++)
  rs.certs[arn] = record
  rs.order.push(arn)
  return record
}

/** Removes a record. */
export function removeRecord(world: SandboxWorld, record: AcmCertificateRecord): void {
  const rs = regionState(world, record.accountId, record.region)
  delete rs.certs[record.arn]
  const index = rs.order.indexOf(record.arn)
  if (index >= 0) rs.order.splice(index, 1)
}

/** A version-4-shaped UUID from the world's seeded PRNG. */
export function uuid(world: SandboxWorld): string {
  const s = world.randomString(32)
  return (
    `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${'89ab'[Math.floor(world.random() * 4)]}` +
    `${s.slice(17, 20)}-${s.slice(20)}`
  )
}

const ARN_PATTERN = /^arn:aws[\w-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/([\w-]+)$/

/** Checks the ARN's form (InvalidArnException) and finds it in the caller's account and region. */
export function findRecord(world: SandboxWorld, request: SandboxRequest, arn: unknown): AcmCertificateRecord {
  if (typeof arn !== 'string' || !arn) {
    throw new SandboxError(
      'ValidationException',
      "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member " +
        'must not be null',
    )
  }
  if (!ARN_PATTERN.test(arn)) {
    throw new SandboxError(
      'InvalidArnException',
      `String '${arn}' is not a valid ARN. A certificate ARN looks like ` +
        `arn:aws:acm:region:account:certificate/12345678-1234-1234-1234-123456789012.`,
    )
  }
  const record = regionState(world, request.accountId, request.region).certs[arn]
  if (!record) {
    throw new SandboxError(
      'ResourceNotFoundException',
      `Could not find certificate ${arn} in account ${request.accountId}, region ${request.region}.`,
    )
  }
  return record
}

/** Stores a private key PEM and returns its id. */
export function storeKey(world: SandboxWorld, pem: string, id = `k-${world.randomString(16)}`): string {
  acmState(world).keys[id] = pem
  return id
}

/** Stores a chain PEM once and returns its id (a content hash). */
export function storeChain(world: SandboxWorld, pem: string): string {
  const id = `c-${createHash('sha256').update(pem).digest('hex').slice(0, 24)}`
  acmState(world).chains[id] ??= pem
  return id
}

/** The status ACM shows now: ISSUED turns EXPIRED once NotAfter has passed. */
export function effectiveStatus(world: SandboxWorld, record: AcmCertificateRecord): AcmStatus {
  if (record.status === 'ISSUED' && record.notAfter !== undefined && record.notAfter < world.now()) return 'EXPIRED'
  return record.status
}
