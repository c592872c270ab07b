import { isRevoked } from '@certdeck/core'
import { Box, Text } from 'ink'
import { TABS, type TabId } from '../commands.js'
import type { DeckData } from '../hooks/use-deck-data.js'
import { MARK } from '../theme.js'
import { Tone } from './Tone.js'

const count = (n: number) => n.toLocaleString('en-US')

/** Props of {@link Header}. */
export interface HeaderProps {
  readonly title: string
  readonly credential: string | undefined
  readonly data: DeckData
  readonly tab: TabId
}

/** The top two lines: name, active credential and counts; then the tab bar. */
export function Header({ title, credential, data, tab }: HeaderProps) {
  const drift = data.cloud.filter((c) => c.drift).length + data.deployments.filter((d) => d.drift).length
  // Revoked entries are out of the active views, the count included.
  const active = data.certificates.filter((c) => !isRevoked(c)).length
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{title}</Text>
        <Text> │ credential: </Text>
        <Text bold>{credential ?? 'none'}</Text>
        <Text>
          {' '}
          │ {count(active)} cert{active === 1 ? '' : 's'} · {count(data.cloud.length)} in AWS ·{' '}
          {count(data.deployments.length)} deployed
        </Text>
        {drift > 0 ? (
          <Tone tone="danger" bold>
            {' '}
            · {MARK.drift} {drift} drift
          </Tone>
        ) : null}
      </Text>
      <Text wrap="truncate-end">
        {TABS.map((t, i) => (
          <Text key={t.id} inverse={t.id === tab} bold={t.id === tab}>
            {` ${i + 1} ${t.title} `}
          </Text>
        ))}
      </Text>
    </Box>
  )
}
