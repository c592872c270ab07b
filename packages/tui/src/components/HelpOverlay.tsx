import { Box, Text } from 'ink'
import { COMMANDS, NAVIGATION_HELP, TABS, tabCommandsOf, type TabId } from '../commands.js'
import { useKeys } from '../hooks/key-router.js'
import { CHAR, KEY, keyName } from '../keys.js'
import { fitText } from '../windowing.js'

/** Props of {@link HelpOverlay}. */
export interface HelpOverlayProps {
  readonly tab: TabId
  readonly width: number
  readonly height: number
  readonly onClose: () => void
}

const KEY_WIDTH = 12

/** Every key of the current view, then the table keys, then the keys that work anywhere. */
export function HelpOverlay({ tab, width, height, onClose }: HelpOverlayProps) {
  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape || named === KEY.enter || input === CHAR.help || input === CHAR.quit) onClose()
  }, true)
  const title = TABS.find((t) => t.id === tab)!.title
  const own = tabCommandsOf(tab)
  const table = COMMANDS.filter((c) => c.scope === 'table')
  const global = COMMANDS.filter((c) => c.scope === 'global' && !c.id.startsWith('tab.'))
  const lines: { keys: string; help: string }[] = [
    ...own.map((c) => ({ keys: c.keyLabel ?? c.key ?? '', help: `${c.title} — ${c.help}` })),
    ...NAVIGATION_HELP,
    ...table.map((c) => ({ keys: c.keyLabel ?? c.key ?? '', help: `${c.title} — ${c.help}` })),
    { keys: '1-6 [ ]', help: 'Switch tabs' },
    ...global.map((c) => ({ keys: c.key ?? '', help: c.title })),
  ]
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
      <Text bold>Help — {title}</Text>
      {lines.slice(0, Math.max(0, height - 4)).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          <Text bold>{fitText(line.keys, KEY_WIDTH)}</Text>
          {line.help}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor>Esc close · : runs any command by name</Text>
    </Box>
  )
}
