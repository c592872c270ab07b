import type { AuditEvent } from '@certdeck/core'
import { useMemo } from 'react'
import { ListView } from '../components/ListView.js'
import type { DetailLine } from '../components/DetailsPane.js'
import { shortDateTime } from '../format.js'
import type { Column } from '../table-model.js'
import { MARK } from '../theme.js'
import type { ViewProps } from './view-props.js'

const COLUMNS: Column<AuditEvent>[] = [
  {
    title: 'When',
    min: 16,
    max: 16,
    weight: 0,
    priority: 10,
    cell: (e) => shortDateTime(e.at),
    sortValue: (e) => e.at,
  },
  { title: 'Actor', min: 8, max: 12, weight: 0, priority: 4, cell: (e) => e.actor },
  { title: 'Action', min: 14, max: 26, weight: 1, priority: 9, cell: (e) => e.action },
  { title: 'Target', min: 12, weight: 2, priority: 6, cell: (e) => e.target ?? '' },
  {
    title: 'Outcome',
    min: 8,
    max: 8,
    weight: 0,
    priority: 8,
    cell: (e) =>
      e.outcome === 'ok' ? { text: `${MARK.ok} ok`, tone: 'ok' } : { text: `${MARK.failed} failed`, tone: 'danger' },
  },
  { title: 'Detail', min: 8, weight: 2, priority: 2, cell: (e) => e.detail ?? '' },
]

const eventId = (e: AuditEvent) => e.id

function details(e: AuditEvent): { title: string; lines: DetailLine[] } {
  return {
    title: `${e.action} — ${e.at}`,
    lines: [
      { section: 'Audit event' },
      { label: 'When', value: e.at },
      { label: 'Actor', value: e.actor },
      { label: 'Action', value: e.action },
      { label: 'Target', value: e.target ?? '—' },
      { label: 'Outcome', value: e.outcome, tone: e.outcome === 'ok' ? 'ok' : 'danger' },
      { label: 'Detail', value: e.detail ?? '—' },
    ],
  }
}

/** The Audit tab: every mutating action, newest first. */
export function AuditView({ data, loading, width, height, active }: ViewProps) {
  const newestFirst = useMemo(() => [...data.audit].reverse(), [data.audit])
  return (
    <ListView
      tab="audit"
      items={newestFirst}
      columns={COLUMNS}
      getId={eventId}
      details={details}
      width={width}
      height={height}
      active={active}
      loading={loading}
      emptyText="No audited actions yet."
    />
  )
}
