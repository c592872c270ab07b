import type { DnsZone } from '@certdeck/core'
import { Text } from 'ink'
import { useEffect, useState } from 'react'
import { Busy } from '../components/Busy.js'
import { Tone } from '../components/Tone.js'
import { useDeck, useDialogActive, useShell } from '../context.js'
import { Dialog } from '../form/Dialog.js'
import { errorText, plural } from '../format.js'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'

type Outcome =
  | { readonly state: 'testing' }
  | { readonly state: 'ok'; readonly zones: readonly DnsZone[] }
  | { readonly state: 'failed'; readonly error: string }

/** Test a DNS provider: one cheap call that lists the zones it can write to (Esc cancels). */
export function DnsTestDialog({ name }: { readonly name: string }) {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const [outcome, setOutcome] = useState<Outcome>({ state: 'testing' })
  useEffect(() => {
    const controller = new AbortController()
    deck.dns.test(name, { signal: controller.signal }).then(
      ({ zones }) => !controller.signal.aborted && setOutcome({ state: 'ok', zones }),
      (error: unknown) => !controller.signal.aborted && setOutcome({ state: 'failed', error: errorText(error) }),
    )
    return () => controller.abort()
  }, [deck, name])
  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape || named === KEY.enter) shell.closeDialog()
  }, active)
  return (
    <Dialog title={`Test DNS provider ${name}`} keys={outcome.state === 'testing' ? 'Esc cancel' : '⏎/Esc close'}>
      {outcome.state === 'testing' ? <Busy label="Listing the zones…" /> : null}
      {outcome.state === 'failed' ? <Tone tone="danger">{`${MARK.failed} ${outcome.error}`}</Tone> : null}
      {outcome.state === 'ok' ? (
        <Tone tone="ok">{`${MARK.ok} ${name} works: ${plural(outcome.zones.length, 'zone')} it can write to`}</Tone>
      ) : null}
      {outcome.state === 'ok'
        ? outcome.zones.map((z) => (
            <Text
              key={`${z.id}`}
              wrap="truncate-end"
            >{`  ${z.name.padEnd(32)} ${(z.private ? 'private' : 'public').padEnd(8)} ${z.id}`}</Text>
          ))
        : null}
    </Dialog>
  )
}
