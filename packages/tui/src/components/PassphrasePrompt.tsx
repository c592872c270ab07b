import { PasswordInput } from '@inkjs/ui'
import type { CertDeck } from '@certdeck/core'
import { Box, Text, useApp } from 'ink'
import { useState } from 'react'
import { errorText } from '../format.js'
import { useKeys } from '../hooks/use-keys.js'
import { useTerminalSize } from '../hooks/use-terminal-size.js'
import { KEY, keyName } from '../keys.js'
import { MARK } from '../theme.js'
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
  const [attempt, setAttempt] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)

  useKeys((input, key) => {
    if (keyName(input, key) === KEY.escape) {
      onQuit?.()
      exit()
    }
  }, !busy)

  const submit = (passphrase: string) => {
    if (busy) return
    setBusy(true)
    setError(undefined)
    open(passphrase).then(onOpen, (e: unknown) => {
      setError(errorText(e))
      setAttempt((a) => a + 1)
      setBusy(false)
    })
  }

  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)} alignItems="center" justifyContent="center">
      <Box flexDirection="column" borderStyle="round" paddingX={2} paddingY={1} width={Math.min(72, columns)}>
        <Text bold>{title} is locked</Text>
        <Text>Type the master passphrase of the repository.</Text>
        <Box marginTop={1}>
          <Text bold>Passphrase: </Text>
          {busy ? <Text>Unlocking…</Text> : <PasswordInput key={attempt} onSubmit={submit} />}
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
