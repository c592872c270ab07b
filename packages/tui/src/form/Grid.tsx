import { Box, Text } from 'ink'
import { Tone } from '../components/Tone.js'
import type { Tone as ToneName } from '../theme.js'
import { fitText } from '../windowing.js'

/** One cell of a {@link Grid}. */
export interface GridCell {
  readonly key: string
  readonly text: string
  readonly tone?: ToneName
}

/** Props of {@link Grid}. */
export interface GridProps {
  readonly cells: readonly GridCell[]
  readonly cellWidth: number
  readonly width: number
  /** Index drawn in inverse video (a cursor), if any. */
  readonly cursor?: number
}

/** How many cells of `cellWidth` fit on a line of `width`. */
export function gridColumns(cellWidth: number, width: number): number {
  return Math.max(1, Math.floor(width / cellWidth))
}

/** Cells laid out in columns, row by row. */
export function Grid({ cells, cellWidth, width, cursor }: GridProps) {
  const perLine = gridColumns(cellWidth, width)
  const lines: GridCell[][] = []
  for (let i = 0; i < cells.length; i += perLine) lines.push(cells.slice(i, i + perLine))
  return (
    <Box flexDirection="column">
      {lines.map((line, l) => (
        <Text key={l} wrap="truncate-end">
          {line.map((cell, c) => (
            <Text key={cell.key} inverse={cursor === l * perLine + c}>
              <Tone tone={cell.tone ?? 'plain'}>{fitText(cell.text, cellWidth - 1)}</Tone>{' '}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  )
}
