import type { CertificateAuthority, CertificateRequest, ValidationRecord } from '@certdeck/core'
import { formatFields, formatTable } from './io.js'

/** Requests as a table, newest first. */
export function requestTable(requests: readonly CertificateRequest[]): string {
  return formatTable(
    ['ID', 'KIND', 'STATE', 'DOMAIN', 'NAMES', 'REGION', 'VALIDATION', 'CERT', 'ARN'],
    requests.map((r) => [
      r.id,
      r.purpose === 'renewal' ? `${r.kind} renewal` : r.kind,
      r.state,
      r.domain,
      String(r.sans.length + 1),
      r.region,
      r.validationMethod ?? (r.kind === 'private' ? 'private CA' : '-'),
      r.certificateId ?? '-',
      r.arn ?? '-',
    ]),
  )
}

/** One request in full: fields, validations and history. */
export function requestFields(r: CertificateRequest): string {
  const fields: [string, string][] = [
    ['id', r.id],
    ['kind', r.purpose === 'renewal' ? `${r.kind} (renewal)` : r.kind],
    ['state', r.state],
    ['domain', r.domain],
    ['sans', r.sans.join(', ') || '-'],
    ['region', r.region],
    ['arn', r.arn ?? '- (not sent yet: `certdeck requests refresh` sends it)'],
    ['key', r.keyAlgorithm ?? '-'],
    ['validation', r.validationMethod ?? (r.caArn ? `private CA ${r.caArn}` : '-')],
    ...(r.exportable ? [['exportable', 'yes (charged by AWS)'] as [string, string]] : []),
    ...(r.dnsProviderId ? [['dns provider', r.dnsProviderId] as [string, string]] : []),
    ...(r.certificateId ? [['certificate', r.certificateId] as [string, string]] : []),
    ...(r.failureReason ? [['failure', r.failureReason] as [string, string]] : []),
    ['created', r.createdAt],
  ]
  const validations = r.validations.map(
    (v) =>
      `  ${v.domain}: ` +
      `${v.status}${v.record ? `  ${v.record.name} CNAME ${v.record.value}` : ''}` +
      `${v.emails ? `  mails ${v.emails.join(', ')}` : ''}`,
  )
  const history = r.history.map((h) => `  ${h.at}  ${h.state}${h.note ? `  ${h.note}` : ''}`)
  return [
    formatFields(fields),
    ...(validations.length ? ['validations:', ...validations] : []),
    'history:',
    ...history,
  ].join('\n')
}

/** Validation records as text: what to create in the zone. */
export function recordsText(records: readonly ValidationRecord[]): string {
  if (records.length === 0) return 'ACM has not shown the validation records yet; try again in a few seconds.'
  return formatTable(
    ['NAME', 'TYPE', 'VALUE'],
    records.map((r) => [r.name, r.type, r.value]),
  )
}

/** BIND zone-file lines of the records (fully qualified names, TTL 300), one per record. */
export function bindRecords(records: readonly ValidationRecord[]): string {
  const dotted = (name: string) => (name.endsWith('.') ? name : `${name}.`)
  return records.map((r) => `${dotted(r.name)}\t300\tIN\tCNAME\t${dotted(r.value)}`).join('\n')
}

/** Private CAs as a table. */
export function authorityTable(authorities: readonly CertificateAuthority[]): string {
  if (authorities.length === 0) return 'No ACTIVE private CA in this account and region.'
  return formatTable(
    ['ARN', 'NAME', 'TYPE', 'KEY', 'STATUS'],
    authorities.map((a) => [a.arn, a.commonName, a.type, a.keyAlgorithm ?? '-', a.status]),
  )
}

/** What a request's state asks the user to do next, or ''. */
export function nextStep(r: CertificateRequest): string {
  switch (r.state) {
    case 'DEPLOY_CHALLENGE':
      return `Next: certdeck requests deploy-challenge ${r.id}`
    case 'SYNC_RECORDS':
      return `Next: create the records (certdeck requests records ${r.id}), then certdeck requests refresh ${r.id}`
    case 'PENDING_VALIDATION':
      return r.validationMethod === 'EMAIL'
        ? `Next: approve the email sent to ` +
            `${[...new Set(r.validations.flatMap((v) => v.emails ?? []))].join(', ')}, then certdeck requests ` +
            `refresh ${r.id}`
        : `Next: certdeck requests refresh ${r.id}`
    default:
      return ''
  }
}
