import type { CertificateRequest, DnsProviderConfig } from '@certdeck/core'
import { useEffect, useState } from 'react'
import { Busy } from '../components/Busy.js'
import { Tone } from '../components/Tone.js'
import { useDeck, useDialogActive, useShell } from '../context.js'
import { Choice } from '../form/Choice.js'
import { Dialog } from '../form/Dialog.js'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'
import { stateCell } from '../views/request-table.js'
import { RecordsPanel } from './RecordsPanel.js'
import { applyChallengeEvent, challengeLines, type ZoneProgress } from './challenge-progress.js'
import { useCancellableRun } from './use-cancellable-run.js'
import { Para } from '../components/Para.js'

/** Props of {@link ChallengeDialog}. */
export interface ChallengeDialogProps {
  readonly request: CertificateRequest
}

/**
 * Deploy challenge: writes the request's validation records through a DNS provider (the
 * request's own, else one chosen here among those whose zones cover every name; with none, it
 * says so and `y` shows the records to create by hand) and shows each zone until in sync, then
 * where the request stands.
 */
export function ChallengeDialog({ request }: ChallengeDialogProps) {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const [providers, setProviders] = useState<readonly DnsProviderConfig[] | undefined>(undefined)
  const [provider, setProvider] = useState<string | undefined>(undefined)
  /** The request's own provider, once a run through it failed and the form is shown. */
  const [own, setOwn] = useState<string | undefined>(undefined)
  const { phase, setPhase, begin, runKey } = useCancellableRun()
  const [progress, setProgress] = useState<ReadonlyMap<string, ZoneProgress>>(new Map())
  const [result, setResult] = useState<CertificateRequest | undefined>(undefined)
  const names = [...new Set([request.domain, ...request.sans])]

  const start = async (dnsProvider: string | undefined) => {
    const controller = begin()
    setProgress(new Map())
    try {
      const done = await deck.requests.deployChallenge(request.id, {
        dnsProvider,
        signal: controller.signal,
        onEvent: (event) => !controller.signal.aborted && setProgress((p) => applyChallengeEvent(p, event)),
      })
      if (controller.signal.aborted) return
      setResult(done)
      setPhase('done')
      shell.refresh()
    } catch (error) {
      if (controller.signal.aborted) return
      setPhase('form')
      shell.fail(error)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads the providers once, when the dialog opens
  useEffect(() => {
    const own = request.dnsProviderId
    deck.dns.providers().then(
      (list) => {
        const mine = list.find((p) => p.id === own || p.name === own)
        if (mine) {
          setProviders([mine])
          setOwn(mine.name)
          setProvider(mine.name)
          return void start(undefined)
        }
        // Only a provider whose zones cover every name can write the records: none offered, none tried.
        deck.dns.covering(names).then(
          (covering) => {
            setProviders(covering)
            setProvider(covering[0]?.name)
          },
          (error: unknown) => shell.fail(error),
        )
      },
      (error: unknown) => shell.fail(error),
    )
  }, [])

  // After the request's own provider failed, the others that cover the names are offered too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when its own provider failed
  useEffect(() => {
    if (!own || phase !== 'form') return
    deck.dns.covering(names).then(
      (covering) => setProviders((now) => [...(now ?? []), ...covering.filter((p) => p.name !== own)]),
      () => undefined,
    )
  }, [own && phase === 'form'])

  useKeys((input, key) => {
    const named = keyName(input, key)
    if (phase === 'form') {
      if (named === KEY.escape) shell.closeDialog()
      else if (input === 'y' && providers?.length === 0) shell.openDialog(<RecordsPanel request={request} />)
      else if (named === KEY.enter && provider) void start(provider)
    } else runKey(named)
  }, active)

  const title = `Deploy challenge: ${request.domain}`
  if (phase === 'form') {
    const none = providers?.length === 0
    return (
      <Dialog
        title={title}
        keys={none ? 'y show the records · Esc close' : '⏎ write the records · ←→ change the provider · Esc cancel'}
      >
        <Para>
          {providers === undefined
            ? 'Looking for a DNS provider whose zones cover the names…'
            : none
              ? `No DNS provider covers ${names.join(', ')}: create the records with your DNS host; y shows ` +
                'the records to create (a DNS provider for these zones can be added in the DNS tab).'
              : own
                ? `Writing the records through ${own} failed: ⏎ tries again, or choose another DNS provider.`
                : 'This request has no DNS provider of its own: choose the one that writes its validation records.'}
        </Para>
        {none ? null : (
          <Choice
            label="DNS provider"
            options={(providers ?? []).map((p) => ({ value: p.name, label: `${p.name} (${p.providerId})` }))}
            value={provider}
            focused={active}
            onChange={setProvider}
          />
        )}
      </Dialog>
    )
  }
  const state = result ? stateCell(result.state) : undefined
  return (
    <Dialog title={title} keys={phase === 'running' ? 'Esc cancel (records already written stay)' : '⏎/Esc close'}>
      {phase === 'running' ? <Busy label="Writing the validation records…" /> : null}
      {phase === 'cancelled' ? <Para>Cancelled; records already written stay in the zone.</Para> : null}
      {challengeLines(progress).map((line) => (
        <Tone key={line.text} tone={line.tone}>
          {line.text}
        </Tone>
      ))}
      {result && state ? (
        <Tone tone={state.tone} bold>
          {`Request ${result.id}: ${state.text}${outcomeNote(result.state)}`}
        </Tone>
      ) : null}
    </Dialog>
  )
}

/** What the last line adds once the run is over: where the certificate went, or what happens next. */
function outcomeNote(state: CertificateRequest['state']): string {
  return state === 'ISSUED' ? ' — the certificate is in the Certificates tab' : ' — checked again in the background'
}
