import type { Credential } from '@certdeck/core'
import { useEffect, useState } from 'react'
import { useDeck, useShell } from '../context.js'
import { Choice } from './Choice.js'

/** The credentials to choose from and the chosen one. */
export interface CredentialChoice {
  readonly options: readonly { readonly value: string; readonly label: string }[]
  readonly credential: string | undefined
  setCredential(name: string): void
}

/**
 * Loads the credentials and preselects the active one (else the first); `onLoaded` hears which
 * was chosen, e.g. to preselect its default region.
 */
export function useCredentialChoice(onLoaded?: (chosen: Credential | undefined) => void): CredentialChoice {
  const deck = useDeck()
  const shell = useShell()
  const [options, setOptions] = useState<CredentialChoice['options']>([])
  const [credential, setCredential] = useState(shell.activeCredential)
  // Loads once; a new `onLoaded` on each render must not reload the list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  useEffect(() => {
    let live = true
    deck.credentials.list().then(
      (list) => {
        if (!live) return
        setOptions(list.map((c) => ({ value: c.name, label: `${c.name} (${c.kind})` })))
        const chosen = list.find((c) => c.name === shell.activeCredential) ?? list[0]
        setCredential(chosen?.name)
        onLoaded?.(chosen)
      },
      (error: unknown) => live && shell.fail(error),
    )
    return () => {
      live = false
    }
  }, [deck, shell])
  return { options, credential, setCredential }
}

/** The credential drop-down of the AWS dialogs. */
export function CredentialField({ choice, focused }: { readonly choice: CredentialChoice; readonly focused: boolean }) {
  return (
    <Choice
      label="Credential"
      options={choice.options}
      value={choice.credential}
      focused={focused}
      onChange={choice.setCredential}
      emptyText="none — add one in the Credentials tab (4, then a)"
    />
  )
}
