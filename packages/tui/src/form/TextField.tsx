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

/** A labelled one-line text input; `›` marks the focused field. */
export function TextField({ label, focused, defaultValue, placeholder, masked, onChange }: TextFieldProps) {
  const [value, setValue] = useState(defaultValue ?? '')
  return (
    <Box>
      <Text bold={focused}>{fitText(`${focused ? '›' : ' '} ${label}`, LABEL_WIDTH)}</Text>
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
