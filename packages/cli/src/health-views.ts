import type { CertificateUsage, CloudCertificateView, RenewalHealth } from '@certdeck/core'
import { formatFields } from './io.js'
import { daysLeft } from './parse.js'

/** The renewal health as one word with a mark, so it reads without colour: `ok`, `! at-risk`, `x failing`. */
export function healthMark(health: RenewalHealth | undefined): string {
  switch (health?.state) {
    case 'ok':
      return 'ok'
    case 'at-risk':
      return '! at-risk'
    case 'failing':
      return 'x failing'
    default:
      return health ? `renews: ${health.renewedBy}` : '-'
  }
}

/** The first reason of a health, for a table cell. */
export function healthReason(health: RenewalHealth | undefined): string {
  return health?.reasons[0]?.message ?? ''
}

/** What uses a certificate, one resource a line under the sentence. */
export function usageText(usage: Pick<CertificateUsage, 'sentence' | 'groups'>): string {
  const lines = [`${usage.sentence[0].toUpperCase()}${usage.sentence.slice(1)}:`]
  for (const group of usage.groups) for (const arn of group.arns) lines.push(`  ${group.noun}: ${arn}`)
  return usage.groups.length ? lines.join('\n') : `${lines[0].slice(0, -1)}.`
}

/** `aws show` as text: the record, what uses it, its renewal health with the reasons and fixes. */
export function cloudShowText(view: CloudCertificateView, now = Date.now()): string {
  const { record } = view
  const health = record.health
  const fields: [string, string][] = [
    ['ARN', record.arn],
    ['Domain', record.domain],
    ['Names', record.sans.join(', ') || '-'],
    ['Kind', record.kind],
    ['Status', record.status],
    ['Region', record.region],
    ['Expires', record.notAfter ? `${record.notAfter} (${daysLeft(record.notAfter, now)} days left)` : '-'],
    ['Renewed by', health?.renewer ?? '-'],
    ['Renewal health', healthMark(health)],
  ]
  if (record.details?.renewal) {
    const renewal = record.details.renewal
    fields.push(['ACM renewal', `${renewal.status}${renewal.reason ? ` (${renewal.reason})` : ''}`])
  }
  if (record.details) fields.push(['Details read', record.details.readAt])
  const parts = [formatFields(fields)]
  if (view.staleReason) parts.push(view.staleReason)
  parts.push(usageText({ sentence: view.usage, groups: view.resources }))
  if (health?.reasons.length) {
    parts.push(
      [
        'Renewal:',
        ...health.reasons.map((r) => `  ${r.severity === 'failing' ? 'x' : '!'} ${r.message}\n    fix: ${r.fix}`),
      ].join('\n'),
    )
  }
  const validations = record.details?.renewal?.validations.length
    ? record.details.renewal.validations
    : (record.details?.validations ?? [])
  const checks = new Map((record.details?.recordChecks ?? []).map((c) => [c.name, c]))
  if (validations.length) {
    parts.push(
      [
        'Validation:',
        ...validations.map((v) => {
          const check = v.record ? checks.get(v.record.name) : undefined
          const where = check ? ` (${check.state}${check.zone ? ` in ${check.zone}` : ''})` : ''
          const how = v.record
            ? `CNAME ${v.record.name} -> ${v.record.value}${where}`
            : v.method === 'EMAIL'
              ? `email to ${(v.emails ?? []).join(', ') || v.validationDomain}`
              : '-'
          return `  ${v.domain}: ${v.status}, ${how}`
        }),
      ].join('\n'),
    )
  }
  return parts.join('\n\n')
}
