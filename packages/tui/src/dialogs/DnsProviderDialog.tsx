import { Text } from 'ink'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { useDeck, useShell } from '../context.js'
import { Choice } from '../form/Choice.js'
import { useCredentialChoice } from '../form/CredentialField.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'

/**
 * Add a DNS provider: its type (from the loaded plugins), a name, the AWS credential when the
 * type uses one, and the type's own settings (required ones marked `*`).
 */
export function DnsProviderDialog() {
  const deck = useDeck()
  const shell = useShell()
  const types = deck.dns.types()
  const [typeId, setTypeId] = useState(types[0]?.id)
  const [name, setName] = useState('')
  const [settings, setSettings] = useState<Record<string, string>>({})
  const credentials = useCredentialChoice()
  const [credential, setCredential] = useState<string | undefined>(undefined)
  const type = types.find((t) => t.id === typeId)
  const usesCredential = type !== undefined && type.credential !== 'none'
  const credentialOptions = [
    ...(type?.credential === 'optional' ? [{ value: '', label: 'none' }] : []),
    ...credentials.options,
  ]
  const chosenCredential = credential ?? (type?.credential === 'optional' ? '' : credentials.credential)

  const { busy } = useFormSubmit(async () => {
    if (!type) return shell.warn('No DNS provider type is loaded: plugins offer them (e.g. @certdeck/plugin-route53).')
    if (!name.trim()) return shell.warn('Give the DNS provider a name, e.g. corp-dns.')
    const filled = Object.fromEntries(
      Object.entries(settings)
        .filter(([, v]) => v.trim())
        .map(([k, v]) => [k, v.trim()]),
    )
    const added = await deck.dns.add({
      type: type.id,
      name: name.trim(),
      credential: usesCredential && chosenCredential ? chosenCredential : undefined,
      settings: filled,
    })
    shell.closeDialog()
    shell.refresh()
    shell.show('dns', added.id)
    shell.notify(`Added the DNS provider ${added.name} (${added.providerId}); t lists its zones.`)
  })
  const fields = [
    'type',
    'name',
    ...(usesCredential ? ['credential'] : []),
    ...(type?.settings.map((s) => s.key) ?? []),
  ]
  const ring = useFocusRing(fields.length, !busy)
  const focused = (field: string) => ring.isFocused(fields.indexOf(field))

  return (
    <Dialog title="Add a DNS provider" keys="⏎ add · Tab next field · ←→ change a choice · Esc cancel">
      <Choice
        label="Type"
        options={types.map((t) => ({ value: t.id, label: `${t.label} (${t.id})` }))}
        value={typeId}
        focused={focused('type')}
        onChange={(next) => {
          setTypeId(next)
          setSettings({})
          setCredential(undefined)
        }}
        emptyText="none loaded: plugins offer them (e.g. @certdeck/plugin-route53)"
      />
      <TextField label="Name" focused={focused('name')} placeholder="corp-dns" onChange={setName} />
      {usesCredential ? (
        <Choice
          label="Credential"
          options={credentialOptions}
          value={chosenCredential}
          focused={focused('credential')}
          onChange={setCredential}
          emptyText="none: add one in the Credentials tab (a)"
        />
      ) : null}
      {type?.settings.map((s) => (
        <TextField
          key={`${type.id}:${s.key}`}
          label={`${s.key}${s.required ? ' *' : ''}`}
          focused={focused(s.key)}
          placeholder={s.description}
          onChange={(v) => setSettings((all) => ({ ...all, [s.key]: v }))}
        />
      ))}
      {type?.settings.some((s) => s.required) ? <Text dimColor>* required</Text> : null}
      {busy ? <Busy label="Adding…" /> : null}
    </Dialog>
  )
}
