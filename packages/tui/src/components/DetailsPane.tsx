import { terminalSafe } from '@certdeck/core'
import { Box, Text } from 'ink'
import { useMemo, useState } from 'react'
import { useKeys } from '../hooks/key-router.js'
import { motionOf } from '../keys.js'
import type { Tone as ToneName } from '../theme.js'
import { fitText, moveIndex, wrapText } from '../windowing.js'
import { Tone } from './Tone.js'

/** One line of a details view: a section title, or a label and its value. */
export type DetailLine =
  | { readonly section: string }
  | { readonly label: string; readonly value: string; readonly tone?: ToneName }

/** Props of {@link DetailsPane}. */
export interface DetailsPaneProps {
  readonly title: string
  readonly lines: readonly DetailLine[]
  readonly width: number
  readonly height: number
  readonly active: boolean
}

const LABEL_WIDTH = 18

/**
 * A scrollable list of facts (↑↓, PgUp/PgDn, g/G). A value too long for the line (an ARN, a
 * fingerprint) continues on the next lines under itself rather than being cut.
 */
export function DetailsPane({ title, lines: facts, width, height, active }: DetailsPaneProps) {
  const lines = useMemo(
    () =>
      facts.flatMap((line): DetailLine[] =>
        'section' in line
          ? [line]
          : wrapText(line.value, width - LABEL_WIDTH).map((value, i) => ({
              ...line,
              label: i === 0 ? line.label : '',
              value,
            })),
      ),
    [facts, width],
  )
  const bodyHeight = Math.max(1, height - 2)
  const [top, setTop] = useState(0)
  const maxTop = Math.max(0, lines.length - bodyHeight)
  const offset = Math.min(top, maxTop)

  useKeys((input, key) => {
    const motion = motionOf(input, key)
    if (motion) setTop(moveIndex(offset, motion, bodyHeight, maxTop + 1))
  }, active)

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {terminalSafe(title)}
      </Text>
      {lines.slice(offset, offset + bodyHeight).map((line, i) =>
        'section' in line ? (
          <Text key={i} bold underline wrap="truncate-end">
            {line.section}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            {fitText(`  ${line.label}`, LABEL_WIDTH)}
            <Tone tone={line.tone ?? 'plain'}>{line.value}</Tone>
          </Text>
        ),
      )}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate-end">
        {lines.length > bodyHeight
          ? `lines ${offset + 1}–${Math.min(lines.length, offset + bodyHeight)} of ${lines.length} · `
          : ''}
        Esc back
      </Text>
    </Box>
  )
}
