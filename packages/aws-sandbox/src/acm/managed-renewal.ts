import type { SandboxWorld } from '../world.js'
import type { AcmCertificateRecord, ManagedRenewalRecord } from './model.js'

/** ACM starts the managed renewal of an Amazon-issued certificate this long before it expires. */
export const MANAGED_RENEWAL_WINDOW_MS = 60 * 24 * 3600 * 1000

/** The RenewalStatusReason the sandbox gives a renewal whose validation never completed. */
export const VALIDATION_NOT_COMPLETED_REASON = 'OTHER'

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '')

/** True when ACM would renew it by itself: Amazon-issued and in use or exported. */
export function managedRenewalEligible(record: AcmCertificateRecord): boolean {
  return record.type === 'AMAZON_ISSUED' && (record.inUseBy.length > 0 || record.exported)
}

/**
 * Moves ACM's managed renewal forward, as ACM does in the background from 60 days before expiry:
 * each DNS-validated name is re-checked against the Route 53 public zones (EMAIL names wait for a
 * person), the renewal is `PENDING_AUTO_RENEWAL` while every name validates and
 * `PENDING_VALIDATION` while one does not; a renewal still pending when the certificate expires
 * becomes `FAILED`. The sandbox never re-issues the certificate by itself (a validated renewal
 * stays `PENDING_AUTO_RENEWAL`), so bodies stay stable for tests. Renewals made by
 * RenewCertificate (SUCCESS, or FAILED through a private CA) are left as they are.
 */
export function advanceManagedRenewal(world: SandboxWorld, record: AcmCertificateRecord): void {
  if (record.type !== 'AMAZON_ISSUED' || record.status !== 'ISSUED' || record.notAfter === undefined) return
  const current = record.renewal
  // One RenewCertificate (or control.setRenewal) set: it stands as it is.
  if (current && current.forNotAfter === undefined) return
  if (current?.forNotAfter === record.notAfter && current.status === 'FAILED') return
  const now = world.now()
  if (now < record.notAfter - MANAGED_RENEWAL_WINDOW_MS || !managedRenewalEligible(record)) return
  const validations: NonNullable<ManagedRenewalRecord['validations']> = {}
  for (const v of record.validations) {
    if (v.method === 'EMAIL' || !v.recordName || !v.recordValue) {
      validations[v.domainName] = 'PENDING_VALIDATION'
      continue
    }
    const values = world.route53.findPublicRecord(record.accountId, v.recordName, 'CNAME')
    const present = values?.some((value) => normalise(value) === normalise(v.recordValue!)) === true
    validations[v.domainName] = present ? 'SUCCESS' : 'PENDING_VALIDATION'
  }
  const validated = Object.values(validations).every((status) => status === 'SUCCESS')
  const expired = now >= record.notAfter
  const status = validated ? 'PENDING_AUTO_RENEWAL' : 'PENDING_VALIDATION'
  const next: ManagedRenewalRecord =
    expired && !validated
      ? {
          status: 'FAILED',
          reason: VALIDATION_NOT_COMPLETED_REASON,
          updatedAt: now,
          forNotAfter: record.notAfter,
          validations: Object.fromEntries(
            Object.entries(validations).map(([name, status]) => [name, status === 'SUCCESS' ? status : 'FAILED']),
          ),
        }
      : {
          status,
          updatedAt: current?.forNotAfter === record.notAfter && current.status === status ? current.updatedAt : now,
          forNotAfter: record.notAfter,
          validations,
        }
  record.renewal = next
}
