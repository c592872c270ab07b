import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { loadCore } from '../core.js'
import { writeResult } from '../io.js'
import { SecretEnv } from '../secrets.js'
import { jsonOption, type JsonFlag } from './options.js'

/** `init` and `passphrase change`. */
export function registerVaultCommands(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create the encrypted repository (asks for a new master passphrase)')
    .addOption(jsonOption())
    .action(async (options: JsonFlag) => {
      const passphrase = await ctx.masterPassphrase({ isNew: true })
      const { initCertDeck } = await loadCore()
      const { dataDir } = await initCertDeck({ dataDir: await ctx.dataDir(), passphrase })
      writeResult(
        ctx.io,
        options.json,
        { dataDir },
        () => `Created the repository in ${dataDir}. Keep the master passphrase safe: it cannot be recovered.`,
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
