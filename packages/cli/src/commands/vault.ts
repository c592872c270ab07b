import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { loadCore } from '../core.js'
import { writeResult } from '../io.js'
import { SecretEnv } from '../secrets.js'
import { backendOf, rememberStore, STORE_URL_ENV } from '../store-selection.js'
import { jsonOption, type JsonFlag } from './options.js'

/** `init` and `passphrase change`. */
export function registerVaultCommands(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create the encrypted repository (asks for a new master passphrase)')
    .option(
      '--store <url>',
      `keep it in a PostgreSQL database (postgres://ROLE@HOST/DB; password in PGPASSWORD or ~/.pgpass), remembered in config.json; else ${STORE_URL_ENV}`,
    )
    .addOption(jsonOption())
    .action(async (options: JsonFlag & { store?: string }) => {
      const dataDir = await ctx.dataDir()
      const backend = await backendOf(ctx.io.env, dataDir, options.store)
      const passphrase = await ctx.masterPassphrase({ isNew: true })
      const { initCertDeck } = await loadCore()
      const { path } = await initCertDeck({ dataDir, passphrase, backend })
      if (backend && options.store) await rememberStore(dataDir, options.store)
      const where = backend ? backend.location : dataDir
      writeResult(
        ctx.io,
        options.json,
        backend ? { dataDir, store: path } : { dataDir },
        () => `Created the repository in ${where}. Keep the master passphrase safe: it cannot be recovered.`,
      )
    })

  const passphrase = program.command('passphrase').description('manage the master passphrase')
  passphrase
    .command('change')
    .description('re-seal every secret under a new master passphrase, in one atomic write')
    .option(
      '--new-passphrase-stdin',
      `read the new passphrase from stdin (else ${SecretEnv.newPassphrase} or a prompt)`,
    )
    .addOption(jsonOption())
    .action(async (options: JsonFlag & { newPassphraseStdin?: boolean }) => {
      const deck = await ctx.openDeck()
      const next = await ctx.secrets.read({
        label: 'new master passphrase',
        env: SecretEnv.newPassphrase,
        stdinFlag: '--new-passphrase-stdin',
        fromStdin: options.newPassphraseStdin === true,
        isNew: true,
      })
      await deck.vault.changePassphrase(next)
      writeResult(
        ctx.io,
        options.json,
        { changed: true },
        () => 'Changed the master passphrase; every secret was re-sealed.',
      )
    })
}
