import type { CertDeckError } from '@certdeck/core'
import { terminalSafeJson } from '@certdeck/core/text'
import { CommanderError } from 'commander'
import type { CliIo } from './io.js'

/** The CLI's exit codes (DESIGN §8). */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** It could not be done, or an unexpected error (a bug). */
  failed: 1,
  /** Bad usage or input: fix the command line, a file or a secret and run again. */
  usage: 2,
  /** A check found something, e.g. `expiring` found certificates inside the window. */
  found: 3,
} as const

/**
 * The CLI's own user-actionable errors, shaped as core's `CertDeckError` (name, `code`, `kind`)
 * so that one reporter handles both, without loading core to make one.
 */
class CliError extends Error implements CertDeckError {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: 'input' | 'failure',
    cause?: unknown,
  ) {
    super(message, { cause })
    this.name = 'CertDeckError'
  }
}

/** A user-actionable error about the command line or its inputs (exit 2). */
export function inputError(code: string, message: string, cause?: unknown): CertDeckError {
  return new CliError(code, message, 'input', cause)
}

/** A user-actionable error: it could not be done (exit 1). */
export function failureError(code: string, message: string, cause?: unknown): CertDeckError {
  return new CliError(code, message, 'failure', cause)
}

/** True for a `CertDeckError` of core or of the CLI (core's own rule, without loading core). */
export function isCertDeckError(error: unknown): error is CertDeckError {
  return error instanceof Error && error.name === 'CertDeckError' && 'code' in error
}

/** A commander usage error and the command it is about, e.g. `certdeck certs import`. */
export class UsageError extends CommanderError {
  constructor(
    error: CommanderError,
    /** The command line up to the command that refused the input. */
    readonly command: string,
  ) {
    super(error.exitCode, error.code, error.message)
  }
}

/** The exit code an error maps to. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
  if (isCertDeckError(error)) return error.kind === 'input' ? ExitCode.usage : ExitCode.failed
  return ExitCode.failed
}

/**
 * Reports an error on stderr (`certdeck: <message>`) and, in JSON mode, as
 * `{ "error": { "code", "message" } }` on stdout. `betterHint` replaces the usual hint line.
 * Returns the exit code.
 */
export function reportError(io: CliIo, error: unknown, json: boolean, betterHint?: string): number {
  const code = exitCodeFor(error)
  if (code === ExitCode.ok) return code
  const debug = io.env.CERTDECK_DEBUG === '1'
  const { errorCode, message, hint: usual } = describe(error)
  const hint = betterHint ?? usual
  if (json) io.stdout.write(`${terminalSafeJson({ error: { code: errorCode, message } }, 2)}\n`)
  // Commander has already printed the help text of a command run without its subcommand.
  if (!(error instanceof CommanderError && error.code === 'commander.help')) {
    io.stderr.write(`certdeck: ${message}\n`)
  }
  if (hint) io.stderr.write(`${hint}\n`)
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
  return code
}

function describe(error: unknown): { errorCode: string; message: string; hint?: string } {
  if (error instanceof CommanderError) {
    const message = error.code === 'commander.help' ? 'a subcommand is required' : commanderMessage(error.message)
    const command = error instanceof UsageError ? error.command : 'certdeck'
    return { errorCode: 'USAGE', message, hint: `Run '${command} --help' for usage.` }
  }
  if (isCertDeckError(error)) return { errorCode: error.code, message: error.message }
  const text = error instanceof Error ? error.message : String(error)
  return {
    errorCode: 'INTERNAL',
    message: `internal error: ${text}`,
    hint:
      'This is a bug in CertDeck. Please report it with the command you ran (leave secrets out);' +
      ' CERTDECK_DEBUG=1 prints the stack.',
  }
}

/** Commander's message on one line: `unknown command 'cert' (did you mean certs?)`. */
function commanderMessage(message: string): string {
  return message.replace(/^error: /, '').replace(/\n\(Did you mean (.+)\?\)$/, ' (did you mean $1?)')
}
