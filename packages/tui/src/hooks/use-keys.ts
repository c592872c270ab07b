import { useInput, useStdin, type Key } from 'ink'
import { useCallback, useRef } from 'react'

/**
 * `useInput` that listens only while `active` and only when the input can be put in raw mode
 * (Ink throws otherwise, e.g. with piped stdin). The handler and `active` are read from the
 * latest render, so a key that arrives before React's effects have run never meets a stale
 * closure (or a layer that has just been closed).
 */
export function useKeys(handler: (input: string, key: Key) => void, active: boolean): void {
  const { isRawModeSupported } = useStdin()
  const latest = useRef({ handler, active })
  latest.current = { handler, active }
  const stable = useCallback((input: string, key: Key) => {
    if (latest.current.active) latest.current.handler(input, key)
  }, [])
  useInput(stable, { isActive: active && isRawModeSupported === true })
}
