import { useStdout } from 'ink'
import { useEffect, useState } from 'react'

/** Terminal size in cells. */
export interface TerminalSize {
  readonly columns: number
  readonly rows: number
}

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({
  columns: stdout.columns || 80,
  rows: stdout.rows || 24,
})

/** The terminal size, updated on every resize. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout()
  const [size, setSize] = useState(() => read(stdout))
  useEffect(() => {
    const onResize = () => setSize(read(stdout))
    stdout.on('resize', onResize)
    return () => {
      stdout.off('resize', onResize)
    }
  }, [stdout])
  return size
}
