import type { OpenedDecks } from './context.js'
import { reportError } from './errors.js'
import type { CliIo } from './io.js'
import { buildProgram, type CliProgram } from './program.js'
import { terminalSafeIo } from './safe-io.js'
import { usageHint } from './usage-hints.js'

/** Runs `certdeck` with `argv` (arguments after the program name) and returns the exit code. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo)
  const decks: OpenedDecks = {}
  // Each line of a batch is a program of its own with the batch's options and opened repository.
  const runLine = (line: readonly string[]) =>
    run(line, io, buildProgram(io, { decks, globals: () => outer.context.globals() }))
  const outer = buildProgram(io, { decks, runLine })
  return run(argv, io, outer)
}

async function run(argv: readonly string[], io: CliIo, { program, context }: CliProgram): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return context.exitCode
  } catch (error) {
    return reportError(io, error, argv.includes('--json'), usageHint(argv, error))
  }
}
