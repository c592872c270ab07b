import { useState } from 'react'
import { useDialogActive, useShell } from '../context.js'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'

/**
 * What every form dialog shares: ⏎ runs `action` (one run at a time), Esc closes the dialog.
 * A failure goes to the message line and the dialog stays open, so the input can be fixed.
 */
export function useFormSubmit(action: () => Promise<void>): { readonly busy: boolean } {
  const shell = useShell()
  const active = useDialogActive()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    setBusy(true)
    try {
      await action()
    } catch (error) {
      shell.fail(error)
    } finally {
      setBusy(false)
    }
  }
  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape) shell.closeDialog()
    else if (named === KEY.enter) void submit()
  }, active && !busy)
  return { busy }
}
