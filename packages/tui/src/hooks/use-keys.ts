import { useInput, useStdin, type Key } from 'ink'

/**
 * `useInput` that listens only while `active` and only when the input can be put in raw mode
 * (Ink throws otherwise, e.g. with piped stdin).
 */
export function useKeys(handler: (input: string, key: Key) => void, active: boolean): void {
  const { isRawModeSupported } = useStdin()
  useInput(handler, { isActive: active && isRawModeSupported === true })
}
