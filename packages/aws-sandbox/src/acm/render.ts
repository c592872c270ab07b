import { epoch } from '../protocol/json-service.js'
import type { SandboxWorld } from '../world.js'
import { hasBody } from './body.js'
import { effectiveStatus, type AcmCertificateRecord } from './model.js'
import { recordVisible } from './validation.js'

const EKU_OIDS: Record<string, string> = {
  TLS_WEB_SERVER_AUTHENTICATION: '1.3.6.1.5.5.7.3.1',
  TLS_WEB_CLIENT_AUTHENTICATION: '1.3.6.1.5.5.7.3.2',
}

/** Key usages ACM reports for the record's key type (the sandbox issues these exact bits). */
export function keyUsagesOf(record: AcmCertificateRecord): string[] {
  if (!hasBody(record)) return []
  return record.keyAlgorithm.startsWith('RSA') ? ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'] : ['DIGITAL_SIGNATURE']
}

/** Extended key usages ACM reports. */
export function extendedKeyUsagesOf(record: AcmCertificateRecord): string[] {
  return hasBody(record) ? ['TLS_WEB_SERVER_AUTHENTICATION', 'TLS_WEB_CLIENT_AUTHENTICATION'] : []
}

/** RenewalEligibility as ACM reports it. */
export function renewalEligibility(world: SandboxWorld, record: AcmCertificateRecord): 'ELIGIBLE' | 'INELIGIBLE' {
  if (record.type === 'IMPORTED' || effectiveStatus(world, record) !== 'ISSUED') return 'INELIGIBLE'
  if (record.type === 'PRIVATE') return 'ELIGIBLE'
  return record.inUseBy.length > 0 || record.exportOption === 'ENABLED' ? 'ELIGIBLE' : 'INELIGIBLE'
}

/** The ExportOption ACM reports: private certificates are always exportable. */
export function exportOptionOf(record: AcmCertificateRecord): 'ENABLED' | 'DISABLED' {
  return record.type === 'PRIVATE' ? 'ENABLED' : record.exportOption
}

/** CertificateKeyPairOrigin: who made the key pair. */
export const keyPairOrigin = (record: AcmCertificateRecord): string =>
  record.type === 'IMPORTED' ? 'CUSTOMER_PROVIDED' : 'AWS_MANAGED'

/** A ListCertificates `CertificateSummary`. */
export function toSummary(world: SandboxWorld, record: AcmCertificateRecord): Record<string, unknown> {
  return {
    CertificateArn: record.arn,
    DomainName: record.domainName,
    SubjectAlternativeNameSummaries: record.sans.slice(0, 100),
    HasAdditionalSubjectAlternativeNames: record.sans.length > 100,
    Status: effectiveStatus(world, record),
    Type: record.type,
    KeyAlgorithm: record.keyAlgorithm,
    KeyUsages: keyUsagesOf(record),
    ExtendedKeyUsages: extendedKeyUsagesOf(record),
    ExportOption: exportOptionOf(record),
    InUse: record.inUseBy.length > 0,
    Exported: record.exported,
    RenewalEligibility: renewalEligibility(world, record),
    NotBefore: epoch(record.notBefore),
    NotAfter: epoch(record.notAfter),
    CreatedAt: epoch(record.createdAt),
    IssuedAt: epoch(record.issuedAt),
    ImportedAt: epoch(record.importedAt),
    RevokedAt: epoch(record.revokedAt),
    CertificateKeyPairOrigin: keyPairOrigin(record),
  }
}

function domainValidations(
  world: SandboxWorld,
  record: AcmCertificateRecord,
  statuses?: Readonly<Record<string, string>>,
): Record<string, unknown>[] | undefined {
  if (record.type !== 'AMAZON_ISSUED') return undefined
  const visible = recordVisible(world, record)
  return record.validations.map((v) => ({
    DomainName: v.domainName,
    ValidationDomain: v.validationDomain,
    ValidationStatus: statuses?.[v.domainName] ?? v.status,
    ValidationMethod: v.method,
    ValidationEmails: v.method === 'EMAIL' ? v.emails : undefined,
    ResourceRecord:
      v.method === 'DNS' && visible
        ? { Name: v.recordName, Type: v.recordType ?? 'CNAME', Value: v.recordValue }
        : undefined,
  }))
}

/** A DescribeCertificate `CertificateDetail`. */
export function toDetail(world: SandboxWorld, record: AcmCertificateRecord): Record<string, unknown> {
  return {
    CertificateArn: record.arn,
    DomainName: record.domainName,
    SubjectAlternativeNames: record.sans,
    DomainValidationOptions: domainValidations(world, record),
    Serial: record.serial,
    Subject: record.subject,
    Issuer: record.issuer,
    CreatedAt: epoch(record.createdAt),
    IssuedAt: epoch(record.issuedAt),
    ImportedAt: epoch(record.importedAt),
    Status: effectiveStatus(world, record),
    RevokedAt: epoch(record.revokedAt),
    RevocationReason: record.revocationReason,
    NotBefore: epoch(record.notBefore),
    NotAfter: epoch(record.notAfter),
    KeyAlgorithm: record.keyAlgorithm,
    SignatureAlgorithm: record.signatureAlgorithm,
    InUseBy: record.inUseBy,
    FailureReason: record.failureReason,
    Type: record.type,
    // ACM gives a RenewalSummary for Amazon-issued certificates only.
    RenewalSummary:
      record.renewal && record.type !== 'IMPORTED'
        ? {
            RenewalStatus: record.renewal.status,
            RenewalStatusReason: record.renewal.reason,
            DomainValidationOptions: domainValidations(world, record, record.renewal.validations) ?? [],
            UpdatedAt: epoch(record.renewal.updatedAt),
          }
        : undefined,
    KeyUsages: keyUsagesOf(record).map((Name) => ({ Name })),
    ExtendedKeyUsages: extendedKeyUsagesOf(record).map((Name) => ({ Name, OID: EKU_OIDS[Name] })),
    CertificateAuthorityArn: record.caArn,
    RenewalEligibility: renewalEligibility(world, record),
    Options: { CertificateTransparencyLoggingPreference: record.ctLogging, Export: exportOptionOf(record) },
    CertificateKeyPairOrigin: keyPairOrigin(record),
  }
}
