import type { CredentialKind } from '@certdeck/core'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { useDeck, useShell } from '../context.js'
import { Choice } from '../form/Choice.js'
import { useCredentialChoice } from '../form/CredentialField.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'

const KINDS: readonly { readonly value: CredentialKind; readonly label: string }[] = [
  { value: 'static', label: 'static keys (sealed in the vault)' },
  { value: 'profile', label: 'AWS profile (~/.aws/config)' },
  { value: 'default-chain', label: "the SDK's default chain (env, SSO, instance role)" },
  { value: 'assume-role', label: 'assume a role from another credential' },
]

/** The fields each kind asks for, besides name, kind, endpoint and region. */
const KIND_FIELDS: Record<CredentialKind, readonly string[]> = {
  static: ['accessKeyId', 'secretAccessKey', 'sessionToken'],
  profile: ['profile'],
  'default-chain': [],
  'assume-role': ['source', 'roleArn', 'externalId'],
}

/**
 * Add an AWS credential: name, kind, the kind's fields (secret key and session token typed
 * masked, sealed in the vault, never shown again), endpoint override and default region.
 */
export function CredentialDialog() {
  const deck = useDeck()
  const shell = useShell()
  const [kind, setKind] = useState<CredentialKind>('static')
  const [values, setValues] = useState<Record<string, string>>({})
  const sources = useCredentialChoice()
  const set = (field: string) => (value: string) => setValues((v) => ({ ...v, [field]: value }))
  const value = (field: string) => values[field]?.trim() || undefined
  const { busy } = useFormSubmit(async () => {
    const name = value('name')
    if (!name) return shell.warn('Give the credential a name, e.g. prod.')
    const added = await deck.credentials.add({
      name,
      kind,
      accessKeyId: kind === 'static' ? value('accessKeyId') : undefined,
      secretAccessKey: kind === 'static' ? values.secretAccessKey : undefined,
      sessionToken: kind === 'static' ? values.sessionToken || undefined : undefined,
      profile: kind === 'profile' ? value('profile') : undefined,
      roleArn: kind === 'assume-role' ? value('roleArn') : undefined,
      externalId: kind === 'assume-role' ? value('externalId') : undefined,
      source: kind === 'assume-role' ? sources.credential : undefined,
      endpoint: value('endpoint'),
      defaultRegion: value('defaultRegion'),
    })
    shell.closeDialog()
    shell.refresh()
    shell.show('credentials', added.id)
    shell.notify(`Added the credential ${added.name} (${added.kind}); t tests it.`)
  })
  const fields = ['name', 'kind', ...KIND_FIELDS[kind], 'endpoint', 'defaultRegion']
  const ring = useFocusRing(fields.length, !busy)
  const focused = (field: string) => ring.isFocused(fields.indexOf(field))

  return (
    <Dialog title="Add an AWS credential" keys="⏎ add · Tab next field · ←→ change a choice · Esc cancel">
      <TextField label="Name" focused={focused('name')} placeholder="prod" onChange={set('name')} />
      <Choice label="Kind" options={KINDS} value={kind} focused={focused('kind')} onChange={setKind} />
      {kind === 'static' ? (
        <>
          <TextField
            key="akid"
            label="Access key id"
            focused={focused('accessKeyId')}
            placeholder="AKIA…"
            onChange={set('accessKeyId')}
          />
          <TextField
            key="secret"
            label="Secret access key"
            masked
            focused={focused('secretAccessKey')}
            onChange={set('secretAccessKey')}
          />
          <TextField
            key="token"
            label="Session token"
            masked
            focused={focused('sessionToken')}
            placeholder="optional"
            onChange={set('sessionToken')}
          />
        </>
      ) : null}
      {kind === 'profile' ? (
        <TextField
          key="profile"
          label="Profile"
          focused={focused('profile')}
          placeholder="default"
          onChange={set('profile')}
        />
      ) : null}
      {kind === 'assume-role' ? (
        <>
          <Choice
            label="Source credential"
            options={sources.options}
            value={sources.credential}
            focused={focused('source')}
            onChange={sources.setCredential}
            emptyText="none yet: add one first"
          />
          <TextField
            key="role"
            label="Role ARN"
            focused={focused('roleArn')}
            placeholder="arn:aws:iam::111122223333:role/certdeck"
            onChange={set('roleArn')}
          />
          <TextField
            key="external"
            label="External id"
            focused={focused('externalId')}
            placeholder="optional"
            onChange={set('externalId')}
          />
        </>
      ) : null}
      <TextField
        label="Endpoint"
        focused={focused('endpoint')}
        placeholder="AWS (or a LocalStack-style URL)"
        onChange={set('endpoint')}
      />
      <TextField
        label="Default region"
        focused={focused('defaultRegion')}
        placeholder="us-east-1"
        onChange={set('defaultRegion')}
      />
      {busy ? <Busy label="Adding…" /> : null}
    </Dialog>
  )
}
