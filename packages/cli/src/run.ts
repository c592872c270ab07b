import { reportError } from './errors.js'
import type { CliIo } from './io.js'
import { buildProgram } from './program.js'
import { terminalSafeIo } from './safe-io.js'
import { usageHint } from './usage-hints.js'

/** Runs `certdeck` with `argv` (arguments after the program name) and returns the exit code. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo)
  const { program, context } = buildProgram(io)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return context.exitCode
  } catch (error) {
    return reportError(io, error, argv.includes('--json'), usageHint(argv, error))
  }
}
