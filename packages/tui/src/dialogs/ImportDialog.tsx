import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { useDeck, useShell } from '../context.js'
import { readInputFiles, needsPassphrase } from '../files.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'
import { Para } from '../components/Para.js'

/** Import: file paths; asks for the passphrase when a file is encrypted or PKCS#12. */
export function ImportDialog() {
  const deck = useDeck()
  const shell = useShell()
  const [paths, setPaths] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [askPassphrase, setAskPassphrase] = useState(false)
  const { busy } = useFormSubmit(async () => {
    const files = await readInputFiles(paths)
    if (needsPassphrase(files) && !askPassphrase) {
      setAskPassphrase(true)
      ring.setFocus(1)
      return
    }
    const result = await deck.certificates.import({ files, passphrase: askPassphrase ? passphrase : undefined })
    const verb = { created: 'Imported', renewed: 'Imported a new version of', unchanged: 'Already held:' }[
      result.outcome
    ]
    shell.closeDialog()
    shell.notify(`${verb} ${result.certificate.commonName} (${result.certificate.id}).`)
    shell.refresh()
  })
  const ring = useFocusRing(askPassphrase ? 2 : 1, !busy)

  return (
    <Dialog title="Import certificate" keys="⏎ import · Tab next field · Esc cancel">
      <Para dimColor>Certificate, key and chain in any order (PEM), or one .pfx/.p12 file.</Para>
      <TextField
        label="Files"
        focused={ring.isFocused(0)}
        placeholder="cert.pem key.pem chain.pem"
        onChange={setPaths}
      />
      {askPassphrase ? (
        <>
          <Para>A file is encrypted: type its passphrase.</Para>
          <TextField label="Passphrase" masked focused={ring.isFocused(1)} onChange={setPassphrase} />
        </>
      ) : null}
      {busy ? <Busy label="Importing…" /> : null}
    </Dialog>
  )
}
