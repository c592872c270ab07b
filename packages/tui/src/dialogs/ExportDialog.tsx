import type { Certificate } from '@certdeck/core'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { useDeck, useShell } from '../context.js'
import { writeNewPrivateFile } from '../files.js'
import { Checkbox } from '../form/Checkbox.js'
import { Choice } from '../form/Choice.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'

const FORMATS = [
  { value: 'pem', label: 'PEM bundle' },
  { value: 'pkcs12', label: 'PKCS#12 (.p12)' },
] as const

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  readonly certificate: Certificate
}

/** Export: file, format, with key or not, and the PKCS#12 password. Files are written 0600. */
export function ExportDialog({ certificate }: ExportDialogProps) {
  const deck = useDeck()
  const shell = useShell()
  const base = certificate.commonName.replace(/[^\w.-]/g, '_')
  const [path, setPath] = useState('')
  const [format, setFormat] = useState<'pem' | 'pkcs12'>('pem')
  const [includeKey, setIncludeKey] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const defaultPath = `${base}.${format === 'pem' ? 'pem' : 'p12'}`
  const { busy } = useFormSubmit(async () => {
    const data = await deck.certificates.export(certificate.id, {
      format,
      includeKey: format === 'pkcs12' ? true : includeKey,
      passphrase: format === 'pkcs12' ? passphrase : undefined,
    })
    const written = await writeNewPrivateFile(path.trim() || defaultPath, data)
    shell.closeDialog()
    shell.notify(
      `Exported ${certificate.commonName} to ` +
        `${written}${includeKey || format === 'pkcs12' ? ' (with its private key, mode 0600)' : ''}.`,
    )
  })
  const ring = useFocusRing(format === 'pkcs12' ? 4 : 3, !busy)

  return (
    <Dialog title={`Export ${certificate.commonName}`} keys="⏎ export · Tab next field · Esc cancel">
      <TextField label="File" focused={ring.isFocused(0)} placeholder={defaultPath} onChange={setPath} />
      <Choice label="Format" options={FORMATS} value={format} focused={ring.isFocused(1)} onChange={setFormat} />
      <Checkbox
        label="Include the private key"
        checked={format === 'pkcs12' || includeKey}
        focused={ring.isFocused(2)}
        onChange={setIncludeKey}
        hint={
          certificate.privateKey
            ? format === 'pkcs12'
              ? '(always in PKCS#12)'
              : '(unencrypted PKCS#8)'
            : '(no key held)'
        }
      />
      {format === 'pkcs12' ? (
        <TextField label="PKCS#12 password" masked focused={ring.isFocused(3)} onChange={setPassphrase} />
      ) : null}
      {busy ? <Busy label="Exporting…" /> : null}
    </Dialog>
  )
}
