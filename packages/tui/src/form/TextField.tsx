import { Box, Text } from 'ink'
import { useState } from 'react'
import { fitText } from '../windowing.js'
import { TextInput } from './TextInput.js'

/** Props of {@link TextField}. */
export interface TextFieldProps {
  readonly label: string
  readonly focused: boolean
  readonly defaultValue?: string
  readonly placeholder?: string
  /** Shows `*` for each character (passphrases). */
  readonly masked?: boolean
  readonly onChange: (value: string) => void
}

/** Width of the label column of every form. */
export const LABEL_WIDTH = 22

/**
 * The label column of a form line, `›` marking the focused field; it keeps its width when the
 * value beside it is too wide, so the value wraps under itself.
 */
export function FieldLabel({ label, focused }: { readonly label: string; readonly focused: boolean }) {
  return (
    <Box flexShrink={0}>
      <Text bold={focused}>{fitText(label && `${focused ? '›' : ' '} ${label}`, LABEL_WIDTH)}</Text>
    </Box>
  )
}

/** A labelled one-line text input; `›` marks the focused field. */
export function TextField({ label, focused, defaultValue, placeholder, masked, onChange }: TextFieldProps) {
  const [value, setValue] = useState(defaultValue ?? '')
  return (
    <Box>
      <FieldLabel label={label} focused={focused} />
      <TextInput
        focused={focused}
        masked={masked}
        value={value}
        placeholder={placeholder}
        onChange={(next) => {
          setValue(next)
          onChange(next)
        }}
      />
    </Box>
  )
}
