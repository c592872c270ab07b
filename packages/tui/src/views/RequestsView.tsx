import type { CertificateRequest } from '@certdeck/core'
import { ListView } from '../components/ListView.js'
import type { DetailLine } from '../components/DetailsPane.js'
import { useDeck } from '../context.js'
import { shortDateTime } from '../format.js'
import type { Column } from '../table-model.js'
import { MARK } from '../theme.js'
import type { ViewProps } from './view-props.js'

const STATE_TONE = { ISSUED: 'ok', FAILED: 'danger', VALIDATION_TIMED_OUT: 'danger', REVOKED: 'danger' } as const

const COLUMNS: Column<CertificateRequest>[] = [
  { title: 'Domain', min: 16, weight: 4, priority: 10, cell: (r) => r.domain },
  { title: 'Kind', min: 7, max: 7, weight: 0, priority: 5, cell: (r) => r.kind },
  { title: 'Region', min: 9, max: 14, weight: 1, priority: 6, cell: (r) => r.region },
  {
    title: 'State',
    min: 18,
    max: 22,
    weight: 0,
    priority: 9,
    cell: (r) => ({ text: r.state, tone: STATE_TONE[r.state as keyof typeof STATE_TONE] ?? 'warn' }),
  },
  { title: 'Method', min: 6, max: 6, weight: 0, priority: 3, cell: (r) => r.validationMethod ?? '—' },
  { title: 'Updated', min: 16, max: 16, weight: 0, priority: 4, cell: (r) => shortDateTime(r.updatedAt), sortValue: (r) => r.updatedAt },
]

const requestId = (r: CertificateRequest) => r.id

function details(r: CertificateRequest): { title: string; lines: DetailLine[] } {
  return {
    title: `${r.domain} — request ${r.id}`,
    lines: [
      { section: 'Request' },
      { label: 'Kind', value: r.kind },
      { label: 'Region', value: r.region },
      { label: 'ARN', value: r.arn ?? 'not requested yet' },
      { label: 'SANs', value: r.sans.join(', ') || 'none' },
      { label: 'State', value: r.state },
      { label: 'Validation', value: r.validationMethod ?? '—' },
      { section: 'Domains' },
      ...r.validations.map((v) => ({
        label: v.domain,
        value: `${v.status === 'SUCCESS' ? MARK.ok : MARK.waiting} ${v.status}${v.record ? ` · ${v.record.name} CNAME ${v.record.value}` : ''}`,
      })),
      { section: 'History' },
      ...r.history.map((h) => ({ label: shortDateTime(h.at), value: `${h.state}${h.note ? ` — ${h.note}` : ''}` })),
    ],
  }
}

/** The Requests tab: requests to ACM and where they stand (read-only). */
export function RequestsView({ data, loading, width, height, active }: ViewProps) {
  const deck = useDeck()
  return (
    <ListView
      tab="requests"
      items={data.requests}
      columns={COLUMNS}
      getId={requestId}
      details={details}
      width={width}
      height={height}
      active={active}
      loading={loading}
      emptyText={deck.requests ? 'No requests to ACM yet.' : 'Requests to ACM are not available in this build: this list stays empty.'}
    />
  )
}
