import { REVOCATION_REASONS, type RevocationReason } from '@certdeck/core'
import { Text } from 'ink'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { Tone } from '../components/Tone.js'
import { useDeck, useShell } from '../context.js'
import { Choice } from '../form/Choice.js'
import { Dialog } from '../form/Dialog.js'
import { LABEL_WIDTH, TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'
import { MARK } from '../theme.js'
import type { LifecycleTarget } from './lifecycle-target.js'
import { UsageNotice } from './UsageNotice.js'

const REASONS = REVOCATION_REASONS.map((r) => ({ value: r, label: r.toLowerCase().replaceAll('_', ' ') }))

/** The ARN revoked: the ACM record's, else the ref when it is an ARN. */
function revokedArns(target: LifecycleTarget): string[] {
  if (target.cloud?.store === 'acm') return [target.cloud.arn]
  return target.ref.startsWith('arn:') ? [target.ref] : []
}

/** Revoke: a reason, and the domain typed again to confirm (revocation cannot be undone). */
export function RevokeDialog({ target }: { readonly target: LifecycleTarget }) {
  const deck = useDeck()
  const shell = useShell()
  const [reason, setReason] = useState<RevocationReason>('UNSPECIFIED')
  const [typed, setTyped] = useState('')
  const { busy } = useFormSubmit(async () => {
    if (typed.trim() !== target.domain) return shell.warn(`Type ${target.domain} exactly to confirm the revocation.`)
    await deck.lifecycle.revoke(target.ref, reason)
    shell.closeDialog()
    shell.notify(
      `Revoked ${target.domain} (${reason.toLowerCase().replaceAll('_', ' ')}). It left the Certificates tab ` +
        '(v there shows revoked entries) and shows REVOKED in the AWS tab.',
    )
    shell.refresh()
  })
  const ring = useFocusRing(2, !busy)
  return (
    <Dialog title={`Revoke ${target.domain}`} keys="⏎ revoke · Tab next field · ←→ change the reason · Esc cancel">
      <Tone tone="danger">
        {`${MARK.warning} Revocation cannot be undone: clients that check revocation reject the certificate.`}
      </Tone>
      <UsageNotice
        arns={revokedArns(target)}
        known={target.cloud?.details?.inUseBy}
        consequence="they will serve a revoked certificate"
      />
      <Choice label="Reason" options={REASONS} value={reason} focused={ring.isFocused(0)} onChange={setReason} />
      <TextField
        label="Type the domain"
        focused={ring.isFocused(1)}
        placeholder={`(to confirm, type ${target.domain})`}
        onChange={setTyped}
      />
      {typed.trim() === target.domain ? <Text dimColor>{`${' '.repeat(LABEL_WIDTH)}${MARK.ok} confirmed`}</Text> : null}
      {busy ? <Busy label="Revoking…" /> : null}
    </Dialog>
  )
}
