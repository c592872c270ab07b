import type { CertificateAuthority, RequestKeyAlgorithm } from '@certdeck/core'
import { Text } from 'ink'
import { useEffect, useState } from 'react'
import { Busy } from '../components/Busy.js'
import { Tone } from '../components/Tone.js'
import { useDeck, useShell } from '../context.js'
import { Choice } from '../form/Choice.js'
import { CredentialField, useCredentialChoice } from '../form/CredentialField.js'
import { Dialog } from '../form/Dialog.js'
import { NameLines, namesOf } from '../form/NameLines.js'
import { LABEL_WIDTH, TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'
import { errorText } from '../format.js'
import { MARK } from '../theme.js'
import { keyLabel } from '../views/cells.js'
import { NO_CREDENTIAL } from './DeployDialog.js'
import { requestedNote } from './request-notes.js'
import { REQUEST_KEYS, regionOptions } from './request-options.js'

type Authorities =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly list: readonly CertificateAuthority[] }
  | { readonly state: 'failed'; readonly error: string }

/**
 * Request a private certificate: credential, region, the ACM Private CA (a drop-down of the
 * account's ACTIVE CAs, loaded for the credential and region), domain and SANs, key algorithm.
 */
export function RequestPrivateDialog() {
  const deck = useDeck()
  const shell = useShell()
  const regions = deck.cloud.regions()
  const [region, setRegion] = useState(regions[0])
  const [authorities, setAuthorities] = useState<Authorities>({ state: 'loading' })
  const [caArn, setCaArn] = useState<string | undefined>(undefined)
  const [domain, setDomain] = useState('')
  const [sans, setSans] = useState<string[]>([''])
  const [keyAlgorithm, setKeyAlgorithm] = useState<RequestKeyAlgorithm | ''>('')
  const [tried, setTried] = useState(false)
  const choice = useCredentialChoice((chosen) => {
    if (chosen?.defaultRegion && regions.includes(chosen.defaultRegion)) setRegion(chosen.defaultRegion)
  })
  const credential = choice.credential
  const problems = domain.trim() || tried ? deck.requests.check({ domain: domain.trim(), sans: namesOf(sans) }) : []

  useEffect(() => {
    if (!credential) return
    const controller = new AbortController()
    setAuthorities({ state: 'loading' })
    deck.requests.authorities(credential, region, controller.signal).then(
      (list) => {
        if (controller.signal.aborted) return
        setAuthorities({ state: 'loaded', list })
        setCaArn((current) => (list.some((ca) => ca.arn === current) ? current : list[0]?.arn))
      },
      (error: unknown) => !controller.signal.aborted && setAuthorities({ state: 'failed', error: errorText(error) }),
    )
    return () => controller.abort()
  }, [deck, credential, region])

  const { busy } = useFormSubmit(async () => {
    setTried(true)
    if (!credential) return shell.warn(NO_CREDENTIAL)
    if (!caArn) return shell.warn(`Choose a private CA: the account has no ACTIVE ACM Private CA in ${region}.`)
    if (problems.length > 0 || !domain.trim())
      return shell.warn('Fix the names first: the problems are listed in the dialog.')
    const created = await deck.requests.requestPrivate({
      credential,
      region,
      caArn,
      domain: domain.trim(),
      sans: namesOf(sans),
      keyAlgorithm: keyAlgorithm || undefined,
    })
    shell.closeDialog()
    shell.setActiveCredential(credential)
    shell.refresh()
    shell.show('requests', created.id)
    shell.notify(requestedNote(created))
  })
  const ring = useFocusRing(6, !busy)
  const list = authorities.state === 'loaded' ? authorities.list : []
  const chosenCa = list.find((ca) => ca.arn === caArn)

  return (
    <Dialog
      title="Request a private certificate (ACM Private CA)"
      keys="⏎ request · Tab next field · ←→ change a choice · Esc cancel"
    >
      <TextField
        label="Domain name"
        focused={ring.isFocused(0)}
        placeholder="(e.g. app.internal.example)"
        onChange={setDomain}
      />
      <NameLines label="More names (SANs)" names={sans} onChange={setSans} focused={ring.isFocused(1)} />
      <CredentialField choice={choice} focused={ring.isFocused(2)} />
      <Choice
        label="Region"
        options={regionOptions(regions)}
        value={region}
        focused={ring.isFocused(3)}
        onChange={setRegion}
      />
      <Choice
        label="Private CA"
        options={list.map((ca) => ({
          value: ca.arn,
          label: `${ca.commonName} (${ca.type.toLowerCase()}, ${keyLabel(ca.keyAlgorithm)})`,
        }))}
        value={caArn}
        focused={ring.isFocused(4)}
        onChange={setCaArn}
        emptyText={authorities.state === 'loading' ? 'loading the CAs…' : `none ACTIVE in ${region}`}
      />
      {chosenCa ? <Text dimColor wrap="truncate-end">{`${' '.repeat(LABEL_WIDTH)}${chosenCa.arn}`}</Text> : null}
      {authorities.state === 'failed' ? <Tone tone="danger">{`${MARK.failed} ${authorities.error}`}</Tone> : null}
      <Choice
        label="Key algorithm"
        options={[{ value: '' as const, label: "the CA's family" }, ...REQUEST_KEYS]}
        value={keyAlgorithm}
        focused={ring.isFocused(5)}
        onChange={setKeyAlgorithm}
      />
      {problems.map((problem) => (
        <Tone key={problem} tone="danger">
          {`${MARK.failed} ${problem}`}
        </Tone>
      ))}
      {busy ? <Busy label="Requesting…" /> : null}
    </Dialog>
  )
}
