import { useEffect, useRef, useState } from 'react'
import { useShell } from '../context.js'
import { KEY, type NamedKey } from '../keys.js'

/** Where a dialog that runs one long, cancellable task stands. */
export type RunPhase = 'form' | 'running' | 'done' | 'cancelled'

/**
 * The run of a form dialog's task (discover, deploy challenge): `begin` starts it with a fresh
 * AbortController; `runKey` handles the keys once it started (Esc cancels a run; Esc or ⏎ closes
 * a finished one); an unmounted dialog aborts what it started.
 */
export function useCancellableRun(): {
  readonly phase: RunPhase
  setPhase(phase: RunPhase): void
  begin(): AbortController
  runKey(named: NamedKey | undefined): void
} {
  const shell = useShell()
  const [phase, setPhase] = useState<RunPhase>('form')
  const abort = useRef<AbortController | undefined>(undefined)
  useEffect(() => () => abort.current?.abort(), [])
  return {
    phase,
    setPhase,
    begin() {
      const controller = new AbortController()
      abort.current = controller
      setPhase('running')
      return controller
    },
    runKey(named) {
      if (phase === 'running') {
        if (named !== KEY.escape) return
        abort.current?.abort()
        setPhase('cancelled')
        shell.refresh()
      } else if (named === KEY.escape || named === KEY.enter) shell.closeDialog()
    },
  }
}
