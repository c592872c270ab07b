import { groupResources, type CloudCertificate } from '@certdeck/core'
import type { DetailLine } from '../components/DetailsPane.js'
import type { Cell } from '../table-model.js'
import { MARK } from '../theme.js'

/** The renewal health cell: a mark and a word (never colour alone); blank when it has none. */
export function healthCell(c: CloudCertificate): Cell {
  switch (c.health?.state) {
    case 'ok':
      return { text: `${MARK.ok} ok`, tone: 'ok' }
    case 'at-risk':
      return { text: `${MARK.warning} risk`, tone: 'warn' }
    case 'failing':
      return { text: `${MARK.failed} fail`, tone: 'danger' }
    default:
      return { text: '' }
  }
}

/** Sorts failing first, then at risk, then ok, then those without a state. */
export function healthSortValue(c: CloudCertificate): number {
  return c.health?.state === 'failing' ? 0 : c.health?.state === 'at-risk' ? 1 : c.health?.state === 'ok' ? 2 : 3
}

/** True for the rows the AWS tab's renewal filter keeps: at risk or failing. */
export function needsRenewalAttention(c: CloudCertificate): boolean {
  return c.health?.state === 'at-risk' || c.health?.state === 'failing'
}

/** The renewal and "Used by (N)" sections of a cloud certificate's details. */
export function healthDetails(c: CloudCertificate): DetailLine[] {
  const health = c.health
  const lines: DetailLine[] = [{ section: 'Renewal' }]
  if (health) {
    const cell = healthCell(c)
    if (health.state) lines.push({ label: 'Health', value: cell.text, ...(cell.tone ? { tone: cell.tone } : {}) })
    lines.push({ label: 'Renewed by', value: health.renewer })
    for (const reason of health.reasons) {
      const mark = reason.severity === 'failing' ? MARK.failed : MARK.warning
      lines.push(
        { label: 'Why', value: `${mark} ${reason.message}`, tone: reason.severity === 'failing' ? 'danger' : 'warn' },
        { label: 'Fix', value: reason.fix },
      )
    }
    if (!health.detailed && c.store === 'acm')
      lines.push({ label: 'Details', value: 'not read yet (discover reads them)' })
  }
  const renewal = c.details?.renewal
  if (renewal)
    lines.push({ label: 'ACM renewal', value: `${renewal.status}${renewal.reason ? ` (${renewal.reason})` : ''}` })
  const inUseBy = c.details?.inUseBy
  if (inUseBy === undefined) {
    lines.push({ section: 'Used by' }, { label: 'Resources', value: c.inUse ? 'in use (not read yet)' : 'nothing' })
    return lines
  }
  lines.push({ section: `Used by (${inUseBy.length})` })
  if (inUseBy.length === 0) lines.push({ label: 'Resources', value: 'nothing uses it' })
  for (const group of groupResources(inUseBy)) {
    lines.push({ label: `${group.arns.length} ×`, value: group.arns.length === 1 ? group.noun : group.nouns })
    for (const arn of group.arns) lines.push({ label: '', value: arn })
  }
  return lines
}
