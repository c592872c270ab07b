import { Box, Text, useApp } from 'ink'
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import { TABS, commandForKey, type CommandSpec, type TabId } from '../commands.js'
import {
  DialogActiveContext,
  ShellContext,
  useDeck,
  type CommandHandlers,
  type Notice,
  type Reveal,
  type ShellApi,
} from '../context.js'
import { errorText } from '../format.js'
import { useDeckData } from '../hooks/use-deck-data.js'
import { useKeys } from '../hooks/key-router.js'
import { useTerminalSize } from '../hooks/use-terminal-size.js'
import { KEY, keyName } from '../keys.js'
import { CommandPalette } from './CommandPalette.js'
import { Footer } from './Footer.js'
import { Header } from './Header.js'
import { HelpOverlay } from './HelpOverlay.js'
import { NoticeLine, noticeHeight } from './NoticeLine.js'
import { TabViews } from './TabViews.js'

/** The smallest terminal the layout is made for. */
export const MIN_COLUMNS = 80
/** The smallest terminal the layout is made for. */
export const MIN_ROWS = 24

/** Props of {@link Shell}. */
export interface ShellProps {
  readonly title: string
  /** Called once when the user quits, before the app exits. */
  readonly onQuit?: () => void
}

/**
 * The full-screen frame: header with tabs, the current tab's view (all views stay mounted so
 * each keeps its selection and filter), a message line, and the footer with the current keys.
 * Owns dialogs, overlays, notices and the global keys.
 */
export function Shell({ title, onQuit }: ShellProps) {
  const deck = useDeck()
  const { exit } = useApp()
  const { columns, rows } = useTerminalSize()
  const [tab, setTab] = useState<TabId>('certificates')
  const [dialog, setDialog] = useState<ReactNode>(null)
  const [overlay, setOverlay] = useState<'help' | 'palette' | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [chosenCredential, setActiveCredential] = useState<string | undefined>(undefined)
  const [reveal, setReveal] = useState<{ tab: TabId } & Reveal>()
  const handlers = useRef(new Map<TabId, Record<string, () => void>>())

  const fail = useCallback((error: unknown) => setNotice({ kind: 'error', text: errorText(error) }), [])
  const reconnected = useCallback(
    () => setNotice({ kind: 'info', text: 'Connected to the repository again; the lists were read again.' }),
    [],
  )
  const { data, loading, refresh } = useDeckData(deck, fail, reconnected)
  const activeCredential =
    chosenCredential ?? data.credentials.find((c) => c.isDefault)?.name ?? data.credentials[0]?.name

  const shell = useMemo<ShellApi>(
    () => ({
      // A notice belongs to what the user did before: it must not stay under the next dialog.
      openDialog: (node) => {
        setNotice(null)
        setDialog(node)
      },
      closeDialog: () => setDialog(null),
      notify: (text) => setNotice({ kind: 'info', text }),
      warn: (text) => setNotice({ kind: 'warning', text }),
      progress: (text) => setNotice({ kind: 'progress', text }),
      fail,
      refresh,
      activeCredential,
      setActiveCredential,
      show: (to, id) => {
        setTab(to)
        if (id !== undefined) setReveal((r) => ({ tab: to, id, seq: (r?.seq ?? 0) + 1 }))
      },
      registerCommands: (t: TabId, h: CommandHandlers) => {
        handlers.current.set(t, { ...handlers.current.get(t), ...h })
      },
    }),
    [fail, refresh, activeCredential],
  )

  const quit = useCallback(() => {
    onQuit?.()
    exit()
  }, [exit, onQuit])

  const run = useCallback(
    (command: CommandSpec) => {
      const index = TABS.findIndex((t) => t.id === tab)
      const target = command.scope === 'global' || command.scope === 'table' ? tab : command.scope
      if (command.id.startsWith('tab.')) {
        const to =
          command.id === 'tab.prev'
            ? TABS[(index + TABS.length - 1) % TABS.length].id
            : command.id === 'tab.next'
              ? TABS[(index + 1) % TABS.length].id
              : (command.id.slice(4) as TabId)
        setTab(to)
      } else if (command.id === 'app.quit') quit()
      else if (command.id === 'app.help') setOverlay('help')
      else if (command.id === 'app.palette') setOverlay('palette')
      else if (command.id === 'app.refresh') {
        refresh()
        setNotice({ kind: 'info', text: 'Reloaded.' })
      } else {
        setTab(target)
        const handler = handlers.current.get(target)?.[command.id]
        if (handler) handler()
        else setNotice({ kind: 'warning', text: `${command.title}: not available here.` })
      }
    },
    [tab, quit, refresh],
  )

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS
  const blockingError = notice?.kind === 'error'
  const viewHasKeys = !tooSmall && !dialog && !overlay && !blockingError

  // Global shortcuts stand aside while a text field (a filter, a form field) has the keyboard.
  useKeys(
    (input) => {
      if (notice) setNotice(null)
      const command = commandForKey(tab, input)
      if (command) run(command)
    },
    viewHasKeys,
    { yieldsToText: true },
  )

  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape || named === KEY.enter) setNotice(null)
  }, blockingError && !tooSmall)

  useKeys((input) => {
    if (input === 'q') quit()
  }, tooSmall)

  if (tooSmall) {
    return (
      <Box flexDirection="column" width={columns}>
        <Text wrap="wrap">
          CertDeck needs a terminal of at least {MIN_COLUMNS}×{MIN_ROWS}; this one is {columns}×{rows}. Enlarge the
          window (it redraws at once) or press q to quit.
        </Text>
      </Box>
    )
  }

  // One row is left free below the frame: a frame as tall as the terminal would scroll it.
  const height = rows - 1
  const noticeRows = notice ? noticeHeight(notice, columns, rows) : 0
  const bodyHeight = height - 3 - noticeRows
  const layer = blockingError ? 'error' : dialog ? 'dialog' : overlay ? 'overlay' : 'view'

  return (
    <ShellContext.Provider value={shell}>
      <Box flexDirection="column" width={columns} height={height}>
        <Header title={title} credential={activeCredential} data={data} tab={tab} />
        <Box height={bodyHeight} flexDirection="column">
          {overlay === 'help' ? (
            <HelpOverlay tab={tab} width={columns} height={bodyHeight} onClose={() => setOverlay(null)} />
          ) : null}
          {overlay === 'palette' ? (
            <CommandPalette
              tab={tab}
              width={columns}
              height={bodyHeight}
              onClose={() => setOverlay(null)}
              onRun={(command) => {
                setOverlay(null)
                run(command)
              }}
            />
          ) : null}
          {dialog && !overlay ? (
            <Box flexDirection="column" height={bodyHeight} width={columns}>
              <DialogActiveContext.Provider value={!blockingError}>{dialog}</DialogActiveContext.Provider>
            </Box>
          ) : null}
          <TabViews
            tab={tab}
            hidden={Boolean(dialog || overlay)}
            active={viewHasKeys}
            data={data}
            loading={loading}
            reveal={reveal}
            width={columns}
            height={bodyHeight}
          />
        </Box>
        {notice ? (
          <Box height={noticeRows} flexDirection="column" overflow="hidden">
            <NoticeLine notice={notice} width={columns} />
          </Box>
        ) : null}
        <Footer tab={tab} layer={layer} width={columns} />
      </Box>
    </ShellContext.Provider>
  )
}
