import { useEffect, useMemo, useRef } from 'react'
import type { DetailLine } from '../components/DetailsPane.js'
import { ListView } from '../components/ListView.js'
import { useDeck, useShell } from '../context.js'
import { ChannelDialog } from '../dialogs/ChannelDialog.js'
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js'
import { NotifyTestDialog } from '../dialogs/NotifyTestDialog.js'
import { RulesDialog } from '../dialogs/RulesDialog.js'
import { errorText, shortDateTime } from '../format.js'
import type { Column } from '../table-model.js'
import type { AutomationRow } from './automation-rows.js'
import type { ViewProps } from './view-props.js'

const SECTION_LABEL: Record<AutomationRow['section'], string> = {
  channel: 'channel',
  rules: 'rules',
  task: 'task',
  sent: 'sent',
}

const rowId = (r: AutomationRow) => r.id
const UNAVAILABLE =
  "Automation is not available in this session (it needs the repository's watch and notification services)."
const when = (iso: string | undefined) => (iso ? shortDateTime(iso) : '—')

function details(r: AutomationRow): { title: string; lines: DetailLine[] } {
  return {
    title: `${SECTION_LABEL[r.section]} ${r.name}`,
    lines: [
      { section: SECTION_LABEL[r.section] },
      { label: 'Name', value: r.name },
      { label: 'State', value: r.state },
      ...(r.last ? [{ label: r.section === 'sent' ? 'At' : 'Last run', value: r.last }] : []),
      ...(r.next ? [{ label: 'Next run', value: r.next }] : []),
      { label: 'Detail', value: r.detail },
    ],
  }
}

/**
 * The Automation tab: notification channels (`a` add, `t` test, `x` remove), the rules (`e`),
 * each watch task's last and next run and last error, and the notifications sent lately; `w`
 * runs the due tasks now.
 */
export function AutomationView({ data, loading, reveal, width, height, active }: ViewProps) {
  const deck = useDeck()
  const shell = useShell()
  const selection = useRef<AutomationRow | undefined>(undefined)
  const columns = useMemo<Column<AutomationRow>[]>(
    () => [
      { title: 'Kind', min: 7, max: 8, weight: 0, priority: 10, cell: (r) => SECTION_LABEL[r.section] },
      { title: 'Name', min: 10, max: 22, weight: 1, priority: 9, cell: (r) => r.name },
      { title: 'State', min: 9, max: 12, weight: 0, priority: 8, cell: (r) => r.state },
      { title: 'Last', min: 16, max: 16, weight: 0, priority: 5, cell: (r) => when(r.last) },
      { title: 'Next', min: 16, max: 16, weight: 0, priority: 4, cell: (r) => when(r.next) },
      { title: 'Detail', min: 10, weight: 3, priority: 6, cell: (r) => r.detail },
    ],
    [],
  )

  useEffect(() => {
    const notifications = deck.notifications
    const watch = deck.watch
    const unavailable = () => shell.notify('Automation needs the notification and watch services of openCertDeck.')
    const withChannel = (action: (name: string) => void) => () => {
      const row = selection.current
      if (row?.section === 'channel') action(row.name)
      else shell.notify('Select a channel first (a adds one).')
    }
    shell.registerCommands('automation', {
      'auto.add': () => (notifications ? shell.openDialog(<ChannelDialog />) : unavailable()),
      'auto.test': withChannel((name) => shell.openDialog(<NotifyTestDialog name={name} />)),
      'auto.remove': withChannel((name) =>
        shell.openDialog(
          <ConfirmDialog
            title={`Remove channel ${name}`}
            question={`Remove the notification channel ${name}? What it was told is forgotten with it.`}
            confirmLabel="Remove"
            run={async () => {
              await notifications?.removeChannel(name)
              return `Removed the channel ${name}.`
            }}
          />,
        ),
      ),
      'auto.rules': () => (notifications ? shell.openDialog(<RulesDialog />) : unavailable()),
      'auto.run': () => {
        if (!watch) return unavailable()
        shell.notify('Running the due watch tasks…')
        watch.runOnce().then(
          (reports) => {
            const failed = reports.filter((r) => r.outcome === 'failed')
            shell.refresh()
            shell.notify(
              reports.length === 0
                ? 'No watch task was due.'
                : `${reports.length} task(s) run, ${failed.length} ` +
                    `failed${failed[0] ? `: ${failed[0].id}: ${failed[0].detail}` : ''}.`,
            )
          },
          (error: unknown) => shell.notify(errorText(error)),
        )
      },
    })
  }, [deck, shell])

  return (
    <ListView
      tab="automation"
      items={data.automation}
      columns={columns}
      getId={rowId}
      details={details}
      width={width}
      height={height}
      active={active}
      loading={loading}
      reveal={reveal}
      selectionRef={selection}
      emptyText={UNAVAILABLE}
    />
  )
}
