import { PasswordInput, TextInput } from '@inkjs/ui'
import { Box, Text } from 'ink'
import { fitText } from '../windowing.js'

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
  return (
    <Box>
      <Text bold={focused}>{fitText(`${focused ? '›' : ' '} ${label}`, LABEL_WIDTH)}</Text>
      {masked ? (
        <PasswordInput isDisabled={!focused} placeholder={placeholder} onChange={onChange} />
      ) : (
        <TextInput isDisabled={!focused} defaultValue={defaultValue} placeholder={placeholder} onChange={onChange} />
      )}
    </Box>
  )
}
