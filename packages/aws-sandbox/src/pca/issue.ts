import type { SandboxWorld } from '../world.js'
import { loadCa, type LoadedCa } from '../x509/authority.js'
import type { AcmCertificateRecord } from '../acm/model.js'
import { issueFrom } from '../acm/validation.js'
import { pcaState } from './model.js'

/**
 * The CA that may sign the record's private certificate, or the FailureReason ACM gives when the
 * CA is missing, in another account or region, or not ACTIVE.
 */
export function privateIssuer(world: SandboxWorld, record: AcmCertificateRecord): LoadedCa | string {
  const ca = record.caArn ? pcaState(world).authorities[record.caArn] : undefined
  if (!ca || ca.status === 'DELETED') return 'PCA_RESOURCE_NOT_FOUND'
  if (ca.region !== record.region) return 'PCA_INVALID_ARN'
  if (ca.accountId !== record.accountId) return 'PCA_ACCESS_DENIED'
  if (ca.status !== 'ACTIVE') return 'PCA_INVALID_STATE'
  return loadCa(ca.material)
}

/** Issues a private certificate requested through ACM at once, or marks the request FAILED. */
export function issuePrivate(world: SandboxWorld, record: AcmCertificateRecord): void {
  const issuer = privateIssuer(world, record)
  if (typeof issuer === 'string') {
    record.status = 'FAILED'
    record.failureReason = issuer
    return
  }
  issueFrom(world, record, issuer)
}
