import { useEffect, useState } from 'react'
import { Busy } from '../components/Busy.js'
import { Tone } from '../components/Tone.js'
import { useDeck, useDialogActive, useShell } from '../context.js'
import { Dialog } from '../form/Dialog.js'
import { errorText } from '../format.js'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'

type Outcome =
  | { readonly state: 'sending' }
  | { readonly state: 'ok'; readonly answer: string }
  | { readonly state: 'failed'; readonly error: string }

/** Sends a sample digest through a channel and shows the server's answer (Esc cancels). */
export function NotifyTestDialog({ name }: { readonly name: string }) {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const [outcome, setOutcome] = useState<Outcome>({ state: 'sending' })
  useEffect(() => {
    const controller = new AbortController()
    if (!deck.notifications) {
      setOutcome({ state: 'failed', error: 'Notifications are not available in this session.' })
      return
    }
    deck.notifications.testChannel(name, { signal: controller.signal }).then(
      (answer) => !controller.signal.aborted && setOutcome({ state: 'ok', answer }),
      (error: unknown) => !controller.signal.aborted && setOutcome({ state: 'failed', error: errorText(error) }),
    )
    return () => controller.abort()
  }, [deck, name])
  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape || named === KEY.enter) {
      shell.closeDialog()
      shell.refresh()
    }
  }, active)
  return (
    <Dialog title={`Test channel ${name}`} keys={outcome.state === 'sending' ? 'Esc cancel' : '⏎/Esc close'}>
      {outcome.state === 'sending' ? <Busy label="Sending a sample digest…" /> : null}
      {outcome.state === 'failed' ? <Tone tone="danger">{`${MARK.failed} ${outcome.error}`}</Tone> : null}
      {outcome.state === 'ok' ? <Tone tone="ok">{`${MARK.ok} ${name} accepted it: ${outcome.answer}`}</Tone> : null}
    </Dialog>
  )
}
