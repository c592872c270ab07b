import { Box } from 'ink'
import { describe, expect, it } from 'vitest'
import { Para } from '../src/components/Para.js'
import { Tone } from '../src/components/Tone.js'
import { renderTui } from './helpers/render.js'

describe('Para', () => {
  it('starts every wrapped line at the left edge, also when a word ends exactly at the edge', async () => {
    // 'aaaa bbbb cccc dddd' is 19 cells: the break falls on the space right after the edge.
    const app = await renderTui(
      <Box width={19} flexDirection="column">
        <Para>aaaa bbbb cccc dddd eeee ffff</Para>
        <Para dimColor>aaaa bbbb cccc dddd eeee</Para>
      </Box>,
    )
    expect(app.lines()).toEqual(['aaaa bbbb cccc dddd', 'eeee ffff', 'aaaa bbbb cccc dddd', 'eeee'])
  })

  it('keeps a tone’s text at the left edge when it wraps', async () => {
    const app = await renderTui(
      <Box width={19} flexDirection="column">
        <Tone tone="warn">aaaa bbbb cccc dddd eeee</Tone>
      </Box>,
    )
    expect(app.lines()).toEqual(['aaaa bbbb cccc dddd', 'eeee'])
  })
})
