import { type MutableRefObject, useEffect, useRef } from 'react'
import type { TabId } from '../commands.js'
import { type CommandHandlers, useDeck, useShell } from '../context.js'
import type { ViewProps } from '../views/view-props.js'

/** Turns an action on the selected row into a command handler. */
export type WithSelection<T> = (action: (item: T) => void) => () => void

/** The props a list tab hands its `ListView` unchanged: spread them, then add the tab's own. */
export interface ListTabProps<T> {
  readonly tab: TabId
  readonly width: number
  readonly height: number
  readonly active: boolean
  readonly loading: boolean
  readonly reveal: ViewProps['reveal']
  readonly selectionRef: MutableRefObject<T | undefined>
}

/**
 * The wiring the list tabs share: a ref the `ListView` keeps on the selected row, and the tab's
 * commands registered with the shell (again whenever the deck or the shell change). `commands`
 * gets `withSelection`, which runs an action on the selected row or, when there is none, tells
 * the user `emptyNotice`.
 */
export function useListTab<T>(
  view: ViewProps,
  tab: TabId,
  emptyNotice: string,
  commands: (withSelection: WithSelection<T>) => CommandHandlers,
): ListTabProps<T> {
  const deck = useDeck()
  const shell = useShell()
  const selection = useRef<T | undefined>(undefined)
  // The commands close over the deck and the shell: they are registered again when those change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  useEffect(() => {
    const withSelection: WithSelection<T> = (action) => () =>
      selection.current ? action(selection.current) : shell.warn(emptyNotice)
    shell.registerCommands(tab, commands(withSelection))
  }, [deck, shell])
  const { width, height, active, loading, reveal } = view
  return { tab, width, height, active, loading, reveal, selectionRef: selection }
}
