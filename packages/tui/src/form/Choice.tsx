import { Box, Text } from 'ink'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'
import { FieldLabel } from './TextField.js'

/** Props of {@link Choice}. */
export interface ChoiceProps<V extends string> {
  readonly label: string
  readonly options: readonly { readonly value: V; readonly label: string }[]
  readonly value: V | undefined
  readonly focused: boolean
  readonly onChange: (value: V) => void
  /** Said in place of the value when there are no options. */
  readonly emptyText?: string
}

/** A drop-down: `‹ value ›`, ←→ (or Space) step through the options; the list shows when focused. */
export function Choice<V extends string>({ label, options, value, focused, onChange, emptyText }: ChoiceProps<V>) {
  const index = Math.max(
    0,
    options.findIndex((o) => o.value === value),
  )
  useKeys((input, key) => {
    const named = keyName(input, key)
    if (options.length === 0) return
    if (named === KEY.right || named === KEY.space) onChange(options[(index + 1) % options.length].value)
    else if (named === KEY.left) onChange(options[(index + options.length - 1) % options.length].value)
  }, focused)
  const current = options[index]
  return (
    <Box flexDirection="column">
      <Box>
        <FieldLabel label={label} focused={focused} />
        {current ? (
          <Text inverse={focused}>{`‹ ${current.label} ›`}</Text>
        ) : (
          <Text dimColor>{emptyText ?? 'none'}</Text>
        )}
        {focused && options.length > 1 ? <Text dimColor>{`  ${index + 1}/${options.length} ←→`}</Text> : null}
      </Box>
    </Box>
  )
}
