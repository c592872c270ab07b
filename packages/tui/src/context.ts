import type { CertDeck } from '@certdeck/core'
import { createContext, useContext, type ReactNode } from 'react'
import type { TabId } from './commands.js'

/** The facade every view talks to; {@link App} provides it once the vault is open. */
export const DeckContext = createContext<CertDeck | undefined>(undefined)

/** The open CertDeck facade. */
export function useDeck(): CertDeck {
  const deck = useContext(DeckContext)
  if (!deck) throw new Error('useDeck() outside <DeckContext.Provider>')
  return deck
}

/** The time source of expiry figures (fixed in tests). */
export const ClockContext = createContext<() => Date>(() => new Date())

/** Now, from the clock context. */
export function useNow(): () => Date {
  return useContext(ClockContext)
}

/**
 * A message under the body: an error (blocks until dismissed) or a note (gone at the next key).
 * Each kind has its own mark and colour: `info` (✓) is for what succeeded only; `warning` (!)
 * for a refusal or nothing to do; `progress` (…) for work under way.
 */
export interface Notice {
  readonly kind: 'error' | 'warning' | 'progress' | 'info'
  readonly text: string
}

/** Handlers a view offers for the commands of its scope (and the table commands). */
export type CommandHandlers = Readonly<Record<string, () => void>>

/** What the shell offers to the views and dialogs inside it. */
export interface ShellApi {
  /** Shows `node` as a modal dialog in place of the view (views keep their state underneath); clears the notice. */
  openDialog(node: ReactNode): void
  closeDialog(): void
  /** A note that something succeeded (✓); it goes away at the next key. */
  notify(text: string): void
  /** A refusal or a warning (!): what was not done and what to do instead; gone at the next key. */
  warn(text: string): void
  /** Work under way (…), e.g. "Testing prod…"; gone at the next key or replaced by the outcome. */
  progress(text: string): void
  /** A blocking error message, dismissed with Esc or ⏎. */
  fail(error: unknown): void
  /** Reloads every list from the facade. */
  refresh(): void
  /** The credential dialogs preselect (the first one until the user picks another). */
  readonly activeCredential: string | undefined
  setActiveCredential(name: string): void
  /** Shows `tab`, with the row of id `id` selected when given (e.g. the request of a certificate). */
  show(tab: TabId, id?: string): void
  /** Registers the handlers of a tab's commands (merged with earlier ones of that tab). */
  registerCommands(tab: TabId, handlers: CommandHandlers): void
}

/** The shell context; {@link Shell} provides it. */
export const ShellContext = createContext<ShellApi | undefined>(undefined)

/** The shell API. */
export function useShell(): ShellApi {
  const shell = useContext(ShellContext)
  if (!shell) throw new Error('useShell() outside <Shell>')
  return shell
}

/** A row a view is asked to select: `seq` grows with each ask, so asking twice for one id works. */
export interface Reveal {
  readonly id: string
  readonly seq: number
}

/** How often the Requests tab checks unfinished requests with ACM, in milliseconds. */
export const RequestPollContext = createContext(15_000)

/** False while a blocking message sits above the open dialog: the dialog must not take keys. */
export const DialogActiveContext = createContext(true)

/** Whether the open dialog has the keyboard. */
export function useDialogActive(): boolean {
  return useContext(DialogActiveContext)
}

/** How often unfinished requests are checked in the background, in milliseconds. */
export function useRequestPoll(): number {
  return useContext(RequestPollContext)
}
