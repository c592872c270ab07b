import { Box, Text } from 'ink'
import { useState } from 'react'
import { COMMANDS, TABS, type CommandSpec, type TabId } from '../commands.js'
import { TextInput } from '../form/TextInput.js'
import { fuzzyFilter } from '../fuzzy.js'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'
import { fitText } from '../windowing.js'

/** Props of {@link CommandPalette}. */
export interface CommandPaletteProps {
  readonly tab: TabId
  readonly width: number
  readonly height: number
  readonly onRun: (command: CommandSpec) => void
  readonly onClose: () => void
}

/** The palette's text of a command: its tab (when it has one) and its title. */
export function paletteLabel(command: CommandSpec): string {
  const tab = TABS.find((t) => t.id === command.scope)
  return tab ? `${tab.title}: ${command.title}` : command.title
}

/** Every command, current tab's first; the rest follow in their list order. */
function ordered(tab: TabId): CommandSpec[] {
  return [...COMMANDS.filter((c) => c.scope === tab), ...COMMANDS.filter((c) => c.scope !== tab)]
}

/** `:` — type part of any command's name (fuzzy), ↑↓ choose, ⏎ run. */
export function CommandPalette({ tab, width, height, onRun, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('')
  const [index, setIndex] = useState(0)
  const matches = fuzzyFilter(ordered(tab), query, paletteLabel)
  const selected = Math.min(index, Math.max(0, matches.length - 1))

  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape) onClose()
    else if (named === KEY.up) setIndex(Math.max(0, selected - 1))
    else if (named === KEY.down) setIndex(Math.min(matches.length - 1, selected + 1))
    else if (named === KEY.enter && matches[selected]) onRun(matches[selected])
  }, true)

  const listHeight = Math.max(1, height - 4)
  const start = Math.max(0, Math.min(selected - listHeight + 1, matches.length - listHeight))
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
      <Box>
        <Text bold>: </Text>
        <TextInput
          focused
          value={query}
          placeholder="type a command"
          onChange={(value) => {
            setQuery(value)
            setIndex(0)
          }}
        />
      </Box>
      {matches.length === 0 ? <Text dimColor>No command matches “{query}”.</Text> : null}
      {matches.slice(Math.max(0, start), Math.max(0, start) + listHeight).map((c) => {
        const isSelected = c === matches[selected]
        const keyText = c.keyLabel ?? c.key ?? ''
        return (
          <Text key={c.id} inverse={isSelected} wrap="truncate-end">
            {isSelected ? `${MARK.selected} ` : '  '}
            {fitText(paletteLabel(c), Math.max(10, width - 12))}
            {fitText(keyText, 4, 'right')}
          </Text>
        )
      })}
    </Box>
  )
}
