import { Box, Text } from 'ink'
import { useState } from 'react'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'
import { fitText } from '../windowing.js'
import { TextInput } from './TextInput.js'
import { FieldLabel, LABEL_WIDTH } from './TextField.js'

/** Props of {@link NameLines}. */
export interface NameLinesProps {
  readonly label: string
  /** The lines, at least one (an empty one to type into). */
  readonly names: readonly string[]
  readonly onChange: (names: string[]) => void
  readonly focused: boolean
  readonly placeholder?: string
}

/** Lines shown at once; the rest scroll with the cursor. */
const SHOWN = 3

/**
 * A list of names, one per line: ↓ on the last line adds a line (when it is not empty), ↑↓ move,
 * Backspace on an empty line removes it. Empty lines count for nothing.
 */
export function NameLines({ label, names, onChange, focused, placeholder }: NameLinesProps) {
  const [line, setLine] = useState(0)
  const current = Math.min(line, names.length - 1)
  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.down) {
      if (current < names.length - 1) setLine(current + 1)
      else if (names[current].trim()) {
        onChange([...names, ''])
        setLine(current + 1)
      }
    } else if (named === KEY.up) setLine(Math.max(0, current - 1))
    else if (named === KEY.backspace && names[current] === '' && names.length > 1) {
      onChange(names.filter((_, i) => i !== current))
      setLine(Math.max(0, current - 1))
    }
  }, focused)
  const top = Math.max(0, Math.min(current - SHOWN + 1, names.length - SHOWN))
  const shown = names.slice(top, top + SHOWN)
  const hidden = names.length - shown.length
  return (
    <Box flexDirection="column">
      {shown.map((name, i) => {
        const index = top + i
        const lineFocused = focused && index === current
        return (
          <Box key={index}>
            <FieldLabel label={i === 0 ? label : ''} focused={focused} />
            <TextInput
              focused={lineFocused}
              value={name}
              placeholder={index === 0 ? placeholder : ''}
              onChange={(next) => onChange(names.map((n, j) => (j === index ? next : n)))}
            />
            {lineFocused ? (
              <Text dimColor>
                {`  ↓ ${index === names.length - 1 ? 'add' : 'next'} ` +
                  `line${names.length > 1 ? ' · ⌫ on empty removes' : ''}`}
              </Text>
            ) : null}
          </Box>
        )
      })}
      {hidden > 0 ? (
        <Text dimColor>
          {fitText('', LABEL_WIDTH)}
          {`(${names.length} names: ↑↓ scroll)`}
        </Text>
      ) : null}
    </Box>
  )
}

/** The non-empty names of the lines, trimmed. */
export function namesOf(lines: readonly string[]): string[] {
  return lines.map((n) => n.trim()).filter(Boolean)
}
