import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { ExitCode } from '../errors.js'
import { formatTable, writeResult } from '../io.js'
import { parseDuration } from '../parse.js'
import { certificateSummary, daysLeftText } from '../views.js'
import { jsonOption, type JsonFlag } from './options.js'

/** `expiring`: a check for scripts and CI, exit 3 when something expires inside the window. */
export function registerExpiringCommands(program: Command, ctx: CommandContext): void {
  program
    .command('expiring')
    .description('list certificates expiring within a window (expired ones included); exit 3 if any')
    .option(
      '--within <duration>',
      'the window: days (30), or a number with h, d or w (12h, 30d, 2w); default: the largest configured threshold',
      parseDuration,
    )
    .addOption(jsonOption())
    .action(async (options: JsonFlag & { within?: number }) => {
      const deck = await ctx.openDeck()
      const days = options.within ?? Math.max(...deck.config.expiryThresholdsDays)
      const summaries = (await deck.certificates.expiring(days)).map((cert) => certificateSummary(cert))
      if (summaries.length > 0) ctx.exitCode = ExitCode.found
      writeResult(ctx.io, options.json, summaries, () =>
        summaries.length === 0
          ? `Nothing expires within ${windowText(days)}.`
          : `${summaries.length} certificate(s) expire within ${windowText(days)}:\n` +
            formatTable(
              ['DAYS LEFT', 'ID', 'COMMON NAME', 'NOT AFTER', 'STATE'],
              summaries.map((c) => [String(c.daysLeft), c.id, c.commonName, c.notAfter, daysLeftText(c.daysLeft)]),
            ),
      )
    })
}

function windowText(days: number): string {
  if (Number.isInteger(days)) return days === 1 ? '1 day' : `${days} days`
  const hours = Math.round(days * 24)
  return hours === 1 ? '1 hour' : `${hours} hours`
}
