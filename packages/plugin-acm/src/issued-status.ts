import type { CertificateDetail, DomainValidation as AcmDomainValidation, RenewalSummary } from '@aws-sdk/client-acm'
import type { DomainValidation, IssuedStatus, ManagedRenewal } from '@certdeck/core'

const TYPES: ReadonlySet<string> = new Set<IssuedStatus['type']>(['AMAZON_ISSUED', 'PRIVATE', 'IMPORTED'])

/** A DNS name as CertDeck keeps it: without the root's trailing dot. */
const withoutDot = (name: string): string => name.replace(/\.$/, '')

/** ACM's serial (`0a:1b:…`, any case) as CertDeck keeps serials: lower-case hex, no separators. */
export const plainSerial = (serial: string): string => serial.replace(/:/g, '').toLowerCase()

/** A DescribeCertificate `CertificateDetail` in CertDeck's terms. */
export function toIssuedStatus(arn: string, detail: CertificateDetail | undefined): IssuedStatus {
  if (!detail) throw new Error('DescribeCertificate answered without a Certificate')
  const domain = detail.DomainName ?? ''
  return {
    arn: detail.CertificateArn ?? arn,
    status: detail.Status ?? 'UNKNOWN',
    type: detail.Type && TYPES.has(detail.Type) ? (detail.Type as IssuedStatus['type']) : 'IMPORTED',
    domain,
    // As ACM lists them (the domain first), like the sans of a discovered cloud certificate.
    sans: detail.SubjectAlternativeNames ?? [domain],
    validations: (detail.DomainValidationOptions ?? []).map(toValidation),
    ...(detail.Serial ? { serial: plainSerial(detail.Serial) } : {}),
    ...(detail.NotAfter ? { notAfter: detail.NotAfter.toISOString() } : {}),
    ...(detail.CertificateAuthorityArn ? { caArn: detail.CertificateAuthorityArn } : {}),
    ...(detail.FailureReason ? { failureReason: detail.FailureReason } : {}),
    ...(detail.RenewalSummary?.RenewalStatus ? { renewalStatus: detail.RenewalSummary.RenewalStatus } : {}),
    ...(detail.Options?.Export ? { exportOption: detail.Options.Export } : {}),
    ...(detail.InUseBy ? { inUseBy: detail.InUseBy } : {}),
    ...(detail.RenewalSummary?.RenewalStatus ? { renewal: toRenewal(detail.RenewalSummary) } : {}),
  }
}

/** ACM's RenewalSummary in CertDeck's terms. */
function toRenewal(summary: RenewalSummary): ManagedRenewal {
  return {
    status: summary.RenewalStatus ?? 'UNKNOWN',
    ...(summary.RenewalStatusReason ? { reason: summary.RenewalStatusReason } : {}),
    ...(summary.UpdatedAt ? { updatedAt: summary.UpdatedAt.toISOString() } : {}),
    validations: (summary.DomainValidationOptions ?? []).map(toValidation),
  }
}

function toValidation(v: AcmDomainValidation): DomainValidation {
  const domain = v.DomainName ?? ''
  const record = v.ResourceRecord
  return {
    domain,
    validationDomain: v.ValidationDomain ?? domain,
    status: v.ValidationStatus ?? 'PENDING_VALIDATION',
    ...(v.ValidationMethod === 'DNS' || v.ValidationMethod === 'EMAIL' ? { method: v.ValidationMethod } : {}),
    ...(record?.Name && record.Value
      ? { record: { name: withoutDot(record.Name), type: record.Type ?? 'CNAME', value: withoutDot(record.Value) } }
      : {}),
    ...(v.ValidationEmails?.length ? { emails: v.ValidationEmails } : {}),
  }
}
