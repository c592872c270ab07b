import { type Certificate, isRevoked } from '@certdeck/core'
import { useEffect, useMemo, useRef, useState } from 'react'
import { ListView } from '../components/ListView.js'
import { useDeck, useNow, useShell } from '../context.js'
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js'
import { CreateDialog } from '../dialogs/CreateDialog.js'
import { DeployDialog } from '../dialogs/DeployDialog.js'
import { ExportDialog } from '../dialogs/ExportDialog.js'
import { ImportDialog } from '../dialogs/ImportDialog.js'
import { LifecycleMenu } from '../dialogs/LifecycleMenu.js'
import { certificateTarget, impactOf } from '../dialogs/lifecycle-target.js'
import { TagDialog } from '../dialogs/TagDialog.js'
import { UsageNotice } from '../dialogs/UsageNotice.js'
import type { ViewProps } from './view-props.js'
import { certificateColumns, certificateDetails, countDeployments } from './certificate-table.js'

const certificateId = (c: Certificate) => c.id

const certificateSearchText = (c: Certificate) =>
  [...c.sans, c.serial, c.fingerprintSha256, c.id, ...Object.entries(c.tags).map(([k, v]) => `${k}=${v}`)].join(' ')

/** The Certificates tab: the local repository and its actions. */
export function CertificatesView({ data, loading, width, height, active }: ViewProps) {
  const deck = useDeck()
  const shell = useShell()
  const now = useNow()()
  const today = now.toISOString().slice(0, 10)
  const thresholds = deck.config.expiryThresholdsDays
  const selection = useRef<Certificate | undefined>(undefined)
  const latest = useRef(data)
  latest.current = data
  const counts = useMemo(() => countDeployments(data.deployments), [data.deployments])
  const [showRevoked, setShowRevoked] = useState(false)
  const showRevokedNow = useRef(showRevoked)
  const shown = useMemo(
    () => (showRevoked ? data.certificates : data.certificates.filter((c) => !isRevoked(c))),
    [data.certificates, showRevoked],
  )
  // Columns change only with the deployments or the day, so sorting does not rerun per keypress.
  // Columns change with the day (`today`), not with every clock tick.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  const columns = useMemo(() => certificateColumns(counts, thresholds, now), [counts, thresholds, today])

  useEffect(() => {
    const withSelection = (action: (cert: Certificate) => void) => () => {
      const cert = selection.current
      if (cert) action(cert)
      else shell.warn('Select a certificate first (import one with i or create one with c).')
    }
    shell.registerCommands('certificates', {
      'cert.deploy': withSelection((cert) => shell.openDialog(<DeployDialog certificate={cert} />)),
      'cert.import': () => shell.openDialog(<ImportDialog />),
      'cert.create': () => shell.openDialog(<CreateDialog />),
      'cert.export': withSelection((cert) => shell.openDialog(<ExportDialog certificate={cert} />)),
      'cert.tag': withSelection((cert) => shell.openDialog(<TagDialog certificate={cert} />)),
      'cert.revoked': () => {
        const on = !showRevokedNow.current
        showRevokedNow.current = on
        setShowRevoked(on)
        shell.notify(on ? 'Showing revoked certificates too (v hides them).' : 'Revoked certificates are hidden.')
      },
      'cert.menu': withSelection((cert) =>
        shell.openDialog(<LifecycleMenu target={certificateTarget(cert, latest.current)} />),
      ),
      ...Object.fromEntries(
        (['renew', 'revoke', 'retrieve', 'request'] as const).map((action) => [
          `cert.${action}`,
          withSelection((cert) =>
            shell.openDialog(<LifecycleMenu target={certificateTarget(cert, latest.current)} start={action} />),
          ),
        ]),
      ),
      'cert.delete': withSelection((cert) =>
        shell.openDialog(
          <ConfirmDialog
            title="Delete certificate"
            question={
              `Delete ${cert.commonName} ` + `(${cert.id}) from the local repository? Copies in AWS are not touched.`
            }
            confirmLabel="Delete"
            notice={
              <UsageNotice
                {...impactOf(cert.id, undefined, latest.current)}
                consequence="its copies in ACM keep serving them, but CertDeck no longer renews or re-deploys them"
              />
            }
            run={async () => {
              await deck.certificates.delete(cert.id)
              return `Deleted ${cert.commonName} from the local repository.`
            }}
          />,
        ),
      ),
    })
  }, [deck, shell])

  return (
    <ListView
      tab="certificates"
      items={shown}
      columns={columns}
      getId={certificateId}
      details={(c) => certificateDetails(c, data.deployments, data.credentials, thresholds, now)}
      width={width}
      height={height}
      active={active}
      loading={loading}
      selectionRef={selection}
      emptyText="No certificates yet. Press i to import PEM/PKCS#12 files or c to create one."
      searchText={certificateSearchText}
    />
  )
}
