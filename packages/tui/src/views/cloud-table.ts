import type { Certificate, CloudCertificate } from '@certdeck/core'
import type { DetailLine } from '../components/DetailsPane.js'
import { expiryCell, shortDateTime } from '../format.js'
import type { Cell, Column } from '../table-model.js'
import { MARK } from '../theme.js'
import { expiryColumn, keyLabel } from './cells.js'
import { healthCell, healthDetails, healthSortValue } from './health-cells.js'

/** The kind of a cloud certificate in words: Amazon (issued), Private, Imported, or IAM. */
export function kindLabel(c: CloudCertificate): string {
  if (c.store === 'iam') return 'IAM'
  return c.kind === 'AMAZON_ISSUED' ? 'Amazon' : c.kind === 'PRIVATE' ? 'Private' : 'Imported'
}

const DRIFT_WORD = { changed: 'changed', vanished: 'gone', 'renewed-outside': 'renewed' } as const

const SHORT_STATUS: Record<string, string> = { PENDING_VALIDATION: 'PENDING', VALIDATION_TIMED_OUT: 'TIMED_OUT' }

/** The drift cell: red with the `≠` mark when drifted; `~ stale` when its region failed last time. */
export function driftCell(c: CloudCertificate): Cell {
  if (c.drift) return { text: `${MARK.drift} ${DRIFT_WORD[c.drift.reason]}`, tone: 'danger' }
  if (c.stale) return { text: '~ stale', tone: 'warn' }
  return { text: '' }
}

/** The columns of the AWS tab. */
export function cloudColumns(thresholds: readonly number[], now: Date): Column<CloudCertificate>[] {
  return [
    { title: 'Domain', min: 12, weight: 4, priority: 10, cell: (c) => c.domain },
    { title: 'Region', min: 14, max: 14, weight: 0, priority: 8, cell: (c) => c.region },
    { title: 'Kind', min: 8, max: 8, weight: 0, priority: 7, cell: kindLabel },
    {
      title: 'Status',
      min: 9,
      max: 9,
      weight: 0,
      priority: 6,
      cell: (c) => ({
        text: SHORT_STATUS[c.status] ?? c.status,
        tone: c.status === 'ISSUED' ? undefined : c.status.startsWith('PENDING') ? 'warn' : 'danger',
      }),
    },
    {
      title: 'Use',
      min: 3,
      max: 3,
      weight: 0,
      priority: 4,
      cell: (c) => (c.inUse === undefined ? '—' : c.inUse ? 'yes' : 'no'),
    },
    expiryColumn((c) => c.notAfter, thresholds, now),
    { title: 'Health', min: 6, max: 6, weight: 0, priority: 7, cell: healthCell, sortValue: healthSortValue },
    {
      title: 'Drift',
      min: 9,
      max: 9,
      weight: 0,
      priority: 9,
      cell: driftCell,
      sortValue: (c) => (c.drift ? 0 : c.stale ? 1 : 2),
    },
  ]
}

/** Everything known about one cloud certificate. */
export function cloudDetails(
  c: CloudCertificate,
  linked: Certificate | undefined,
  credentialName: string,
  thresholds: readonly number[],
  now: Date,
): { title: string; lines: DetailLine[] } {
  const expiry = c.notAfter ? expiryCell(c.notAfter, thresholds, now) : undefined
  const lines: DetailLine[] = [
    { section: 'Cloud certificate' },
    { label: 'ARN', value: c.arn },
    { label: 'Store', value: c.store === 'iam' ? 'IAM server certificate (global)' : 'ACM' },
    { label: 'Region', value: c.region },
    { label: 'Account', value: c.accountId || '—' },
    { label: 'Credential', value: credentialName },
    { label: 'Kind', value: kindLabel(c) },
    { label: 'Status', value: c.status },
    { label: 'Domain', value: c.domain },
    { label: 'SANs', value: c.sans.length ? c.sans.join(', ') : 'none' },
    { label: 'Key', value: keyLabel(c.keyAlgorithm) },
    { label: 'Not before', value: c.notBefore ?? '—' },
    {
      label: 'Not after',
      value: c.notAfter && expiry ? `${c.notAfter} (${expiry.text.slice(11)})` : '—',
      tone: expiry?.tone,
    },
    { label: 'In use', value: c.inUse === undefined ? 'unknown' : c.inUse ? 'yes' : 'no' },
    { label: 'Eligible', value: c.renewalEligibility ?? '—' },
    { label: 'Export', value: c.exportOption ?? '—' },
    { label: 'Serial', value: c.serial ?? 'not fetched yet' },
    { label: 'SHA-256', value: c.fingerprintSha256 ?? 'not fetched yet' },
    { label: 'Local copy', value: linked ? `${linked.commonName} (${linked.id})` : 'none' },
    { label: 'Last seen', value: shortDateTime(c.lastSeenAt) },
  ]
  lines.push(...healthDetails(c))
  if (c.stale)
    lines.push({
      label: 'Stale',
      value: '~ its region failed at the last discovery: this is the previous record',
      tone: 'warn',
    })
  if (c.drift) {
    lines.push(
      { section: 'Drift' },
      { label: 'Reason', value: `${MARK.drift} ${c.drift.reason}`, tone: 'danger' },
      { label: 'Detail', value: c.drift.detail, tone: 'danger' },
      { label: 'Detected', value: shortDateTime(c.drift.detectedAt) },
      { label: 'Resolve', value: 'discover again (d) or redeploy from the Certificates tab' },
    )
  }
  return { title: `${c.domain} — ${c.region}`, lines }
}
