import { Text, Transform } from 'ink'
import type { ReactNode } from 'react'
import { dropWrapSpace } from './Para.js'
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

/** Text in a tone's colour (no colour under `NO_COLOR`); wrapped, it is one paragraph (see Para). */
export function Tone({ tone, bold, inverse, wrap, children }: ToneProps) {
  const theme = useTheme()
  const text = (
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
  // A wrapped line starts at the left edge, as in a Para.
  return wrap === 'truncate-end' ? text : <Transform transform={dropWrapSpace}>{text}</Transform>
}
