import { Box, Text } from 'ink'
import { useState } from 'react'
import { useKeys } from '../hooks/key-router.js'
import { CHAR, KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'
import { Grid, gridColumns } from './Grid.js'

/** Props of {@link RegionPicker}. */
export interface RegionPickerProps {
  readonly regions: readonly string[]
  readonly selected: ReadonlySet<string>
  readonly onChange: (selected: ReadonlySet<string>) => void
  readonly focused: boolean
  readonly width: number
}

// `[x] ap-southeast-1` and a gap: four to a line in an 80-column dialog, so all 34 ACM regions
// and the options below them fit in 24 rows.
const CELL_WIDTH = 19

/** Region checkboxes in a grid: arrows move, Space toggles, `a` all, `n` none. */
export function RegionPicker({ regions, selected, onChange, focused, width }: RegionPickerProps) {
  const [cursor, setCursor] = useState(0)
  const perLine = gridColumns(CELL_WIDTH, width)
  useKeys((input, key) => {
    const named = keyName(input, key)
    const last = regions.length - 1
    if (named === KEY.left) setCursor(Math.max(0, cursor - 1))
    else if (named === KEY.right) setCursor(Math.min(last, cursor + 1))
    else if (named === KEY.up) setCursor(Math.max(0, cursor - perLine))
    else if (named === KEY.down) setCursor(Math.min(last, cursor + perLine))
    else if (named === KEY.space) {
      const region = regions[cursor]
      const next = new Set(selected)
      if (next.has(region)) next.delete(region)
      else next.add(region)
      onChange(next)
    } else if (input === CHAR.all) onChange(new Set(regions))
    else if (input === CHAR.none) onChange(new Set())
  }, focused)
  return (
    <Box flexDirection="column">
      <Text bold={focused}>
        {focused ? '› ' : '  '}Regions ({selected.size} of {regions.length})
        {focused ? (
          <Text dimColor bold={false}>
            {' '}
            arrows move · Space toggle · a all · n none
          </Text>
        ) : null}
      </Text>
      <Grid
        cells={regions.map((r) => ({ key: r, text: `${selected.has(r) ? MARK.checked : MARK.unchecked} ${r}` }))}
        cellWidth={CELL_WIDTH}
        width={width}
        cursor={focused ? cursor : undefined}
      />
    </Box>
  )
}
