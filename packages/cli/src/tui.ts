import { type CertDeck, CertDeckError } from '@certdeck/core'
import type { CommandContext } from './context.js'
import { inputError } from './errors.js'
import { canPrompt } from './tty-prompt.js'

/** What the CLI hands the full-screen UI. */
export interface TuiLaunch {
  readonly deck: CertDeck
  /** `--sandbox`: sample data behind an embedded AWS sandbox. */
  readonly sandbox: boolean
}

type RunTui = (launch: TuiLaunch) => Promise<void>

/** `certdeck` without a command: loads `@certdeck/tui` only now, so headless commands never pay for it. */
export async function launchTui(ctx: CommandContext): Promise<void> {
  if (!ctx.io.stdoutIsTty || !canPrompt(ctx.io)) {
    throw inputError(
      'NO_TERMINAL',
      'The full-screen UI needs a terminal on stdin and stdout. Run a command instead (certdeck --help lists them).',
    )
  }
  const runTui = await loadRunTui()
  const deck = await ctx.openDeck()
  await runTui({ deck, sandbox: ctx.globals().sandbox === true })
}

async function loadRunTui(): Promise<RunTui> {
  const unavailable = (cause?: unknown) =>
    new CertDeckError(
      'TUI_UNAVAILABLE',
      'The full-screen UI is not available in this build (@certdeck/tui has no runTui). ' +
        'Run pnpm build, or use the headless commands (certdeck --help lists them).',
      { kind: 'failure', cause },
    )
  let tui: { runTui?: unknown }
  try {
    tui = await import('@certdeck/tui')
  } catch (error) {
    throw unavailable(error)
  }
  if (typeof tui.runTui !== 'function') throw unavailable()
  return tui.runTui as RunTui
}
