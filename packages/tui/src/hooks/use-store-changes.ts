import { type CertDeck, CertDeckError } from '@certdeck/core'
import { useEffect } from 'react'

/** Changes heard within this window cause one reload. */
const COALESCE_MS = 200

/**
 * Reloads when the store tells of a commit by another process (an admin, the scheduler, a
 * script), so the screen follows within a second without a key press; a store without that
 * capability (the data dir's files) changes nothing. A lost connection is reported through
 * `onError`, and the data is reloaded once it is back (told through `onReconnected`).
 */
export function useStoreChanges(
  deck: CertDeck,
  reload: () => void,
  onError: (error: unknown) => void,
  onReconnected?: () => void,
): void {
  useEffect(() => {
    if (!deck.onStoreChange) return
    let timer: NodeJS.Timeout | undefined
    const unsubscribe = deck.onStoreChange((event) => {
      if (event.kind === 'disconnected') {
        onError(new CertDeckError('STORE_DISCONNECTED', `${event.message} Reconnecting…`, { kind: 'failure' }))
        return
      }
      // The outage notice is replaced: the connection is back and the lists are read again.
      if (event.kind === 'reconnected') onReconnected?.()
      timer ??= setTimeout(() => {
        timer = undefined
        reload()
      }, COALESCE_MS)
    })
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [deck, reload, onError, onReconnected])
}
