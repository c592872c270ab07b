import type { DnsProviderConfig } from '@certdeck/core'
import { ListView } from '../components/ListView.js'
import type { DetailLine } from '../components/DetailsPane.js'
import { useDeck } from '../context.js'
import type { Column } from '../table-model.js'
import type { ViewProps } from './view-props.js'

const settingsText = (d: DnsProviderConfig) =>
  Object.entries(d.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')

const COLUMNS: Column<DnsProviderConfig>[] = [
  { title: 'Name', min: 14, weight: 2, priority: 10, cell: (d) => d.name },
  { title: 'Provider', min: 10, max: 16, weight: 1, priority: 8, cell: (d) => d.providerId },
  { title: 'Credential', min: 10, max: 20, weight: 1, priority: 6, cell: (d) => d.credentialId ?? '—' },
  { title: 'Settings', min: 10, weight: 3, priority: 4, cell: settingsText },
]

const dnsId = (d: DnsProviderConfig) => d.id

function details(d: DnsProviderConfig): { title: string; lines: DetailLine[] } {
  return {
    title: `DNS provider ${d.name}`,
    lines: [
      { section: 'DNS provider' },
      { label: 'Provider', value: d.providerId },
      { label: 'Credential', value: d.credentialId ?? '—' },
      ...Object.entries(d.settings).map(([label, value]) => ({ label, value })),
    ],
  }
}

/** The DNS tab: configured DNS providers (read-only). */
export function DnsView({ data, loading, width, height, active }: ViewProps) {
  const deck = useDeck()
  return (
    <ListView
      tab="dns"
      items={data.dnsProviders}
      columns={COLUMNS}
      getId={dnsId}
      details={details}
      width={width}
      height={height}
      active={active}
      loading={loading}
      emptyText={deck.dns ? 'No DNS providers configured.' : 'DNS providers are not available in this build: this list stays empty.'}
    />
  )
}
