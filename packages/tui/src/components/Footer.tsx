import { Box, Text } from 'ink'
import { TABS, tabCommandsOf, type TabId } from '../commands.js'
import { textWidth } from '../windowing.js'

/** Props of {@link Footer}. */
export interface FooterProps {
  readonly tab: TabId
  /** What has the keyboard: the tab's list, or a layer above it. */
  readonly layer: 'view' | 'dialog' | 'overlay' | 'error'
  /** The terminal's width. */
  readonly width: number
}

/** Keys that work in every list, after the tab's own. */
const TABLE_KEYS = ['⏎ details', '/ filter', 's sort']
/** Always shown at the right end, so they survive any width. */
const ALWAYS = '? help  : cmds  q quit'
const GAP = '  '

/** The keys of what has the keyboard now, most specific first. */
export function footerKeys(tab: TabId, layer: FooterProps['layer']): string[] {
  if (layer === 'error') return ['Esc/⏎ dismiss the message']
  if (layer === 'dialog') return ['Esc close (the dialog lists its other keys)']
  if (layer === 'overlay') return ['Esc close']
  // Commands without a key of their own (the menu's actions) are in the palette and help only.
  const own = tabCommandsOf(tab)
    .filter((c) => c.key !== undefined)
    .map((c) => `${c.keyLabel ?? c.key} ${c.footer ?? c.title.split(' ')[0].toLowerCase()}`)
  return [...own, ...TABLE_KEYS, `1-${TABS.length} tabs`]
}

/** As many whole entries as fit in `width` (never half a word); `?` help lists the rest. */
function fitEntries(entries: readonly string[], width: number): string {
  let line = ''
  for (const entry of entries) {
    const next = line ? `${line}${GAP}${entry}` : entry
    if (textWidth(next) > width) break
    line = next
  }
  return line
}

/** The bottom line: the keys of the current view, with help, palette and quit always at the right. */
export function Footer({ tab, layer, width }: FooterProps) {
  const room = layer === 'view' ? width - textWidth(ALWAYS) - GAP.length : width
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text dimColor wrap="truncate-end">
          {fitEntries(footerKeys(tab, layer), room)}
        </Text>
      </Box>
      {layer === 'view' ? (
        <Box flexShrink={0} marginLeft={2}>
          <Text bold>{ALWAYS}</Text>
        </Box>
      ) : null}
    </Box>
  )
}
