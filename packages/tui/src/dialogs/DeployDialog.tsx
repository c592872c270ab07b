import type { Certificate, DeployResult } from '@certdeck/core'
import { Text } from 'ink'
import { setMaxListeners } from 'node:events'
import { useEffect, useRef, useState } from 'react'
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
import { deployResultLines, deploySummary, pendingCells } from './deploy-results.js'
import { Para } from '../components/Para.js'

/** Props of {@link DeployDialog}. */
export interface DeployDialogProps {
  readonly certificate: Certificate
}

/** What to do when there is no credential to choose. */
export const NO_CREDENTIAL = 'No AWS credential yet: add one in the Credentials tab (4, then a).'

type Phase =
  | { readonly step: 'form' }
  | { readonly step: 'previewing' | 'deploying'; readonly regions: readonly string[] }
  | { readonly step: 'preview' | 'done'; readonly results: readonly DeployResult[] }

/**
 * Deploy → AWS-ACM: credential, region checkboxes, "replace if found", "auto-redeploy";
 * ⏎ shows a dry-run preview, ⏎ again deploys, then the result of each region.
 */
export function DeployDialog({ certificate }: DeployDialogProps) {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const { columns } = useTerminalSize()
  const [regions, setRegions] = useState<ReadonlySet<string>>(new Set())
  const [replace, setReplace] = useState(true)
  const [autoRedeploy, setAutoRedeploy] = useState(false)
  const [phase, setPhase] = useState<Phase>({ step: 'form' })
  const abort = useRef<AbortController | undefined>(undefined)
  const allRegions = deck.cloud.regions()
  const ring = useFocusRing(4, phase.step === 'form')
  const choice = useCredentialChoice((chosen) => {
    if (chosen?.defaultRegion && allRegions.includes(chosen.defaultRegion)) setRegions(new Set([chosen.defaultRegion]))
  })
  const credential = choice.credential
  useEffect(() => () => abort.current?.abort(), [])

  const run = async (name: string, dryRun: boolean) => {
    const chosen = allRegions.filter((r) => regions.has(r))
    const controller = new AbortController()
    // One signal serves every region at once: more listeners than Node's default warning limit.
    setMaxListeners(0, controller.signal)
    abort.current = controller
    setPhase({ step: dryRun ? 'previewing' : 'deploying', regions: chosen })
    try {
      const results = await deck.deployments.deploy({
        certificates: [certificate.id],
        credential: name,
        regions: chosen,
        replace,
        autoRedeploy,
        dryRun,
        signal: controller.signal,
      })
      if (controller.signal.aborted) return
      setPhase({ step: dryRun ? 'preview' : 'done', results })
      if (!dryRun) {
        shell.refresh()
        shell.setActiveCredential(name)
      }
    } catch (error) {
      if (controller.signal.aborted) return
      setPhase({ step: 'form' })
      shell.fail(error)
    }
  }

  useKeys((input, key) => {
    const named = keyName(input, key)
    if (phase.step === 'form') {
      if (named === KEY.escape) shell.closeDialog()
      else if (named === KEY.enter) {
        if (!credential) shell.warn(NO_CREDENTIAL)
        else if (regions.size === 0)
          shell.warn('Choose at least one region: Tab to Regions, Space toggles, a selects all.')
        else void run(credential, true)
      }
    } else if (phase.step === 'preview') {
      if (named === KEY.escape) setPhase({ step: 'form' })
      else if (named === KEY.enter && credential) void run(credential, false)
    } else if (phase.step === 'done') {
      if (named === KEY.escape || named === KEY.enter) shell.closeDialog()
    } else if (named === KEY.escape) {
      abort.current?.abort()
      setPhase({ step: 'form' })
      if (phase.step === 'deploying') shell.refresh()
      shell.warn(
        phase.step === 'deploying' ? 'Deploy cancelled; regions already done keep their copy.' : 'Preview cancelled.',
      )
    }
  }, active)

  const title = `Deploy → AWS ACM: ${certificate.commonName}`
  const width = columns - 4
  if (phase.step === 'previewing' || phase.step === 'deploying') {
    return (
      <Dialog title={title} keys="Esc cancel">
        <Busy
          label={`${phase.step === 'previewing' ? 'Checking' : 'Deploying to'} ${phase.regions.length} region(s)…`}
        />
        <Grid cells={pendingCells(phase.regions)} cellWidth={20} width={width} />
      </Dialog>
    )
  }
  if (phase.step === 'preview' || phase.step === 'done') {
    const done = phase.step === 'done'
    return (
      <Dialog title={title} keys={done ? '⏎/Esc close' : '⏎ deploy · Esc back to the form'}>
        <Text bold>
          {done ? `Result: ${deploySummary(phase.results)}` : 'Dry run — nothing was changed. This would happen:'}
        </Text>
        {deployResultLines(phase.results).map((line, i) => (
          <Tone key={i} tone={line.tone} wrap="truncate-end">
            {line.text}
          </Tone>
        ))}
      </Dialog>
    )
  }
  return (
    <Dialog title={title} keys="Tab next field · ⏎ preview (dry run) · Esc cancel">
      <CredentialField choice={choice} focused={ring.isFocused(0)} />
      <RegionPicker
        regions={allRegions}
        selected={regions}
        onChange={setRegions}
        focused={ring.isFocused(1)}
        width={width}
      />
      <Checkbox
        label="Replace if the same certificate is found in ACM"
        checked={replace}
        focused={ring.isFocused(2)}
        onChange={setReplace}
      />
      <Checkbox
        label="Auto-redeploy on renewal"
        checked={autoRedeploy}
        focused={ring.isFocused(3)}
        onChange={setAutoRedeploy}
      />
      <Para dimColor>
        {certificate.privateKey
          ? 'The private key is held: ACM can import it.'
          : 'No private key is held for this certificate: ACM will refuse it.'}
      </Para>
    </Dialog>
  )
}
