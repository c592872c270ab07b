import type { Reveal } from '../context.js'
import type { DeckData } from '../hooks/use-deck-data.js'

/** What the shell hands each tab's view. */
export interface ViewProps {
  readonly data: DeckData
  readonly loading: boolean
  /** A row to select (and scroll to), asked for by another tab. */
  readonly reveal?: Reveal
  readonly width: number
  readonly height: number
  /** True when the view is shown and nothing above it has the keyboard. */
  readonly active: boolean
}
