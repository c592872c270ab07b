import { generateKeyPairSync } from 'node:crypto'
import { SandboxError, type SandboxRequest } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { createCa, type CaMaterial } from '../x509/authority.js'
import { formatSerial } from '../x509/inspect.js'
import { keyGenParams, type KeyAlgorithm } from '../x509/key-algorithm.js'
import { uuid } from '../acm/model.js'
import { signatureAlgorithmName } from '../x509/cert-builder.js'

/** A private CA as the sandbox stores it. */
export interface CaRecord {
  readonly arn: string
  readonly accountId: string
  readonly region: string
  readonly type: 'ROOT' | 'SUBORDINATE'
  status: 'ACTIVE' | 'DISABLED' | 'EXPIRED' | 'DELETED'
  readonly createdAt: number
  lastStateChangeAt: number
  readonly notBefore: number
  readonly notAfter: number
  /** Serial of the CA's own certificate, ACM-formatted. */
  readonly serial: string
  readonly keyAlgorithm: 'RSA_2048' | 'RSA_4096' | 'EC_prime256v1' | 'EC_secp384r1'
  readonly signingAlgorithm: string
  readonly subject: { readonly CommonName: string; readonly Organization?: string; readonly Country?: string }
  readonly material: CaMaterial
  /** Revoked serials (ACM-formatted) with reason and time. */
  revoked: Record<string, { reason: string; at: number }>
}

/** All ACM-PCA state. */
export interface PcaState {
  authorities: Record<string, CaRecord>
  order: string[]
}

/** ACM-PCA's state in `world`. */
export function pcaState(world: SandboxWorld): PcaState {
  return world.state<PcaState>('acm-pca', () => ({ authorities: {}, order: [] }))
}

/** What a new private CA looks like. */
export interface NewAuthority {
  readonly accountId: string
  readonly region: string
  readonly commonName: string
  readonly organization?: string
  /** @default 'EC_prime256v1' (fast to sign with) */
  readonly keyAlgorithm?: CaRecord['keyAlgorithm']
}

const YEAR = 365 * 24 * 3600 * 1000

/** Creates an ACTIVE root CA (the sandbox does not model CA creation, CSR and activation steps). */
export function createAuthority(world: SandboxWorld, input: NewAuthority): CaRecord {
  const keyAlgorithm = input.keyAlgorithm ?? 'EC_prime256v1'
  const params = keyGenParams(keyAlgorithm as KeyAlgorithm)
  const key =
    params.type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: params.modulusLength })
      : generateKeyPairSync('ec', { namedCurve: params.namedCurve })
  const now = world.now()
  const serial = Buffer.from(world.randomString(32), 'hex')
  serial[0] &= 0x7f
  const subject = { CommonName: input.commonName, Organization: input.organization, Country: 'US' }
  const material = createCa({
    subject: { country: 'US', organization: input.organization, commonName: input.commonName },
    privateKey: key.privateKey,
    spki: key.publicKey.export({ type: 'spki', format: 'der' }),
    serial,
    notBefore: now - YEAR,
    notAfter: now + 10 * YEAR,
  })
  const arn = `arn:aws:acm-pca:${input.region}:${input.accountId}:certificate-authority/${uuid(world)}`
  const record: CaRecord = {
    arn,
    accountId: input.accountId,
    region: input.region,
    type: 'ROOT',
    status: 'ACTIVE',
    createdAt: now,
    lastStateChangeAt: now,
    notBefore: now - YEAR,
    notAfter: now + 10 * YEAR,
    serial: formatSerial(serial.toString('hex')),
    keyAlgorithm,
    signingAlgorithm: signatureAlgorithmName(key.privateKey),
    subject,
    material,
    revoked: {},
  }
  const state = pcaState(world)
  state.authorities[arn] = record
  state.order.push(arn)
  return record
}

const CA_ARN = /^arn:aws[\w-]*:acm-pca:([a-z0-9-]+):(\d{12}):certificate-authority\/[\w-]+$/

/** True when `arn` has the form of a private CA ARN. */
export const isCaArn = (arn: string): boolean => CA_ARN.test(arn)

/** Finds a CA the caller may use in its region (InvalidArnException, ResourceNotFoundException). */
export function findAuthority(world: SandboxWorld, request: SandboxRequest, arn: unknown): CaRecord {
  if (typeof arn !== 'string' || !isCaArn(arn)) {
    throw new SandboxError(
      'InvalidArnException',
      `The certificate authority ARN '${String(arn)}' is not valid; it looks like ` +
        `arn:aws:acm-pca:region:account:certificate-authority/12345678-1234-1234-1234-123456789012.`,
    )
  }
  const record = pcaState(world).authorities[arn]
  if (
    !record ||
    record.region !== request.region ||
    record.accountId !== request.accountId ||
    record.status === 'DELETED'
  ) {
    throw new SandboxError(
      'ResourceNotFoundException',
      `Could not find certificate authority ${arn} in account ${request.accountId}, region ${request.region}.`,
    )
  }
  return record
}
