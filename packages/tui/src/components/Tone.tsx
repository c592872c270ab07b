import { Text } from 'ink'
import type { ReactNode } from 'react'
import { toneColor, useTheme, type Tone as ToneName } from '../theme.js'

/** Props of {@link Tone}. */
export interface ToneProps {
  readonly tone: ToneName
  readonly bold?: boolean
  readonly inverse?: boolean
  /** @default 'wrap' */
  readonly wrap?: 'wrap' | 'truncate-end'
  readonly children?: ReactNode
}

/** Text in a tone's colour (no colour under `NO_COLOR`). */
export function Tone({ tone, bold, inverse, wrap, children }: ToneProps) {
  const theme = useTheme()
  return (
    <Text
      color={toneColor(tone, theme)}
      bold={bold}
      inverse={inverse}
      wrap={wrap}
      dimColor={tone === 'muted' && theme.noColor}
    >
      {children}
    </Text>
  )
}
