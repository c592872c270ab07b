import { CertDeckError, type CertDeck } from '@certdeck/core'
import { render, type Instance } from 'ink'
import { constants } from 'node:os'
import { App } from './components/App.js'
import type { OpenDeck } from './components/PassphrasePrompt.js'
import { enterFullScreen } from './terminal.js'
import { noColorRequested } from './theme.js'

/** Options of {@link runTui}. */
export interface RunTuiOptions {
  /** The open facade, or a function that opens it from the master passphrase (the TUI asks, masked). */
  readonly deck: CertDeck | OpenDeck
  /** Name in the header. @default 'CertDeck' */
  readonly title?: string
  /** @default process.stdin */
  readonly stdin?: NodeJS.ReadStream
  /** @default process.stdout */
  readonly stdout?: NodeJS.WriteStream
  /** Where `NO_COLOR` is read. @default process.env */
  readonly env?: NodeJS.ProcessEnv
}

const FATAL_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const

/**
 * Runs the full-screen TUI until the user quits. The terminal is put back (cursor shown, the
 * alternate screen left) on every way out: quit, Ctrl-C, SIGTERM/SIGHUP/SIGINT, and an uncaught
 * exception or rejection (those end the process with an error after restoring).
 */
export async function runTui(options: RunTuiOptions): Promise<void> {
  const stdin = options.stdin ?? process.stdin
  const stdout = options.stdout ?? process.stdout
  if (!stdin.isTTY || !stdout.isTTY) {
    throw new CertDeckError(
      'NO_TERMINAL',
      'The full-screen UI needs a terminal on stdin and stdout. Run a command instead (certdeck --help lists them).',
    )
  }
  const screen = enterFullScreen(stdout)
  let instance: Instance | undefined
  const leave = () => {
    instance?.unmount()
    screen.restore()
  }
  const onSignal = (signal: (typeof FATAL_SIGNALS)[number]) => {
    leave()
    process.exit(128 + constants.signals[signal])
  }
  const onCrash = (error: unknown) => {
    leave()
    process.stderr.write(
      `certdeck: the UI stopped on an unexpected error: ` +
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exit(1)
  }
  // Node prints warnings (e.g. the AWS SDK's) on stderr, across the screen: hold them until
  // the terminal is restored.
  const warningPrinters = process.listeners('warning')
  const warnings: Error[] = []
  const holdWarning = (warning: Error) => warnings.push(warning)
  process.removeAllListeners('warning')
  process.on('warning', holdWarning)
  const handlers = FATAL_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const)
  for (const [signal, handler] of handlers) process.on(signal, handler)
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
  process.on('exit', screen.restore)
  try {
    instance = render(
      <App deck={options.deck} title={options.title} noColor={noColorRequested(options.env ?? process.env)} />,
      { stdin, stdout, exitOnCtrlC: true, maxFps: 60 },
    )
    await instance.waitUntilExit()
  } finally {
    leave()
    for (const [signal, handler] of handlers) process.off(signal, handler)
    process.off('uncaughtException', onCrash)
    process.off('unhandledRejection', onCrash)
    process.off('exit', screen.restore)
    process.off('warning', holdWarning)
    for (const printer of warningPrinters) process.on('warning', printer)
    for (const warning of warnings) process.emitWarning(warning)
  }
}
