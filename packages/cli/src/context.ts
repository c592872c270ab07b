import { resolve } from 'node:path'
import type { CertDeck } from '@certdeck/core'
import { loadCore, loadPlugins } from './core.js'
import type { CliIo } from './io.js'
import { PASSPHRASE_FILE_ENV, readPassphraseFile } from './passphrase-file.js'
import { SecretEnv, SecretReader } from './secrets.js'
import { backendOf } from './store-selection.js'

/** Options of the `certdeck` program itself, accepted before or after the command. */
export interface GlobalOptions {
  /** The data directory, as given (see {@link CommandContext.dataDir} for the one a run uses). */
  readonly dataDir?: string
  /** Read the master passphrase from the first line of stdin. */
  readonly masterPassphraseStdin?: boolean
  /** Open the full-screen UI against an embedded sandbox. */
  readonly sandbox?: boolean
}

/** How a command opens the repository (see {@link CommandContext.openDeck}). */
export interface OpenOptions {
  /** Only the local repository: load no plugin. */
  readonly local?: boolean
}

/** What every command receives: the streams, the secret reader and the opened repository. */
export interface CommandContext {
  readonly io: CliIo
  readonly secrets: SecretReader
  /** The program's own options. */
  globals(): GlobalOptions
  /**
   * The data directory of the run: `--data-dir`, else `CERTDECK_HOME`, `XDG_DATA_HOME/certdeck`,
   * `~/.local/share/certdeck` of the run's environment. Absolute.
   */
  dataDir(): Promise<string>
  /**
   * The master passphrase, from stdin, the file `CERTDECK_PASSPHRASE_FILE` names, `CERTDECK_PASSPHRASE` or a
   * prompt (see {@link SecretReader}).
   */
  masterPassphrase(options?: { isNew?: boolean }): Promise<string>
  /**
   * Opens the repository once per run, asking for the master passphrase first. `local` is for a
   * command that reads only the local repository: no plugin (built-in or configured) is loaded, so
   * the cloud, credential, deployment and request services are the unavailable ones.
   */
  openDeck(options?: OpenOptions): Promise<CertDeck>
  /** Opens the repository with a passphrase obtained elsewhere (the full-screen UI asks for it). */
  openDeckWith(passphrase: string, options?: OpenOptions): Promise<CertDeck>
  /** The credential a command uses: `named`, else the default one, else the only one (see `chooseCredential`). */
  credential(named: string | undefined): Promise<string>
  /** The exit code of a run that did not fail; `expiring` sets 3 when it finds something. */
  exitCode: number
}

/**
 * The data directory of a run: `--data-dir`, else core's rule applied to the run's own
 * environment (`io.env`, HOME included), never the process's, so a run in a test process finds
 * the test's home. Always absolute.
 */
export async function dataDirOf(io: CliIo, flag: string | undefined): Promise<string> {
  return flag ? resolve(flag) : (await loadCore()).resolveDataDir(io.env)
}

/** The repository as a run opened it: shared by the lines of a `batch`, which open it once. */
export interface OpenedDecks {
  /** With its plugins. */
  deck?: Promise<CertDeck>
  /** Without plugins (see {@link OpenOptions.local}). */
  localDeck?: Promise<CertDeck>
}

/**
 * Builds the context of one run; `readGlobals` reads the parsed program options, `decks` holds
 * the repository once opened.
 */
export function createContext(io: CliIo, readGlobals: () => GlobalOptions, decks: OpenedDecks = {}): CommandContext {
  const globals = readGlobals
  const secrets = new SecretReader(io)
  const open = (options: OpenOptions) =>
    context
      .masterPassphrase()
      .then((passphrase) => context.openDeckWith(passphrase, options))
      .then((opened) => {
        // A broken plugin must not stop the command, but the user has to hear of it.
        for (const failed of opened.plugins.failed) {
          io.stderr.write(`certdeck: plugin ${failed.name} was not loaded: ${failed.error}\n`)
        }
        for (const warning of opened.warnings ?? []) io.stderr.write(`certdeck: warning: ${warning}\n`)
        return opened
      })
  const context: CommandContext = {
    io,
    secrets,
    globals,
    dataDir: () => dataDirOf(io, globals().dataDir),
    exitCode: 0,
    masterPassphrase: (options = {}) => {
      const file = io.env[PASSPHRASE_FILE_ENV]
      const fromStdin = globals().masterPassphraseStdin === true
      if (file && !options.isNew && !fromStdin) return readPassphraseFile(file)
      return secrets.read({
        label: options.isNew ? 'new master passphrase' : 'master passphrase',
        env: SecretEnv.passphrase,
        stdinFlag: '--master-passphrase-stdin',
        fromStdin: globals().masterPassphraseStdin === true,
        isNew: options.isNew,
      })
    },
    credential: async (named) =>
      named !== undefined
        ? named
        : (await loadCore()).chooseCredential(await (await context.openDeck()).credentials.list()),
    openDeckWith: async (passphrase, options = {}) => {
      const dataDir = await context.dataDir()
      const [{ openCertDeck }, plugins, backend] = await Promise.all([
        loadCore(),
        options.local ? [] : loadPlugins(),
        backendOf(io.env, dataDir),
      ])
      // A local command (certs list, audit) queries the store; any other reads the whole repository.
      return openCertDeck({
        dataDir,
        passphrase,
        plugins,
        backend,
        configuredPlugins: !options.local,
        preload: !options.local,
      })
    },
    openDeck: (options = {}) => {
      // A deck with its plugins serves a local command too; the other way round it would not.
      if (options.local && decks.deck) return decks.deck
      if (options.local) {
        decks.localDeck ??= open(options)
        return decks.localDeck
      }
      decks.deck ??= open(options)
      return decks.deck
    },
  }
  return context
}
