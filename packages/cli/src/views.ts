import type { AuditEvent, Certificate, CertificateVersion, PendingKey } from '@certdeck/core'
import { formatFields, formatTable } from './io.js'
import { daysLeft } from './parse.js'
import { fitColumns, tagsText } from './table-fit.js'

/**
 * One certificate in JSON output (`certs list`, `expiring`, `certs create`…). Built field by
 * field so nothing sealed can leak into it.
 */
export interface CertificateSummary {
  readonly id: string
  readonly commonName: string
  readonly sans: readonly string[]
  readonly issuer: string
  readonly serial: string
  readonly fingerprintSha256: string
  readonly notBefore: string
  readonly notAfter: string
  readonly daysLeft: number
  readonly keyAlgorithm: string
  readonly origin: string
  /** The current version number. */
  readonly version: number
  /** The repository holds the private key (sealed; it is never printed). */
  readonly hasPrivateKey: boolean
  readonly tags: Readonly<Record<string, string>>
}

/** One version in `certs show --json`. */
export interface VersionSummary {
  readonly version: number
  readonly fingerprintSha256: string
  readonly serial: string
  readonly notBefore: string
  readonly notAfter: string
  readonly origin: string
  readonly addedAt: string
  readonly hasPrivateKey: boolean
}

/** `certs show --json`: the summary plus everything public about the entry. */
export interface CertificateDetail extends CertificateSummary {
  readonly subject: string
  readonly selfSigned: boolean
  readonly createdAt: string
  readonly updatedAt: string
  /** PEM of the certificate (public). */
  readonly pem: string
  /** PEM of each chain certificate, from the leaf's issuer up to the root. */
  readonly chainPem: readonly string[]
  /** Every version, oldest first; the last is the current one. */
  readonly versions: readonly VersionSummary[]
  /** Deployments of this certificate to cloud stores, or null when they cannot be listed. */
  readonly deployments: number | null
}

/** `certs csr --json`: the pending key's public facts and the CSR. */
export interface PendingKeySummary {
  readonly id: string
  readonly commonName: string
  readonly sans: readonly string[]
  readonly keyAlgorithm: string
  readonly publicKeySha256: string
  readonly createdAt: string
  readonly csrPem: string
}

/** The JSON summary of a certificate. */
export function certificateSummary(cert: Certificate, now = Date.now()): CertificateSummary {
  return {
    id: cert.id,
    commonName: cert.commonName,
    sans: [...cert.sans],
    issuer: cert.issuer,
    serial: cert.serial,
    fingerprintSha256: cert.fingerprintSha256,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    daysLeft: daysLeft(cert.notAfter, now),
    keyAlgorithm: cert.keyAlgorithm,
    origin: cert.origin,
    version: cert.version,
    hasPrivateKey: cert.privateKey !== undefined,
    tags: { ...cert.tags },
  }
}

function versionSummary(version: CertificateVersion): VersionSummary {
  return {
    version: version.version,
    fingerprintSha256: version.fingerprintSha256,
    serial: version.serial,
    notBefore: version.notBefore,
    notAfter: version.notAfter,
    origin: version.origin,
    addedAt: version.addedAt,
    hasPrivateKey: version.privateKey !== undefined,
  }
}

/** The JSON detail of a certificate. */
export function certificateDetail(cert: Certificate, deployments: number | null): CertificateDetail {
  const history = cert.versions.filter((v) => v.version !== cert.version)
  return {
    ...certificateSummary(cert),
    subject: cert.subject,
    selfSigned: cert.selfSigned,
    createdAt: cert.createdAt,
    updatedAt: cert.updatedAt,
    pem: cert.pem,
    chainPem: [...cert.chainPem],
    versions: [...history, cert].map(versionSummary),
    deployments,
  }
}

/** The JSON summary of a pending CSR key. */
export function pendingKeySummary(pending: PendingKey): PendingKeySummary {
  return {
    id: pending.id,
    commonName: pending.commonName,
    sans: [...pending.sans],
    keyAlgorithm: pending.keyAlgorithm,
    publicKeySha256: pending.publicKeySha256,
    createdAt: pending.createdAt,
    csrPem: pending.csrPem,
  }
}

