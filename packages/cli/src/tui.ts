import type { CertDeck } from '@certdeck/core'
import type { CommandContext } from './context.js'
import { loadCore } from './core.js'
import { failureError, inputError } from './errors.js'
import { SecretEnv } from './secrets.js'
import { storeUrlOf } from './store-selection.js'
import { canPrompt } from './tty-prompt.js'

/** What the CLI hands the full-screen UI (the options of `runTui` in @certdeck/tui). */
export interface TuiLaunch {
  /** The open repository, or a function that opens it from the passphrase the UI asks for. */
  readonly deck: CertDeck | ((passphrase: string) => Promise<CertDeck>)
  /** Name in the header. */
  readonly title?: string
}

type RunTui = (launch: TuiLaunch) => Promise<void>

/**
 * Node flags the full-screen UI runs under: a young generation of at most 8 MB per semi-space
 * (Node 24's default lets it grow to 32 MB, which a TUI holding 30,000 records keeps as resident
 * memory; the smaller one costs no measurable time, see BENCHMARKS.md).
 */
export const TUI_NODE_FLAGS = ['--max-semi-space-size=8'] as const

/** `certdeck` without a command: loads `@certdeck/tui` only now, so headless commands never pay for it. */
export async function launchTui(ctx: CommandContext): Promise<void> {
  if (!ctx.io.stdoutIsTty || !canPrompt(ctx.io)) {
    throw inputError(
      'NO_TERMINAL',
      'The full-screen UI needs a terminal on stdin and stdout. Run a command instead (certdeck --help lists them).',
    )
  }
  // Before anything is read or asked: the process that runs the UI is this command under its flags.
  ctx.io.rerunWith?.(TUI_NODE_FLAGS)
  const runTui = await loadRunTui()
  if (ctx.globals().sandbox === true) {
    ctx.io.stderr.write('Starting the embedded AWS sandbox with demo data…\n')
    // Loaded only here: the sandbox and the AWS plugin cost nothing to other commands.
    const { openSandboxDeck } = await import('./sandbox-deck.js')
    const sandbox = await openSandboxDeck()
    try {
      await runTui({ deck: sandbox.deck, title: 'CertDeck sandbox' })
    } finally {
      await sandbox.close()
    }
    return
  }
  await assertInitialised(ctx)
  // Without the passphrase in the environment or on stdin, the UI asks for it itself (masked).
  const passphraseGiven = ctx.io.env[SecretEnv.passphrase] !== undefined || ctx.globals().masterPassphraseStdin === true
  await runTui({ deck: passphraseGiven ? await ctx.openDeck() : (passphrase) => ctx.openDeckWith(passphrase) })
}

/** Refuses, before any prompt, a data dir without a repository, naming the two ways forward. */
async function assertInitialised(ctx: CommandContext): Promise<void> {
  const dataDir = await ctx.dataDir()
  // A repository in PostgreSQL is checked when it is opened.
  if ((await storeUrlOf(ctx.io.env, dataDir)) !== undefined) return
  if (!(await (await loadCore()).FileStore.exists(dataDir))) {
    throw inputError(
      'VAULT_NOT_INITIALISED',
      `There is no CertDeck repository in ${dataDir} yet. Run certdeck init to create one, ` +
        'or certdeck --sandbox to try CertDeck on demo data without an AWS account.',
    )
  }
}

async function loadRunTui(): Promise<RunTui> {
  const unavailable = (cause?: unknown) =>
    failureError(
      'TUI_UNAVAILABLE',
      'The full-screen UI is not available in this build (@certdeck/tui has no runTui). ' +
        'Run pnpm build, or use the headless commands (certdeck --help lists them).',
      cause,
    )
  let tui: { runTui?: unknown }
  // React's development build is several times slower and larger; a user runs the production one.
  process.env.NODE_ENV ??= 'production'
  try {
    tui = await import('@certdeck/tui')
  } catch (error) {
    throw unavailable(error)
  }
  if (typeof tui.runTui !== 'function') throw unavailable()
  return tui.runTui as RunTui
}
