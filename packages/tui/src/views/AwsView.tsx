import type { CloudCertificate } from '@certdeck/core'
import { useEffect, useMemo, useRef, useState } from 'react'
import { ListView } from '../components/ListView.js'
import { useDeck, useNow, useShell } from '../context.js'
import { DiscoverDialog } from '../dialogs/DiscoverDialog.js'
import type { LifecycleAction } from '../dialogs/lifecycle-target.js'
import { LifecycleMenu } from '../dialogs/LifecycleMenu.js'
import { cloudTarget } from '../dialogs/lifecycle-target.js'
import { cloudColumns, cloudDetails } from './cloud-table.js'
import { needsRenewalAttention } from './health-cells.js'
import type { ViewProps } from './view-props.js'

const arnOf = (c: CloudCertificate) => c.arn
const cloudSearchText = (c: CloudCertificate) => `${c.arn} ${c.sans.join(' ')} ${c.status} ${c.accountId}`

/** The AWS tab: every certificate of every region and IAM, with drift marked; `m` opens its actions. */
export function AwsView({ data, loading, width, height, active }: ViewProps) {
  const deck = useDeck()
  const shell = useShell()
  const now = useNow()()
  const today = now.toISOString().slice(0, 10)
  const thresholds = deck.config.expiryThresholdsDays
  // Columns change with the day (`today`), not with every clock tick.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  const columns = useMemo(() => cloudColumns(thresholds, now), [thresholds, today])
  const selection = useRef<CloudCertificate | undefined>(undefined)
  const [renewalOnly, setRenewalOnly] = useState(false)
  const items = useMemo(
    () => (renewalOnly ? data.cloud.filter(needsRenewalAttention) : data.cloud),
    [data.cloud, renewalOnly],
  )
  const latest = useRef(data)
  latest.current = data

  useEffect(() => {
    const menu = (start?: LifecycleAction['id']) => () =>
      selection.current
        ? shell.openDialog(<LifecycleMenu target={cloudTarget(selection.current, latest.current)} start={start} />)
        : shell.warn('No cloud certificate yet: press d to discover ACM regions and IAM.')
    shell.registerCommands('aws', {
      'aws.discover': () => shell.openDialog(<DiscoverDialog />),
      'aws.health': () => setRenewalOnly((on) => !on),
      'aws.menu': menu(),
      ...Object.fromEntries(
        (['renew', 'revoke', 'retrieve', 'delete', 'request'] as const).map((action) => [
          `aws.${action}`,
          menu(action),
        ]),
      ),
    })
  }, [shell])

  return (
    <ListView
      tab="aws"
      items={items}
      columns={columns}
      getId={arnOf}
      details={(c) =>
        cloudDetails(
          c,
          c.certificateId ? data.certificates.find((x) => x.id === c.certificateId) : undefined,
          data.credentials.find((x) => x.id === c.credentialId)?.name ?? c.credentialId,
          thresholds,
          now,
        )
      }
      width={width}
      height={height}
      active={active}
      loading={loading}
      selectionRef={selection}
      searchText={cloudSearchText}
      emptyText={
        renewalOnly && data.cloud.length > 0
          ? 'No renewal at risk or failing. Press h to show every certificate.'
          : 'No cloud certificates known yet. Press d to discover ACM regions and IAM.'
      }
      {...(renewalOnly ? { note: `renewal at risk/failing only (h: all, of ${data.cloud.length})` } : {})}
    />
  )
}
