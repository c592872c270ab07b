import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { inputError } from '../errors.js'
import { cloudShowText } from '../health-views.js'
import { writeResult } from '../io.js'
import { jsonOption, type JsonFlag } from './options.js'

/** `aws show ARN`: one cloud certificate, what uses it (asked of ACM now) and its renewal health. */
export function registerAwsShow(aws: Command, ctx: CommandContext): void {
  aws
    .command('show')
    .description(
      'show one cloud certificate: its record, the resources using it by service (asked of ACM now) ' +
        'and its renewal health with the reasons',
    )
    .argument('<arn>', 'the certificate ARN (certdeck aws list shows them)')
    .addOption(jsonOption())
    .action(async (arn: string, flags: JsonFlag) => {
      const deck = await ctx.openDeck()
      if (!deck.cloud.show) {
        throw inputError('NO_CLOUD', 'This CertDeck has no cloud plugin that can describe certificates.')
      }
      const view = await deck.cloud.show(arn)
      writeResult(ctx.io, flags.json, view, () => cloudShowText(view))
    })
}
