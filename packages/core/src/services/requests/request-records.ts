import type { Certificate, CertificateFacts } from '../../domain/certificate.js'
import type { CertificateRequest } from '../../domain/certificate-request.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { SealedSecret } from '../../domain/sealed-secret.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import type { IssuedStatus } from '../../plugins/certificate-issuer.js'
import { addVersion, commitImport } from '../certificates/index.js'
import { accountOfArn } from '../discovery/index.js'

/** The tag a requested entry carries: the ARN it was issued under. */
const REQUESTED_FROM_TAG = 'certdeck:requested-from'

/** A body read from ACM, parsed. */
export interface IssuedBody {
  readonly arn: string
  readonly pem: string
  readonly chainPem: readonly string[]
  readonly facts: CertificateFacts
  /** Only from ExportCertificate: the key, sealed. */
  readonly privateKey?: SealedSecret
}

/** What entering a body did. */
export interface Entered {
  readonly certificate: Certificate
  readonly outcome: 'created' | 'renewed' | 'unchanged'
}

/**
 * Enters a body issued by ACM into the repository (origin `requested`): a body already held
 * stays (gaining the key it brings), a renewal of `renewOf` becomes its new version (whatever
 * its names), anything else goes through the import rules (new entry, or a new version of the
 * entry with the same names).
 */
export function enterIssuedBody(data: StoreData, body: IssuedBody, now: string, renewOf?: string): Entered {
  const fingerprint = body.facts.fingerprintSha256
  const held = data.certificates.some(
    (c) => c.fingerprintSha256 === fingerprint || c.versions.some((v) => v.fingerprintSha256 === fingerprint),
  )
  const target = renewOf ? data.certificates.find((c) => c.id === renewOf) : undefined
  if (target && !held && Date.parse(body.facts.notAfter) >= Date.parse(target.notAfter)) {
    const certificate = addVersion(
      target,
      { facts: body.facts, pem: body.pem, chainPem: body.chainPem, privateKey: body.privateKey, origin: 'requested' },
      { now },
    )
    data.certificates[data.certificates.indexOf(target)] = certificate
    return { certificate, outcome: 'renewed' }
  }
  const { certificate, outcome } = commitImport(
    data,
    {
      body: {
        facts: body.facts,
        pem: body.pem,
        chainPem: body.chainPem,
        privateKey: body.privateKey,
        origin: 'requested',
      },
      tags: held ? {} : { [REQUESTED_FROM_TAG]: body.arn },
    },
    now,
  )
  return { certificate, outcome }
}

/** Makes or refreshes the AWS tab's record of a requested certificate, linked to its entry. */
export function upsertRequestedCloudRecord(
  data: StoreData,
  request: Pick<CertificateRequest, 'credentialId' | 'region' | 'keyAlgorithm'>,
  status: IssuedStatus,
  now: string,
  body?: { readonly facts: CertificateFacts; readonly certificateId: string },
): void {
  const index = data.cloudCertificates.findIndex((r) => r.arn === status.arn)
  const previous = index >= 0 ? data.cloudCertificates[index] : undefined
  const { drift: _drift, stale: _stale, ...kept } = previous ?? ({} as Partial<CloudCertificate>)
  const facts = body?.facts
  const record: CloudCertificate = {
    ...kept,
    arn: status.arn,
    store: 'acm',
    region: request.region,
    accountId: accountOfArn(status.arn) ?? previous?.accountId ?? '',
    credentialId: previous?.credentialId ?? request.credentialId,
    kind: status.type,
    status: status.status,
    domain: status.domain,
    sans: status.sans,
    ...(facts
      ? {
          keyAlgorithm: facts.keyAlgorithm,
          notBefore: facts.notBefore,
          notAfter: facts.notAfter,
          serial: facts.serial,
          fingerprintSha256: facts.fingerprintSha256,
          certificateId: body.certificateId,
        }
      : {}),
    ...(!facts && status.notAfter ? { notAfter: status.notAfter } : {}),
    ...(status.exportOption ? { exportOption: status.exportOption } : {}),
    ...(status.inUseBy ? { inUse: status.inUseBy.length > 0 } : {}),
    lastSeenAt: now,
  }
  if (index >= 0) data.cloudCertificates[index] = record
  else data.cloudCertificates.push(record)
}

/** Replaces the request with the same id; `REQUEST_UNKNOWN` when it is gone. */
export function putRequest(data: StoreData, request: CertificateRequest): CertificateRequest {
  const index = data.requests.findIndex((r) => r.id === request.id)
  if (index < 0)
    throw new CertDeckError(
      'REQUEST_UNKNOWN',
      `Request ${request.id} is no longer in the repository (deleted meanwhile?).`,
      { kind: 'failure' },
    )
  data.requests[index] = request
  return request
}
