import { CertDeckError, type Certificate } from '@certdeck/core'
import { Text } from 'ink'
import { useState } from 'react'
import { useDeck, useDialogActive, useShell } from '../context.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFormSubmit } from '../form/use-form-submit.js'

/** Props of {@link TagDialog}. */
export interface TagDialogProps {
  readonly certificate: Certificate
}

/** Parses `env=prod, team=web -old`: tags to set and (with a leading `-`) to remove. */
export function parseTagEdits(typed: string): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {}
  const remove: string[] = []
  for (const token of typed.split(/[\s,]+/).filter(Boolean)) {
    if (token.startsWith('-') && token.length > 1) remove.push(token.slice(1))
    else {
      const eq = token.indexOf('=')
      if (eq <= 0) {
        throw new CertDeckError(
          'TAG_INVALID',
          `"${token}" is not a tag edit. Write key=value to set a tag, or -key to remove one.`,
        )
      }
      set[token.slice(0, eq)] = token.slice(eq + 1)
    }
  }
  return { set, remove }
}

/** Tag: set `key=value` pairs and remove `-key`s. */
export function TagDialog({ certificate }: TagDialogProps) {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const [typed, setTyped] = useState('')
  useFormSubmit(async () => {
    const { set, remove } = parseTagEdits(typed)
    const updated = await deck.certificates.tag(certificate.id, set, remove)
    shell.closeDialog()
    shell.notify(`Tags of ${updated.commonName}: ${formatTags(updated.tags) || 'none'}.`)
    shell.refresh()
  })

  return (
    <Dialog title={`Tag ${certificate.commonName}`} keys="⏎ apply · Esc cancel">
      <Text>Current: {formatTags(certificate.tags) || 'none'}</Text>
      <TextField label="Edits" focused={active} placeholder="env=prod team=web -old" onChange={setTyped} />
    </Dialog>
  )
}

function formatTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')
}
