import type { DnsProviderConfig, RequestKeyAlgorithm } from '@certdeck/core'
import { useEffect, useState } from 'react'
import { Busy } from '../components/Busy.js'
import { Tone } from '../components/Tone.js'
import { useDeck, useShell } from '../context.js'
import { Checkbox } from '../form/Checkbox.js'
import { Choice } from '../form/Choice.js'
import { CredentialField, useCredentialChoice } from '../form/CredentialField.js'
import { Dialog } from '../form/Dialog.js'
import { NameLines, namesOf } from '../form/NameLines.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'
import { MARK } from '../theme.js'
import { NO_CREDENTIAL } from './DeployDialog.js'
import { EXPORT_CHARGE, REQUEST_KEYS, regionOptions } from './request-options.js'
import { requestedNote } from './request-notes.js'
import { Para } from '../components/Para.js'

const METHODS = [
  { value: 'DNS', label: 'DNS (CNAME record)' },
  { value: 'EMAIL', label: 'Email (to admin@, hostmaster@, …)' },
] as const

/** Waits this long after the last keystroke before asking which DNS provider covers the names. */
const SUGGEST_DELAY_MS = 300

/**
 * Request a public certificate: credential, domain and SANs (one per line), Email or DNS
 * validation, region, DNS provider (suggested from the zones that cover every name), key
 * algorithm, exportable (charged). Name problems show as they are typed; ⏎ sends the request.
 */
export function RequestPublicDialog() {
  const deck = useDeck()
  const shell = useShell()
  const regions = deck.cloud.regions()
  const [domain, setDomain] = useState('')
  const [sans, setSans] = useState<string[]>([''])
  const [method, setMethod] = useState<'DNS' | 'EMAIL'>('DNS')
  const [region, setRegion] = useState(regions[0])
  const [providers, setProviders] = useState<readonly DnsProviderConfig[]>([])
  const [provider, setProvider] = useState('')
  const [suggested, setSuggested] = useState<string | undefined>(undefined)
  const [providerTouched, setProviderTouched] = useState(false)
  const [keyAlgorithm, setKeyAlgorithm] = useState<RequestKeyAlgorithm>('RSA_2048')
  const [exportable, setExportable] = useState(false)
  const [tried, setTried] = useState(false)
  const choice = useCredentialChoice((chosen) => {
    if (chosen?.defaultRegion && regions.includes(chosen.defaultRegion)) setRegion(chosen.defaultRegion)
  })
  const names = [domain.trim(), ...namesOf(sans)].filter(Boolean)
  const problems = domain.trim() || tried ? deck.requests.check({ domain: domain.trim(), sans: namesOf(sans) }) : []

  useEffect(() => {
    deck.dns.providers().then(setProviders, (error: unknown) => shell.fail(error))
  }, [deck, shell])

  const namesKey = names.join(' ')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `namesKey` stands for `names`, a new array on every render
  useEffect(() => {
    if (method !== 'DNS' || names.length === 0 || providers.length === 0) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      deck.dns.suggest(names, { signal: controller.signal }).then(
        (found) => {
          if (controller.signal.aborted) return
          setSuggested(found?.name)
          if (!providerTouched) setProvider(found?.name ?? '')
        },
        () => undefined, // A suggestion is a convenience: without one the user picks.
      )
    }, SUGGEST_DELAY_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [namesKey, method, providers, providerTouched])

  const { busy } = useFormSubmit(async () => {
    setTried(true)
    if (!choice.credential) return shell.warn(NO_CREDENTIAL)
    if (problems.length > 0 || !domain.trim())
      return shell.warn('Fix the names first: the problems are listed in the dialog.')
    const created = await deck.requests.requestPublic({
      credential: choice.credential,
      region,
      domain: domain.trim(),
      sans: namesOf(sans),
      validation: method,
      keyAlgorithm,
      dnsProvider: method === 'DNS' ? provider || false : undefined,
      exportable,
    })
    shell.closeDialog()
    shell.setActiveCredential(choice.credential)
    shell.refresh()
    shell.show('requests', created.id)
    shell.notify(requestedNote(created, provider))
  })
  // The domain first: typing right away goes into it; the credential comes preselected.
  const fields = [
    'domain',
    'sans',
    'credential',
    'method',
    'region',
    ...(method === 'DNS' ? ['dns'] : []),
    'key',
    'export',
  ]
  const ring = useFocusRing(fields.length, !busy)
  const focused = (field: string) => ring.isFocused(fields.indexOf(field))
  const providerOptions = [
    { value: '', label: 'none: I create the records (Sync records)' },
    ...providers.map((p) => ({
      value: p.name,
      label: `${p.name} (${p.providerId})${p.name === suggested ? ' — covers every name' : ''}`,
    })),
  ]

  return (
    <Dialog
      title="Request a public certificate (ACM)"
      keys="⏎ request · Tab next field · ←→ change a choice · Esc cancel"
    >
      <TextField
        label="Domain name"
        focused={focused('domain')}
        placeholder="(e.g. www.example.com or *.example.com)"
        onChange={setDomain}
      />
      <NameLines
        label="More names (SANs)"
        names={sans}
        onChange={setSans}
        focused={focused('sans')}
        placeholder="(optional: one name per line)"
      />
      <CredentialField choice={choice} focused={focused('credential')} />
      <Choice label="Validation" options={METHODS} value={method} focused={focused('method')} onChange={setMethod} />
      <Choice
        label="Region"
        options={regionOptions(regions)}
        value={region}
        focused={focused('region')}
        onChange={setRegion}
      />
      {method === 'DNS' ? (
        <Choice
          label="DNS provider"
          options={providerOptions}
          value={provider}
          focused={focused('dns')}
          onChange={(next) => {
            setProviderTouched(true)
            setProvider(next)
          }}
        />
      ) : null}
      <Choice
        label="Key algorithm"
        options={REQUEST_KEYS}
        value={keyAlgorithm}
        focused={focused('key')}
        onChange={setKeyAlgorithm}
      />
      <Checkbox
        label="Exportable (the private key can be retrieved)"
        checked={exportable}
        focused={focused('export')}
        onChange={setExportable}
      />
      {exportable ? <Tone tone="warn">{`${MARK.warning} ${EXPORT_CHARGE}`}</Tone> : null}
      {problems.map((problem) => (
        <Tone key={problem} tone="danger">
          {`${MARK.failed} ${problem}`}
        </Tone>
      ))}
      {busy ? <Busy label="Requesting…" /> : null}
      {method === 'EMAIL' && names.length > 0 && !busy ? (
        <Para dimColor>
          ACM mails the validation to admin@, administrator@, hostmaster@, postmaster@ and webmaster@ of each name.
        </Para>
      ) : null}
    </Dialog>
  )
}
