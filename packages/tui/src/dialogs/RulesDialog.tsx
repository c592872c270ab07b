import { parseThresholds } from '@certdeck/core'
import { useState } from 'react'
import { Busy } from '../components/Busy.js'
import { useDeck, useShell } from '../context.js'
import { Choice } from '../form/Choice.js'
import { Dialog } from '../form/Dialog.js'
import { TextField } from '../form/TextField.js'
import { useFocusRing } from '../form/use-focus-ring.js'
import { useFormSubmit } from '../form/use-form-submit.js'

const SCOPES = [
  { value: 'both', label: 'repository and cloud' },
  { value: 'repository', label: 'repository only' },
  { value: 'cloud', label: 'cloud only' },
] as const

/** Edit the notification rules: thresholds, ACM-renewed thresholds, scope, stuck time (the CLI's checks). */
export function RulesDialog() {
  const deck = useDeck()
  const shell = useShell()
  const [thresholds, setThresholds] = useState('')
  const [eligible, setEligible] = useState('')
  const [stuck, setStuck] = useState('')
  const [scope, setScope] = useState<'both' | 'repository' | 'cloud'>('both')
  const { busy } = useFormSubmit(async () => {
    const notifications = deck.notifications
    if (!notifications) return shell.notify('Notifications are not available in this session.')
    const hours = stuck.trim() ? Number(stuck.trim()) : undefined
    if (hours !== undefined && (!Number.isInteger(hours) || hours < 1))
      return shell.notify(`The stuck time "${stuck}" is not a whole number of hours of at least 1.`)
    const rules = await notifications.setRules({
      scope,
      ...(thresholds.trim() ? { thresholds: parseThresholds(thresholds) } : {}),
      ...(eligible.trim() ? { eligibleThresholds: parseThresholds(eligible, 'eligible thresholds') } : {}),
      ...(hours !== undefined ? { stuckAfterHours: hours } : {}),
    })
    shell.closeDialog()
    shell.refresh()
    shell.notify(`Rules saved: ${rules.thresholds.join(',')} days; ACM-renewed ${rules.eligibleThresholds.join(',')}.`)
  })
  const ring = useFocusRing(4, !busy)
  return (
    <Dialog title="Notification rules" keys="⏎ save · Tab next field · ←→ change a choice · Esc cancel">
      <TextField
        label="Thresholds (days)"
        focused={ring.isFocused(0)}
        placeholder="30,14,7,1 (empty: keep)"
        onChange={setThresholds}
      />
      <TextField
        label="ACM-renewed (days)"
        focused={ring.isFocused(1)}
        placeholder="7,1 (empty: keep)"
        onChange={setEligible}
      />
      <Choice label="Certificates" options={SCOPES} value={scope} focused={ring.isFocused(2)} onChange={setScope} />
      <TextField
        label="Stuck after (hours)"
        focused={ring.isFocused(3)}
        placeholder="24 (empty: keep)"
        onChange={setStuck}
      />
      {busy ? <Busy label="Saving…" /> : null}
    </Dialog>
  )
}
