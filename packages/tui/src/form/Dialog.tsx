import { terminalSafe } from '@certdeck/core'
import { Box, Text } from 'ink'
import type { ReactNode } from 'react'

/** Props of {@link Dialog}. */
export interface DialogProps {
  readonly title: string
  /** The dialog's keys, shown on its last line. */
  readonly keys: string
  readonly children?: ReactNode
}

/** The frame of every dialog: a bordered box with a title and its keys at the bottom. */
export function Dialog({ title, keys, children }: DialogProps) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} flexGrow={1}>
      <Text bold>{terminalSafe(title)}</Text>
      <Box flexDirection="column" flexGrow={1}>
        {children}
      </Box>
      <Text dimColor wrap="truncate-end">
        {keys}
      </Text>
    </Box>
  )
}
