import { terminalSafe } from '@certdeck/core/text'
import type { CliIo } from './io.js'

/**
 * The same streams, with every control character written to stdout or stderr shown as a visible
 * escape (line feeds and tabs kept): whatever a certificate, an AWS answer or a file put in a
 * message or a table, the terminal only displays it. JSON is written already escaped (see
 * `terminalSafeJson`), so it passes through unchanged.
 */
export function terminalSafeIo(io: CliIo): CliIo {
  const safe = (stream: CliIo['stdout']): CliIo['stdout'] => ({
    write: (chunk: string) =>
      stream.write(typeof chunk === 'string' ? terminalSafe(chunk, { keepLayout: true }) : chunk),
  })
  return { ...io, stdout: safe(io.stdout), stderr: safe(io.stderr) }
}
