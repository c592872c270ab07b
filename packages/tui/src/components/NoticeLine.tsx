import { Text } from 'ink'
import type { Notice } from '../context.js'
import { MARK } from '../theme.js'
import { Tone } from './Tone.js'

/** The message line: an error (with how to dismiss it) or a note. */
export function NoticeLine({ notice }: { readonly notice: Notice }) {
  if (notice.kind === 'error') {
    return (
      <Text wrap="wrap">
        <Tone tone="danger" bold>
          {MARK.failed} Error:{' '}
        </Tone>
        {notice.text} <Text dimColor>(Esc to dismiss)</Text>
      </Text>
    )
  }
  return (
    <Text wrap="truncate-end">
      <Tone tone="ok">{MARK.ok} </Tone>
      {notice.text}
    </Text>
  )
}
