import type { CertDeck } from '@certdeck/core'
import { Box, Text, useApp } from 'ink'
import { useState } from 'react'
import { TextInput } from '../form/TextInput.js'
import { errorText } from '../format.js'
import { useKeys } from '../hooks/key-router.js'
import { useTerminalSize } from '../hooks/use-terminal-size.js'
import { KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'
import { Busy } from './Busy.js'
import { Tone } from './Tone.js'

/** Opens the repository with the master passphrase; rejects with a clear error when it is wrong. */
export type OpenDeck = (passphrase: string) => Promise<CertDeck>

/** Props of {@link PassphrasePrompt}. */
export interface PassphrasePromptProps {
  readonly title: string
  readonly open: OpenDeck
  readonly onOpen: (deck: CertDeck) => void
  readonly onQuit?: () => void
}

/** The locked screen: a masked passphrase field; a wrong passphrase says so and asks again. */
export function PassphrasePrompt({ title, open, onOpen, onQuit }: PassphrasePromptProps) {
  const { exit } = useApp()
  const { columns, rows } = useTerminalSize()
  const [passphrase, setPassphrase] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)

  const submit = () => {
    setBusy(true)
    setError(undefined)
    open(passphrase).then(onOpen, (e: unknown) => {
      setError(errorText(e))
      setPassphrase('')
      setBusy(false)
    })
  }

  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape) {
      onQuit?.()
      exit()
    } else if (named === KEY.enter) submit()
  }, !busy)

  return (
    <Box
      flexDirection="column"
      width={columns}
      height={Math.max(1, rows - 1)}
      alignItems="center"
      justifyContent="center"
    >
      <Box flexDirection="column" borderStyle="round" paddingX={2} paddingY={1} width={Math.min(72, columns)}>
        <Text bold>{title} is locked</Text>
        <Text>Type the master passphrase of the repository.</Text>
        <Box marginTop={1}>
          <Text bold>Passphrase: </Text>
          {busy ? (
            <Busy label="Unlocking…" />
          ) : (
            <TextInput focused masked value={passphrase} onChange={setPassphrase} />
          )}
        </Box>
        {error ? (
          <Text wrap="wrap">
            <Tone tone="danger">{MARK.failed} </Tone>
            {error}
          </Text>
        ) : null}
        <Box marginTop={1}>
          <Text dimColor>⏎ unlock · Esc quit</Text>
        </Box>
      </Box>
    </Box>
  )
}
