import { useState } from 'react'
import { useDialogActive } from '../context.js'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'

/** Focus over a dialog's fields: Tab moves forward, Shift+Tab back, both wrapping around. */
export interface FocusRing {
  readonly focus: number
  setFocus(index: number): void
  /** True when field `index` has the keyboard (and the dialog does). */
  isFocused(index: number): boolean
}

/** A focus ring over `count` fields; `enabled` is false while the dialog is not taking input. */
export function useFocusRing(count: number, enabled = true): FocusRing {
  const active = useDialogActive() && enabled
  const [focus, setFocus] = useState(0)
  useKeys(
    (input, key) => {
      const named = keyName(input, key)
      if (named === KEY.tab) setFocus((f) => (f + 1) % count)
      else if (named === KEY.shiftTab) setFocus((f) => (f + count - 1) % count)
    },
    active && count > 1,
  )
  return { focus, setFocus, isFocused: (index) => active && focus === index }
}
