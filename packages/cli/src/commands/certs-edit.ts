import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { inputError } from '../errors.js'
import { writeResult } from '../io.js'
import { collect, parseTag } from '../parse.js'
import { canPrompt, confirm } from '../tty-prompt.js'
import { certificateSummary } from '../views.js'
import { jsonOption, type JsonFlag } from './options.js'

/** `certs tag` and `certs delete`. */
export function registerCertsEditCommands(certs: Command, ctx: CommandContext): void {
  certs
    .command('tag')
    .description('set and remove tags of a certificate')
    .argument('<ref>', 'id, unique id prefix or unique SHA-256 fingerprint prefix')
    .argument('[key=value...]', 'tags to set')
    .option('--remove <key>', 'a tag to remove (repeatable)', collect(String))
    .addOption(jsonOption())
    .action(async (ref: string, assignments: string[], options: JsonFlag & { remove?: string[] }) => {
      const set = Object.fromEntries(assignments.map(parseTagArgument))
      if (assignments.length === 0 && !options.remove) {
        throw inputError('NOTHING_TO_DO', 'Give tags to set (key=value) or --remove <key>; nothing was changed.')
      }
      const deck = await ctx.openDeck()
      const summary = certificateSummary(await deck.certificates.tag(ref, set, options.remove))
      writeResult(ctx.io, options.json, summary, () => {
        const tags = Object.entries(summary.tags).map(([key, value]) => `${key}=${value}`)
        return `Tags of ${summary.commonName} (${summary.id}): ${tags.join(', ') || 'none'}.`
      })
    })

  certs
    .command('delete')
    .description('delete a certificate from the local repository (cloud copies are not touched)')
    .argument('<ref>', 'id, unique id prefix or unique SHA-256 fingerprint prefix')
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .addOption(jsonOption())
    .action(async (ref: string, options: JsonFlag & { yes?: boolean }) => {
      if (!options.yes && !canPrompt(ctx.io)) {
        throw inputError(
          'CONFIRMATION_REQUIRED',
          `Refusing to delete '${ref}' without confirmation: stdin is not a terminal. Pass --yes.`,
        )
      }
      const deck = await ctx.openDeck()
      const cert = await deck.certificates.get(ref)
      const what = `${cert.commonName} (${cert.id})`
      const agreed =
        options.yes === true ||
        (await confirm(ctx.io, `Delete ${what} from the local repository? Cloud copies are not touched.`))
      if (agreed) await deck.certificates.delete(cert.id)
      writeResult(ctx.io, options.json, { id: cert.id, deleted: agreed }, () =>
        agreed ? `Deleted ${what}.` : 'Nothing was deleted.',
      )
    })
}

function parseTagArgument(text: string): [string, string] {
  try {
    return parseTag(text)
  } catch (error) {
    throw inputError('TAG_INVALID', (error as Error).message)
  }
}
