import { Text } from 'ink'
import { useRef, useState } from 'react'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'

/** Props of {@link TextInput}. */
export interface TextInputProps {
  readonly value: string
  readonly onChange: (value: string) => void
  /** Takes keys and shows the cursor while true. */
  readonly focused: boolean
  /** Shows `*` for each character (passphrases). */
  readonly masked?: boolean
  /** Dim text shown while the value is empty. */
  readonly placeholder?: string
}

const CTRL_U = '\u0015'

/**
 * A one-line text field: ←→ Home End move, Backspace deletes, Ctrl-U clears, pasted text is
 * inserted whole. ⏎, Esc, Tab and ↑↓ are left to the form around it.
 */
export function TextInput({ value, onChange, focused, masked, placeholder }: TextInputProps) {
  const [cursor, setCursor] = useState(value.length)
  // Several keys can arrive before a re-render (a paste split in events): edit the latest text.
  const latest = useRef({ value, cursor })
  latest.current = { value, cursor: Math.min(cursor, value.length) }

  useKeys(
    (input, key) => {
      const { value: text, cursor: at } = latest.current
      const named = keyName(input, key)
      const update = (next: string, nextCursor: number) => {
        latest.current = { value: next, cursor: nextCursor }
        setCursor(nextCursor)
        if (next !== text) onChange(next)
      }
      if (named === KEY.left) update(text, Math.max(0, at - 1))
      else if (named === KEY.right) update(text, Math.min(text.length, at + 1))
      else if (named === KEY.home) update(text, 0)
      else if (named === KEY.end) update(text, text.length)
      else if (named === KEY.backspace) {
        if (at > 0) update(text.slice(0, at - 1) + text.slice(at), at - 1)
      } else if (input === CTRL_U || (key.ctrl && input === 'u')) update('', 0)
      else if (named === undefined || named === KEY.space) {
        if (key.ctrl || key.meta) return
        // eslint-disable-next-line no-control-regex
        const typed = input.replace(/[\u0000-\u001F\u007F]/g, '')
        if (typed) update(text.slice(0, at) + typed + text.slice(at), at + typed.length)
      }
    },
    focused,
    { captures: true },
  )

  const shown = masked ? '*'.repeat(value.length) : value
  // A placeholder is dim and italic, so it cannot be taken for a value.
  if (!focused)
    return shown ? (
      <Text>{shown}</Text>
    ) : (
      <Text dimColor italic>
        {placeholder ?? ''}
      </Text>
    )
  const at = Math.min(cursor, shown.length)
  if (!shown && placeholder) {
    return (
      <Text>
        <Text inverse>{placeholder[0]}</Text>
        <Text dimColor italic>
          {placeholder.slice(1)}
        </Text>
      </Text>
    )
  }
  return (
    <Text>
      {shown.slice(0, at)}
      <Text inverse>{shown[at] ?? ' '}</Text>
      {shown.slice(at + 1)}
    </Text>
  )
}
