import type { DiscoverySummary } from '@certdeck/core'
import { Text } from 'ink'
import { setMaxListeners } from 'node:events'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { Tone } from '../components/Tone.js'
import { useDeck, useDialogActive, useShell } from '../context.js'
import { Checkbox } from '../form/Checkbox.js'
import { CredentialField, useCredentialChoice } from '../form/CredentialField.js'
import { Dialog } from '../form/Dialog.js'
import { Grid } from '../form/Grid.js'
import { RegionPicker } from '../form/RegionPicker.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useKeys } from '../hooks/key-router.js'
import { useTerminalSize } from '../hooks/use-terminal-size.js'
import { KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'
import { NO_CREDENTIAL } from './DeployDialog.js'
import { useCancellableRun } from './use-cancellable-run.js'
import {
  applyDiscoveryEvent,
  finishedCount,
  progressCells,
  summaryText,
  type RegionProgress,
} from './discovery-progress.js'

/**
 * After a discovery, the details pass (what uses each certificate, ACM's renewal) runs in the
 * background, within the DescribeCertificate quota; the AWS tab reloads when it is done.
 */
function readDetailsInBackground(
  deck: ReturnType<typeof useDeck>,
  shell: ReturnType<typeof useShell>,
  credential: string | undefined,
  regions: readonly string[],
): void {
  const cloud = deck.cloud
  if (!cloud.readDetails || regions.length === 0) return
  cloud
    .readDetails({ ...(credential ? { credential } : {}), regions })
    .then((summary) => {
      shell.refresh()
      if (summary.read > 0) shell.notify(`Read what uses ${summary.read} certificates and their renewal state.`)
    })
    .catch((error: unknown) => shell.fail(error))
}

/** The region name discovery reports IAM (global) under. */
const IAM_REGION = 'global'

/** Discover: credential, regions, IAM on/off; then live per-region progress and the summary. */
export function DiscoverDialog() {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const { columns } = useTerminalSize()
  const allRegions = deck.cloud.regions()
  const [regions, setRegions] = useState<ReadonlySet<string>>(() => new Set(allRegions))
  const [iam, setIam] = useState(true)
  const { phase, setPhase, begin, runKey } = useCancellableRun()
  const [progress, setProgress] = useState<ReadonlyMap<string, RegionProgress>>(new Map())
  const [summary, setSummary] = useState<DiscoverySummary | undefined>(undefined)
  const ring = useFocusRing(3, phase === 'form')
  const choice = useCredentialChoice()
  const credential = choice.credential
  const start = async () => {
    const chosen = allRegions.filter((r) => regions.has(r))
    const controller = begin()
    // One signal serves every region at once: more listeners than Node's default warning limit.
    setMaxListeners(0, controller.signal)
    setProgress(new Map([...chosen, ...(iam ? [IAM_REGION] : [])].map((r) => [r, { state: 'waiting' }])))
    try {
      const result = await deck.cloud.discover({
        credential,
        regions: chosen,
        iam,
        signal: controller.signal,
        onEvent: (event) => {
          if (!controller.signal.aborted) setProgress((p) => applyDiscoveryEvent(p, event))
        },
      })
      if (controller.signal.aborted) return
      setSummary(result)
      setPhase('done')
      shell.refresh()
      if (credential) shell.setActiveCredential(credential)
      readDetailsInBackground(deck, shell, credential, chosen)
    } catch (error) {
      if (controller.signal.aborted) return
      setPhase('form')
      shell.fail(error)
    }
  }

  useKeys((input, key) => {
    const named = keyName(input, key)
    if (phase === 'form') {
      if (named === KEY.escape) shell.closeDialog()
      else if (named === KEY.enter) {
        if (!credential) shell.warn(NO_CREDENTIAL)
        else if (regions.size === 0 && !iam)
          shell.warn('Choose at least one region or IAM: Tab to Regions, a selects all.')
        else void start()
      }
    } else runKey(named)
  }, active)

  const width = columns - 4
  if (phase !== 'form') {
    const finished = finishedCount(progress)
    const keys = phase === 'running' ? 'Esc cancel (regions already scanned are kept)' : '⏎/Esc close'
    return (
      <Dialog title="Discover cloud certificates" keys={keys}>
        {phase === 'running' ? (
          <Busy label={`Scanning… ${finished}/${progress.size} done`} />
        ) : (
          <Text>{phase === 'cancelled' ? 'Cancelled.' : 'Done.'}</Text>
        )}
        <Grid cells={progressCells(progress)} cellWidth={24} width={width} />
        {summary ? <Text bold>{summaryText(summary)}</Text> : null}
        {summary?.failedRegions.map((f) => (
          <Tone key={f.region} tone="danger">
            {MARK.failed} {f.region}: {f.error}
          </Tone>
        ))}
      </Dialog>
    )
  }
  return (
    <Dialog title="Discover cloud certificates" keys="Tab next field · ⏎ start · Esc cancel">
      <CredentialField choice={choice} focused={ring.isFocused(0)} />
      <RegionPicker
        regions={allRegions}
        selected={regions}
        onChange={setRegions}
        focused={ring.isFocused(1)}
        width={width}
      />
      <Checkbox label="IAM server certificates (global)" checked={iam} focused={ring.isFocused(2)} onChange={setIam} />
    </Dialog>
  )
}