/**
 * The human table of certificates. It fits {@link TABLE_WIDTH} columns: a key CertDeck does not
 * hold is marked `*` (explained under the table), ARNs in tags are shortened, then the tags and,
 * if still needed, the common name are cut with `…`. `wide` prints every cell whole.
 */
export function certificateTable(certs: readonly CertificateSummary[], options: { wide?: boolean } = {}): string {
  const wide = options.wide === true
  const headers = ['ID', 'COMMON NAME', 'NOT AFTER', 'DAYS LEFT', 'KEY', 'ORIGIN', 'V', 'TAGS']
  const rows = certs.map((c) => [
    c.id,
    c.commonName,
    c.notAfter.slice(0, 10),
    String(c.daysLeft),
    c.keyAlgorithm + (c.hasPrivateKey ? '' : wide ? ' (no key)' : '*'),
    c.origin,
    String(c.version),
    tagsText(c.tags, wide),
  ])
  if (wide) return formatTable(headers, rows)
  const table = formatTable(
    headers,
    fitColumns(headers, rows, [
      [7, 16],
      [1, 18],
      [7, 10],
    ]),
  )
  return certs.every((c) => c.hasPrivateKey) ? table : `${table}\n* CertDeck holds no private key for it`
}

/** The human view of one certificate. */
export function certificateFields(detail: CertificateDetail): string {
  const fields: [string, string][] = [
    ['ID', detail.id],
    ['Common name', detail.commonName],
    ['SANs', detail.sans.join(', ') || '-'],
    ['Subject', detail.subject],
    ['Issuer', detail.issuer + (detail.selfSigned ? ' (self-signed)' : '')],
    ['Serial', detail.serial],
    ['SHA-256', detail.fingerprintSha256],
    ['Not before', detail.notBefore],
    ['Not after', `${detail.notAfter} (${daysLeftText(detail.daysLeft)})`],
    ['Key', `${detail.keyAlgorithm}, private key ${detail.hasPrivateKey ? 'held (sealed)' : 'not held'}`],
    ['Origin', detail.origin],
    ['Chain', `${detail.chainPem.length} certificate(s)`],
    ['Tags', tagsText(detail.tags, true) || '-'],
    ['Deployments', detail.deployments === null ? 'unknown' : String(detail.deployments)],
    ['Version', `${detail.version} of ${detail.versions.length}`],
  ]
  const versions = formatTable(
    ['VERSION', 'SERIAL', 'NOT AFTER', 'ORIGIN', 'ADDED', 'KEY'],
    detail.versions.map((v) => [
      String(v.version),
      v.serial,
      v.notAfter.slice(0, 10),
      v.origin,
      v.addedAt.slice(0, 10),
      v.hasPrivateKey ? 'held' : '-',
    ]),
  )
  return `${formatFields(fields)}\n\n${versions}`
}

/** `12 days left`, `1 day left`, `expires within a day`, `expired`. */
export function daysLeftText(days: number): string {
  if (days > 1) return `${days} days left`
  if (days === 1) return '1 day left'
  return days === 0 ? 'expires within a day' : 'expired'
}

/** One audit event in JSON output; absent fields are null. */
export interface AuditEntry {
  readonly id: string
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly target: string | null
  readonly outcome: 'ok' | 'failed'
  readonly detail: string | null
}

/** The JSON form of an audit event. */
export function auditEntry(event: AuditEvent): AuditEntry {
  return {
    id: event.id,
    at: event.at,
    actor: event.actor,
    action: event.action,
    target: event.target ?? null,
    outcome: event.outcome,
    detail: event.detail ?? null,
  }
}

/** The human table of audit events. */
export function auditTable(events: readonly AuditEntry[]): string {
  return formatTable(
    ['AT', 'ACTOR', 'ACTION', 'TARGET', 'OUTCOME', 'DETAIL'],
    events.map((e) => [e.at, e.actor, e.action, e.target ?? '-', e.outcome, e.detail ?? '']),
  )
}
