import type { CertDeck, CertificateRequest } from '@certdeck/core'
import { useEffect, useRef } from 'react'
import { isUnfinished } from '../views/request-table.js'

/**
 * While any request is unfinished, asks ACM every `intervalMs` where they stand
 * (`requests.refresh()`), then calls `onChecked`. One check at a time: a tick that finds the last
 * one still running is skipped. Stops (and aborts a running check) when none is unfinished any
 * more or on unmount.
 */
export function useRequestPolling(
  deck: CertDeck,
  requests: readonly CertificateRequest[],
  intervalMs: number,
  onChecked: () => void,
  onError: (error: unknown) => void,
): void {
  const callbacks = useRef({ onChecked, onError })
  callbacks.current = { onChecked, onError }
  const waiting = requests.some(isUnfinished)
  useEffect(() => {
    if (!waiting || intervalMs <= 0) return
    const controller = new AbortController()
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      deck.requests
        .refresh(undefined, { signal: controller.signal })
        .then(
          () => !controller.signal.aborted && callbacks.current.onChecked(),
          (error: unknown) => !controller.signal.aborted && callbacks.current.onError(error),
        )
        .finally(() => {
          running = false
        })
    }, intervalMs)
    return () => {
      clearInterval(timer)
      controller.abort()
    }
  }, [deck, waiting, intervalMs])
}
