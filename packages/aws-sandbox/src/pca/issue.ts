import type { SandboxWorld } from '../world.js'
import { loadCa } from '../x509/authority.js'
import type { AcmCertificateRecord } from '../acm/model.js'
import { issueFrom } from '../acm/validation.js'
import { pcaState } from './model.js'

/**
 * Issues a private certificate requested through ACM at once, or marks the request FAILED with
 * the reason ACM gives when the CA is missing, in another region, or not ACTIVE.
 */
export function issuePrivate(world: SandboxWorld, record: AcmCertificateRecord): void {
  const ca = record.caArn ? pcaState(world).authorities[record.caArn] : undefined
  if (!ca || ca.status === 'DELETED') return fail(record, 'PCA_RESOURCE_NOT_FOUND')
  if (ca.region !== record.region) return fail(record, 'PCA_INVALID_ARN')
  if (ca.status !== 'ACTIVE') return fail(record, 'PCA_INVALID_STATE')
  issueFrom(world, record, loadCa(ca.material))
}

function fail(record: AcmCertificateRecord, reason: string): void {
  record.status = 'FAILED'
  record.failureReason = reason
}
