import { createRequire } from 'node:module'
import { Command } from 'commander'
import { registerAuditCommands } from './commands/audit.js'
import { registerCertsCommands } from './commands/certs.js'
import { registerCredentialsCommands } from './commands/credentials.js'
import { registerDeployCommands } from './commands/deploy.js'
import { registerDiscoverCommands } from './commands/discover.js'
import { registerDnsCommands } from './commands/dns.js'
import { registerExpiringCommands } from './commands/expiring.js'
import { registerLifecycleCommands } from './commands/lifecycle.js'
import { registerNotifyCommands } from './commands/notify.js'
import { registerRequestCommands } from './commands/requests.js'
import { registerSandboxCommands } from './commands/sandbox.js'
import { registerStoreCommands } from './commands/store.js'
import { registerVaultCommands } from './commands/vault.js'
import { registerWatchCommands } from './commands/watch.js'
import { registerBatchCommand } from './commands/batch.js'
import { type CommandContext, createContext, type GlobalOptions, type OpenedDecks } from './context.js'
import type { CliIo } from './io.js'
import { launchTui } from './tui.js'
import { rejectStrayArguments, tagUsageErrors } from './usage.js'

/** Each command group registers itself on the program with the shared context. */
type RegisterCommands = (program: Command, ctx: CommandContext) => void

const COMMAND_GROUPS: readonly RegisterCommands[] = [
  registerVaultCommands,
  registerCertsCommands,
  registerExpiringCommands,
  registerAuditCommands,
  registerCredentialsCommands,
  registerDiscoverCommands,
  registerDeployCommands,
  registerRequestCommands,
  registerLifecycleCommands,
  registerDnsCommands,
  registerNotifyCommands,
  registerWatchCommands,
  registerSandboxCommands,
  registerStoreCommands,
]

/** The commander program and the context its commands share. */
export interface CliProgram {
  readonly program: Command
  readonly context: CommandContext
}

/** How a program is built for a line of `batch`, or for the run that reads one. */
export interface ProgramOptions {
  /** The repository as the run opened it (shared by the lines of a batch). */
  readonly decks?: OpenedDecks
  /** The global options of the batch a line belongs to. */
  readonly globals?: () => GlobalOptions
  /** Runs one line of a batch and returns its exit code; without it there is no `batch` command (batches do not nest). */
  readonly runLine?: (argv: readonly string[]) => Promise<number>
}

/**
 * Builds the `certdeck` program writing to `io`. Commander never exits the process: its errors
 * are thrown (`exitOverride`) and mapped to exit codes by the caller.
 */
export function buildProgram(io: CliIo, options: ProgramOptions = {}): CliProgram {
  const program = new Command('certdeck')
  const context = createContext(io, () => ({ ...options.globals?.(), ...program.opts<GlobalOptions>() }), options.decks)
  program
    .description(
      'Manage TLS certificates in a local encrypted repository, AWS Certificate Manager, ' +
        'ACM Private CA and IAM. Without a command, opens the full-screen UI.',
    )
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are reported once, by the caller, in the CLI's own format.
      outputError: () => undefined,
    })
    .option(
      '--data-dir <dir>',
      'the data directory (default: $CERTDECK_HOME, $XDG_DATA_HOME/certdeck, ~/.local/share/certdeck)',
    )
    .option(
      '--master-passphrase-stdin',
      'read the master passphrase from the first line of stdin (else $CERTDECK_PASSPHRASE or a prompt)',
    )
    .option('--sandbox', 'open the full-screen UI against an embedded AWS sandbox with sample data')
  for (const register of COMMAND_GROUPS) register(program, context)
  if (options.runLine) registerBatchCommand(program, context, options.runLine)
  program
    .allowExcessArguments()
    // Unknown words and flags reach the action, which names the first unknown command first.
    .allowUnknownOption()
    .action(async (_options: GlobalOptions, command: Command) => {
      rejectStrayArguments(program, command.args)
      await launchTui(context)
    })
  tagUsageErrors(program)
  return { program, context }
}

function packageVersion(): string {
  // Works from src/ and from the bundled dist/ alike: both sit one level below package.json.
  const require = createRequire(import.meta.url)
  return (require('../package.json') as { version: string }).version
}
