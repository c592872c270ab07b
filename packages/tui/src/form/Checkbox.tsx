import { Box, Text } from 'ink'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'

/** Props of {@link Checkbox}. */
export interface CheckboxProps {
  readonly label: string
  readonly checked: boolean
  readonly focused: boolean
  readonly onChange: (checked: boolean) => void
  /** Shown after the label in dim text. */
  readonly hint?: string
}

/** `[x] label`, toggled with Space when focused. */
export function Checkbox({ label, checked, focused, onChange, hint }: CheckboxProps) {
  useKeys((input, key) => {
    if (keyName(input, key) === KEY.space) onChange(!checked)
  }, focused)
  return (
    <Box>
      <Text bold={focused}>
        {focused ? '› ' : '  '}
        {checked ? MARK.checked : MARK.unchecked} {label}
      </Text>
      {hint ? <Text dimColor> {hint}</Text> : null}
    </Box>
  )
}
