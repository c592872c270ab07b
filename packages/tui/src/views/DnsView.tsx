import type { DnsProviderConfig } from '@certdeck/core'
import { useMemo } from 'react'
import { ListView } from '../components/ListView.js'
import type { DetailLine } from '../components/DetailsPane.js'
import { useDeck, useShell } from '../context.js'
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js'
import { DnsProviderDialog } from '../dialogs/DnsProviderDialog.js'
import { DnsTestDialog } from '../dialogs/DnsTestDialog.js'
import { useListTab } from '../hooks/use-list-tab.js'
import type { Column } from '../table-model.js'
import type { ViewProps } from './view-props.js'

const settingsText = (d: DnsProviderConfig) =>
  Object.entries(d.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')

const dnsId = (d: DnsProviderConfig) => d.id

function details(d: DnsProviderConfig, credential: string | undefined): { title: string; lines: DetailLine[] } {
  return {
    title: `DNS provider ${d.name}`,
    lines: [
      { section: 'DNS provider' },
      { label: 'Provider', value: d.providerId },
      { label: 'Credential', value: credential ?? '—' },
      ...Object.entries(d.settings).map(([label, value]) => ({ label, value })),
    ],
  }
}

/** The DNS tab: configured DNS providers; `a` adds one, `t` lists its zones, `x` removes it. */
export function DnsView(props: ViewProps) {
  const { data } = props
  const deck = useDeck()
  const shell = useShell()
  const credentialName = (id: string | undefined) =>
    id ? (data.credentials.find((c) => c.id === id)?.name ?? id) : undefined
  // New columns only when the credentials change, so a keypress does not sort again.
  // `credentialName` is new on each render; the columns follow the credentials.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  const columns = useMemo<Column<DnsProviderConfig>[]>(
    () => [
      { title: 'Name', min: 14, weight: 2, priority: 10, cell: (d) => d.name },
      { title: 'Provider', min: 10, max: 16, weight: 1, priority: 8, cell: (d) => d.providerId },
      {
        title: 'Credential',
        min: 10,
        max: 20,
        weight: 1,
        priority: 6,
        cell: (d) => credentialName(d.credentialId) ?? '—',
      },
      { title: 'Settings', min: 10, weight: 3, priority: 4, cell: settingsText },
    ],
    [data.credentials],
  )

  const list = useListTab<DnsProviderConfig>(
    props,
    'dns',
    'No DNS provider yet: press a to add one.',
    (withSelection) => ({
      'dns.add': () => shell.openDialog(<DnsProviderDialog />),
      'dns.test': withSelection((d) => shell.openDialog(<DnsTestDialog name={d.name} />)),
      'dns.remove': withSelection((d) =>
        shell.openDialog(
          <ConfirmDialog
            title={`Remove DNS provider ${d.name}`}
            question={
              `Remove the DNS provider ${d.name}? Records it wrote stay in their zones (ACM renews through ` +
              `them); requests that name it need another provider for their next challenge.`
            }
            confirmLabel="Remove"
            run={async () => {
              await deck.dns.remove(d.name)
              return `Removed the DNS provider ${d.name}.`
            }}
          />,
        ),
      ),
    }),
  )

  return (
    <ListView
      {...list}
      items={data.dnsProviders}
      columns={columns}
      getId={dnsId}
      details={(d) => details(d, credentialName(d.credentialId))}
      emptyText="No DNS providers configured. Press a to add one (Route 53, or scripts)."
    />
  )
}
