import type { AddChannelOptions } from '@certdeck/core'
import { Text } from 'ink'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { useDeck, useShell } from '../context.js'
import { Choice } from '../form/Choice.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'

type Kind = 'email' | 'webhook' | 'command'
const KINDS = [
  { value: 'email', label: 'email (SMTP)' },
  { value: 'webhook', label: 'webhook (JSON, Slack, Teams)' },
  { value: 'command', label: 'command (script)' },
] as const
const FIELDS: Record<Kind, readonly { key: string; label: string; placeholder: string; masked?: boolean }[]> = {
  email: [
    { key: 'host', label: 'SMTP host', placeholder: 'smtp.example.com' },
    { key: 'port', label: 'Port', placeholder: '587' },
    { key: 'tls', label: 'TLS', placeholder: 'starttls | tls | none' },
    { key: 'user', label: 'User', placeholder: '(optional)' },
    { key: 'password', label: 'Password', placeholder: '(with a user)', masked: true },
    { key: 'from', label: 'From', placeholder: 'certdeck@example.com' },
    { key: 'to', label: 'To (comma-separated)', placeholder: 'ops@example.com' },
  ],
  webhook: [
    { key: 'url', label: 'URL', placeholder: 'https://hooks.example.com/…' },
    { key: 'format', label: 'Format', placeholder: 'json | slack | teams' },
    { key: 'secret', label: 'Signing secret', placeholder: '(optional)', masked: true },
  ],
  command: [{ key: 'script', label: 'Script (absolute)', placeholder: '/usr/local/bin/notify' }],
}

function options(kind: Kind, name: string, v: Record<string, string>): AddChannelOptions {
  const get = (k: string) => v[k]?.trim() ?? ''
  if (kind === 'email') {
    return {
      kind,
      name,
      host: get('host'),
      port: get('port') ? Number(get('port')) : 587,
      tls: (get('tls') || 'starttls') as 'starttls',
      ...(get('user') ? { user: get('user') } : {}),
      ...(v.password ? { password: v.password } : {}),
      from: get('from'),
      to: get('to')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    }
  }
  if (kind === 'webhook') {
    return {
      kind,
      name,
      url: get('url'),
      format: (get('format') || 'json') as 'json',
      ...(v.secret ? { secret: v.secret } : {}),
    }
  }
  return { kind, name, script: get('script') }
}

/** Add a notification channel; core checks every field as the CLI does, and seals the secret. */
export function ChannelDialog() {
  const deck = useDeck()
  const shell = useShell()
  const [kind, setKind] = useState<Kind>('email')
  const [name, setName] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
  const { busy } = useFormSubmit(async () => {
    if (!deck.notifications) return shell.notify('Notifications are not available in this session.')
    if (!name.trim()) return shell.notify('Give the channel a name, e.g. ops-mail.')
    const added = await deck.notifications.addChannel(options(kind, name.trim(), values))
    shell.closeDialog()
    shell.refresh()
    shell.notify(`Added the ${added.kind} channel ${added.name}; t sends it a sample.`)
  })
  const fields = FIELDS[kind]
  const ring = useFocusRing(2 + fields.length, !busy)
  return (
    <Dialog title="Add a notification channel" keys="⏎ add · Tab next field · ←→ change a choice · Esc cancel">
      <Choice
        label="Kind"
        options={KINDS}
        value={kind}
        focused={ring.isFocused(0)}
        onChange={(next) => {
          setKind(next)
          setValues({})
        }}
      />
      <TextField label="Name" focused={ring.isFocused(1)} placeholder="ops-mail" onChange={setName} />
      {fields.map((f, i) => (
        <TextField
          key={`${kind}:${f.key}`}
          label={f.label}
          focused={ring.isFocused(2 + i)}
          placeholder={f.placeholder}
          {...(f.masked ? { masked: true } : {})}
          onChange={(value) => setValues((all) => ({ ...all, [f.key]: value }))}
        />
      ))}
      <Text dimColor>Secrets are sealed in the vault and never shown again.</Text>
      {busy ? <Busy label="Adding…" /> : null}
    </Dialog>
  )
}
