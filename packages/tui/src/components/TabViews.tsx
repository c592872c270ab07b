import { Box } from 'ink'
import { memo } from 'react'
import type { TabId } from '../commands.js'
import type { Reveal } from '../context.js'
import type { DeckData } from '../hooks/use-deck-data.js'
import { AuditView } from '../views/AuditView.js'
import { AutomationView } from '../views/AutomationView.js'
import { AwsView } from '../views/AwsView.js'
import { CertificatesView } from '../views/CertificatesView.js'
import { CredentialsView } from '../views/CredentialsView.js'
import { DnsView } from '../views/DnsView.js'
import { RequestsView } from '../views/RequestsView.js'
import type { ViewProps } from '../views/view-props.js'

/** Props of {@link TabViews}. */
export interface TabViewsProps {
  readonly tab: TabId
  /** True while a dialog or overlay covers the views. */
  readonly hidden: boolean
  /** True when the current view may take keys. */
  readonly active: boolean
  readonly data: DeckData
  readonly loading: boolean
  /** A row to select in the tab it names. */
  readonly reveal?: { readonly tab: TabId } & Reveal
  readonly width: number
  readonly height: number
}

const VIEWS: Record<TabId, (props: ViewProps) => React.ReactNode> = {
  certificates: memo(CertificatesView),
  aws: memo(AwsView),
  requests: memo(RequestsView),
  credentials: memo(CredentialsView),
  dns: memo(DnsView),
  audit: memo(AuditView),
  automation: memo(AutomationView),
}

/**
 * Every tab's view, mounted once and kept (hidden with `display: none`), so each keeps its
 * selection, filter and sort while another tab or a dialog is shown.
 */
export function TabViews({ tab, hidden, active, data, loading, reveal, width, height }: TabViewsProps) {
  return (
    <>
      {(Object.keys(VIEWS) as TabId[]).map((id) => {
        const View = VIEWS[id]
        const shown = id === tab && !hidden
        return (
          <Box key={id} display={shown ? 'flex' : 'none'} flexDirection="column">
            <View
              data={data}
              loading={loading}
              reveal={reveal?.tab === id ? reveal : undefined}
              width={width}
              height={height}
              active={shown && active}
            />
          </Box>
        )
      })}
    </>
  )
}
