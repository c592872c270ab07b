import { Text } from 'ink'
import { type ReactNode, useState } from 'react'
import { useDialogActive, useShell } from '../context.js'
import { Dialog } from '../form/Dialog.js'
import { useKeys } from '../hooks/key-router.js'
import { CHAR, KEY, keyName } from '../keys.js'
import { Para } from '../components/Para.js'

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  readonly title: string
  readonly question: string
  /** The verb of the confirming key, e.g. `Delete`. */
  readonly confirmLabel: string
  /** Does the work; resolves with the note to show. */
  readonly run: () => Promise<string>
  /** Shown under the question, e.g. what uses the certificate. */
  readonly notice?: ReactNode
}

/** A destructive action's confirmation: `y` does it, `n` or Esc does nothing. */
export function ConfirmDialog({ title, question, confirmLabel, run, notice }: ConfirmDialogProps) {
  const shell = useShell()
  const active = useDialogActive()
  const [busy, setBusy] = useState(false)
  useKeys((input, key) => {
    if (input === CHAR.yes) {
      setBusy(true)
      run().then(
        (note) => {
          shell.closeDialog()
          shell.notify(note)
          shell.refresh()
        },
        (error: unknown) => {
          setBusy(false)
          shell.fail(error)
        },
      )
    } else if (input === CHAR.no || keyName(input, key) === KEY.escape) shell.closeDialog()
  }, active && !busy)
  return (
    <Dialog title={title} keys={`y ${confirmLabel.toLowerCase()} · n/Esc keep it`}>
      <Para>{question}</Para>
      {notice}
      {busy ? <Text>Working…</Text> : null}
    </Dialog>
  )
}
