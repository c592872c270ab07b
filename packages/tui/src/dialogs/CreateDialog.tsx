import type { GeneratedKeyAlgorithm } from '@certdeck/core'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { useDeck, useShell } from '../context.js'
import { writeNewPrivateFile } from '../files.js'
import { Choice } from '../form/Choice.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'
import { keyLabel } from '../views/cells.js'

const KEY_TYPES: readonly GeneratedKeyAlgorithm[] = [
  'EC_prime256v1',
  'EC_secp384r1',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
]
const MODES = [
  { value: 'self-signed', label: 'self-signed certificate' },
  { value: 'csr', label: 'CSR (signed elsewhere)' },
] as const

/** Splits `a.example, b.example c.example` into names. */
export function splitNames(typed: string): string[] {
  return typed.split(/[\s,]+/).filter(Boolean)
}

/** Create: common name, SANs, key type, and a self-signed certificate or a CSR written to a file. */
export function CreateDialog() {
  const deck = useDeck()
  const shell = useShell()
  const [commonName, setCommonName] = useState('')
  const [sans, setSans] = useState('')
  const [keyType, setKeyType] = useState<GeneratedKeyAlgorithm>('EC_prime256v1')
  const [mode, setMode] = useState<'self-signed' | 'csr'>('self-signed')
  const [days, setDays] = useState('365')
  const [csrPath, setCsrPath] = useState('')
  const { busy } = useFormSubmit(async () => {
    const options = { commonName: commonName.trim(), sans: splitNames(sans), keyAlgorithm: keyType }
    if (mode === 'self-signed') {
      const cert = await deck.certificates.create({ ...options, days: Number(days) })
      shell.notify(`Created ${cert.commonName} (${cert.id}), self-signed, expires ${cert.notAfter.slice(0, 10)}.`)
    } else {
      const pending = await deck.certificates.createCsr(options)
      const path = await writeNewPrivateFile(
        csrPath.trim() || `${options.commonName.replace(/[^\w.-]/g, '_')}.csr.pem`,
        pending.csrPem,
      )
      shell.notify(
        `CSR written to ${path}. Import the signed certificate later: it attaches to the key (${pending.id}).`,
      )
    }
    shell.closeDialog()
    shell.refresh()
  })
  const ring = useFocusRing(5, !busy)

  return (
    <Dialog title="Create certificate" keys="⏎ create · Tab next field · ←→ change a choice · Esc cancel">
      <TextField
        label="Common name"
        focused={ring.isFocused(0)}
        placeholder="www.example.com"
        onChange={setCommonName}
      />
      <TextField
        label="SANs"
        focused={ring.isFocused(1)}
        placeholder="example.com, api.example.com"
        onChange={setSans}
      />
      <Choice
        label="Key"
        options={KEY_TYPES.map((k) => ({ value: k, label: keyLabel(k) }))}
        value={keyType}
        focused={ring.isFocused(2)}
        onChange={setKeyType}
      />
      <Choice label="Make" options={MODES} value={mode} focused={ring.isFocused(3)} onChange={setMode} />
      {mode === 'self-signed' ? (
        <TextField label="Valid for (days)" focused={ring.isFocused(4)} defaultValue="365" onChange={setDays} />
      ) : (
        <TextField
          label="CSR file"
          focused={ring.isFocused(4)}
          placeholder="<common name>.csr.pem"
          onChange={setCsrPath}
        />
      )}
      {busy ? <Busy label="Generating the key…" /> : null}
    </Dialog>
  )
}
