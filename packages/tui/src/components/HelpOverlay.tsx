import { Box, Text } from 'ink'
import { useState } from 'react'
import { COMMANDS, NAVIGATION_HELP, TABS, tabCommandsOf, type TabId } from '../commands.js'
import { useKeys } from '../hooks/key-router.js'
import { CHAR, KEY, keyName, motionOf } from '../keys.js'
import { fitText, moveIndex, wrapText } from '../windowing.js'

/** Props of {@link HelpOverlay}. */
export interface HelpOverlayProps {
  readonly tab: TabId
  readonly width: number
  readonly height: number
  readonly onClose: () => void
}

const KEY_WIDTH = 12
/** The border and padding around the lines. */
const FRAME_WIDTH = 4
/** Border, title and the last line. */
const FRAME_HEIGHT = 4

/**
 * Every key of the current view, then the table keys, then the keys that work anywhere. Long
 * descriptions wrap under their text; when the lines outnumber the rows, ↑↓ scroll them.
 */
export function HelpOverlay({ tab, width, height, onClose }: HelpOverlayProps) {
  const title = TABS.find((t) => t.id === tab)?.title ?? tab
  const own = tabCommandsOf(tab)
  const table = COMMANDS.filter((c) => c.scope === 'table')
  const global = COMMANDS.filter((c) => c.scope === 'global' && !c.id.startsWith('tab.'))
  const entries: { keys: string; help: string }[] = [
    ...own.map((c) => ({ keys: c.keyLabel ?? c.key ?? '', help: `${c.title} — ${c.help}` })),
    ...NAVIGATION_HELP,
    ...table.map((c) => ({ keys: c.keyLabel ?? c.key ?? '', help: `${c.title} — ${c.help}` })),
    { keys: `1-${TABS.length} [ ]`, help: 'Switch tabs' },
    ...global.map((c) => ({ keys: c.key ?? '', help: c.title })),
  ]
  const lines = entries.flatMap((entry) =>
    wrapText(entry.help, width - FRAME_WIDTH - KEY_WIDTH).map((help, i) => ({ keys: i === 0 ? entry.keys : '', help })),
  )
  const bodyHeight = Math.max(1, height - FRAME_HEIGHT)
  const [top, setTop] = useState(0)
  const maxTop = Math.max(0, lines.length - bodyHeight)
  const offset = Math.min(top, maxTop)

  useKeys((input, key) => {
    const named = keyName(input, key)
    const motion = motionOf(input, key)
    if (named === KEY.escape || named === KEY.enter || input === CHAR.help || input === CHAR.quit) onClose()
    else if (motion) setTop(moveIndex(offset, motion, bodyHeight, maxTop + 1))
  }, true)

  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
      <Text bold>Help — {title}</Text>
      {lines.slice(offset, offset + bodyHeight).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          <Text bold>{fitText(line.keys, KEY_WIDTH)}</Text>
          {line.help}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate-end">
        {lines.length > bodyHeight
          ? `lines ${offset + 1}–${offset + bodyHeight} of ${lines.length} · ↑↓ scroll · `
          : ''}
        Esc close · : runs any command by name
      </Text>
    </Box>
  )
}
