import type { CertDeck, ChannelView } from '@certdeck/core'

/** One row of the Automation tab: a channel, the rules, a watch task or a recent notification. */
export interface AutomationRow {
  readonly id: string
  readonly section: 'channel' | 'rules' | 'task' | 'sent'
  readonly name: string
  readonly state: string
  /** ISO 8601 of the last run or delivery. */
  readonly last?: string
  /** ISO 8601 of the next run. */
  readonly next?: string
  readonly detail: string
  /** The channel of a channel row. */
  readonly channel?: ChannelView
}

function where(c: ChannelView): string {
  if (c.email) return `${c.email.tls} ${c.email.host}:${c.email.port} → ${c.email.to.join(', ')}`
  if (c.webhook) return `${c.webhook.format} ${c.webhook.url}${c.webhook.signed ? ' (signed)' : ''}`
  if (c.command) return c.command.script
  return ''
}

function taskNote(t: { readonly lastOutcome?: string; readonly lastError?: string; readonly lastDetail?: string }) {
  if (t.lastOutcome === 'failed') return `: ${t.lastError ?? ''}`
  return t.lastDetail ? `: ${t.lastDetail}` : ''
}

/** Reads the rows from the facade's notification and watch services; none without them. */
export async function automationRows(deck: CertDeck): Promise<AutomationRow[]> {
  if (!deck.notifications || !deck.watch) return []
  const [channels, rules, status] = await Promise.all([
    deck.notifications.channels(),
    deck.notifications.rules(),
    deck.watch.status(),
  ])
  return [
    ...channels.map((c) => ({
      id: `channel:${c.id}`,
      section: 'channel' as const,
      name: c.name,
      state: c.kind,
      detail: where(c),
      channel: c,
    })),
    {
      id: 'rules',
      section: 'rules' as const,
      name: 'rules',
      state: rules.scope,
      detail:
        `${rules.thresholds.join(',')} days${rules.expired ? ' + expired' : ''}; ACM-renewed ` +
        `${rules.eligibleThresholds.join(',')}; stuck ${rules.stuckAfterHours} h` +
        (rules.tags.length ? `; tags ${rules.tags.join(',')}` : ''),
    },
    ...status.tasks.map((t) => ({
      id: `task:${t.id}`,
      section: 'task' as const,
      name: t.id,
      state: t.lastOutcome ? `${t.lastOutcome}${t.failures ? ` ${t.failures}×` : ''}` : 'never run',
      ...(t.lastRunAt ? { last: t.lastRunAt } : {}),
      next: t.nextRunAt,
      detail: `every ${t.every}${taskNote(t)}`,
    })),
    ...status.notifications.map((n, i) => ({
      id: `sent:${i}:${n.at}`,
      section: 'sent' as const,
      name: n.channel,
      state: n.ok ? 'sent' : 'FAILED',
      last: n.at,
      detail: n.ok ? n.title : n.detail,
    })),
  ]
}
