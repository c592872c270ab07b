import type { CertificateRequest, RequestState } from '@certdeck/core'
import type { DetailLine } from '../components/DetailsPane.js'
import { shortDateTime } from '../format.js'
import type { Column } from '../table-model.js'
import { MARK, type Tone } from '../theme.js'

/** States in which a request still waits for something (and is checked in the background). */
const UNFINISHED_STATES: readonly RequestState[] = ['PENDING_VALIDATION', 'DEPLOY_CHALLENGE', 'SYNC_RECORDS']

/** True while ACM may still issue the request. */
export function isUnfinished(request: CertificateRequest): boolean {
  return UNFINISHED_STATES.includes(request.state)
}

/** Each state as a mark and words, so it reads the same without colour. */
const STATES: Record<RequestState, { readonly text: string; readonly tone: Tone }> = {
  PENDING_VALIDATION: { text: `${MARK.running} pending validation`, tone: 'warn' },
  DEPLOY_CHALLENGE: { text: `${MARK.warning} deploy challenge`, tone: 'warn' },
  SYNC_RECORDS: { text: `${MARK.warning} sync records`, tone: 'warn' },
  ISSUED: { text: `${MARK.ok} issued`, tone: 'ok' },
  FAILED: { text: `${MARK.failed} failed`, tone: 'danger' },
  VALIDATION_TIMED_OUT: { text: `${MARK.failed} timed out`, tone: 'danger' },
  REVOKED: { text: `${MARK.failed} revoked`, tone: 'danger' },
}

/** A request state as a mark, words and a tone, e.g. `! sync records`. */
export function stateCell(state: RequestState): { readonly text: string; readonly tone: Tone } {
  return STATES[state] ?? { text: state, tone: 'warn' }
}

/** `public`, `private` or `renewal`. */
function requestKind(r: CertificateRequest): string {
  return r.purpose === 'renewal' ? 'renewal' : r.kind
}

/** Validated names of all names, e.g. `1/2`. */
function validatedCount(r: CertificateRequest): string {
  if (r.validations.length === 0) return '—'
  return `${r.validations.filter((v) => v.status === 'SUCCESS').length}/${r.validations.length}`
}

/** The columns of the Requests tab. */
export const REQUEST_COLUMNS: Column<CertificateRequest>[] = [
  { title: 'Domain', min: 16, weight: 4, priority: 10, cell: (r) => r.domain },
  { title: 'Kind', min: 7, max: 7, weight: 0, priority: 5, cell: requestKind },
  { title: 'Region', min: 9, max: 14, weight: 1, priority: 6, cell: (r) => r.region },
  {
    title: 'State',
    min: 20,
    max: 20,
    weight: 0,
    priority: 9,
    cell: (r) => stateCell(r.state),
    sortValue: (r) => r.state,
  },
  { title: 'Method', min: 6, max: 6, weight: 0, priority: 3, cell: (r) => r.validationMethod ?? '—' },
  { title: 'Valid', min: 5, max: 5, weight: 0, priority: 2, cell: validatedCount },
  {
    title: 'Updated',
    min: 16,
    max: 16,
    weight: 0,
    priority: 4,
    cell: (r) => shortDateTime(r.updatedAt),
    sortValue: (r) => r.updatedAt,
  },
]

const VALIDATION_MARK: Record<string, string> = { SUCCESS: MARK.ok, FAILED: MARK.failed }

/** The details view of a request: facts, each domain's validation, and the history. */
export function requestDetails(
  r: CertificateRequest,
  dnsProvider: string | undefined,
): { title: string; lines: DetailLine[] } {
  const state = stateCell(r.state)
  return {
    title: `${r.domain} — request ${r.id}`,
    lines: [
      { section: 'Request' },
      { label: 'Kind', value: requestKind(r) },
      { label: 'State', value: state.text, tone: state.tone },
      ...(r.failureReason ? [{ label: 'Reason', value: r.failureReason, tone: 'danger' as const }] : []),
      { label: 'Region', value: r.region },
      { label: 'ARN', value: r.arn ?? 'not requested yet' },
      { label: 'SANs', value: r.sans.join(', ') || 'none' },
      { label: 'Key', value: r.keyAlgorithm ?? '—' },
      { label: 'Validation', value: r.validationMethod ?? '—' },
      ...(r.validationMethod === 'DNS'
        ? [{ label: 'DNS provider', value: dnsProvider ?? 'none: create the records by hand (y)' }]
        : []),
      ...(r.caArn ? [{ label: 'Private CA', value: r.caArn }] : []),
      ...(r.exportable ? [{ label: 'Exportable', value: 'yes (charged by AWS)' }] : []),
      ...(r.certificateId ? [{ label: 'Certificate', value: r.certificateId }] : []),
      ...(r.validations.length > 0 ? [{ section: 'Domains' }] : []),
      ...r.validations.map((v) => ({
        label: v.domain,
        value:
          `${VALIDATION_MARK[v.status] ?? MARK.waiting} ` +
          `${v.status}${v.record ? ` · ${v.record.name} CNAME ${v.record.value}` : ''}` +
          `${v.emails ? ` · ${v.emails.join(', ')}` : ''}`,
        tone: v.status === 'SUCCESS' ? ('ok' as const) : v.status === 'FAILED' ? ('danger' as const) : undefined,
      })),
      { section: 'History' },
      ...r.history.map((h) => ({
        label: shortDateTime(h.at),
        value: `${stateCell(h.state).text}${h.note ? ` — ${h.note}` : ''}`,
      })),
    ],
  }
}
