import type { CertDeck } from '@certdeck/core'
import { useMemo, useState } from 'react'
import { ClockContext, DeckContext, RequestPollContext } from '../context.js'
import { KeyRouterProvider } from '../hooks/key-router.js'
import { ThemeContext } from '../theme.js'
import { PassphrasePrompt, type OpenDeck } from './PassphrasePrompt.js'
import { Shell } from './Shell.js'

/** Props of {@link App}. */
export interface AppProps {
  /** The open facade, or a function that opens it from the master passphrase (asked for, masked). */
  readonly deck: CertDeck | OpenDeck
  /** Name in the header. @default 'CertDeck' */
  readonly title?: string
  /** Drop every colour (marks and inverse video stay). @default false */
  readonly noColor?: boolean
  /** The clock of expiry figures. @default () => new Date() */
  readonly now?: () => Date
  /** How often unfinished requests are checked with ACM in the background, in ms (0: never). @default 15000 */
  readonly requestPollMs?: number
  /** Called when the user quits, just before the app exits. */
  readonly onQuit?: () => void
}

const systemNow = () => new Date()

/** The whole TUI as one component: the passphrase screen when locked, then the shell. */
export function App({
  deck,
  title = 'CertDeck',
  noColor = false,
  now = systemNow,
  requestPollMs = 15_000,
  onQuit,
}: AppProps) {
  const [opened, setOpened] = useState<CertDeck | undefined>(typeof deck === 'function' ? undefined : deck)
  const theme = useMemo(() => ({ noColor }), [noColor])
  return (
    <ThemeContext.Provider value={theme}>
      <KeyRouterProvider>
        <ClockContext.Provider value={now}>
          <RequestPollContext.Provider value={requestPollMs}>
            {opened ? (
              <DeckContext.Provider value={opened}>
                <Shell title={title} onQuit={onQuit} />
              </DeckContext.Provider>
            ) : (
              <PassphrasePrompt title={title} open={deck as OpenDeck} onOpen={setOpened} onQuit={onQuit} />
            )}
          </RequestPollContext.Provider>
        </ClockContext.Provider>
      </KeyRouterProvider>
    </ThemeContext.Provider>
  )
}
