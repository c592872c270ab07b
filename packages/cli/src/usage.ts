import type { Command } from 'commander'
import { UsageError } from './errors.js'

/**
 * Makes every command of the tree throw its usage errors as a {@link UsageError} naming that
 * command, so the hint points at its own `--help` (`certdeck certs import --help`). Call it once
 * every command is registered.
 */
export function tagUsageErrors(command: Command, path = command.name()): void {
  command.exitOverride((error) => {
    throw new UsageError(error, path)
  })
  for (const sub of command.commands) tagUsageErrors(sub, `${path} ${sub.name()}`)
}

/** Commander's own reports with their "did you mean" suggestions (not in its typings). */
interface CommanderReports {
  unknownCommand(): never
  unknownOption(flag: string): never
}

/**
 * Rejects what is left on the command line when no command matched: the first word is an
 * unknown command (`certdeck frobnicate --json` is about `frobnicate`, not `--json`), else the
 * first flag an unknown option. The program must allow unknown options so that it gets here.
 */
export function rejectStrayArguments(program: Command, args: readonly string[]): void {
  if (args.length === 0) return
  const reports = program as unknown as CommanderReports
  program.allowUnknownOption(false)
  if (args[0].startsWith('-')) reports.unknownOption(args[0])
  reports.unknownCommand()
}
