import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { writeResult } from '../io.js'
import { parsePositiveInt } from '../parse.js'
import { auditEntry, auditTable } from '../views.js'
import { jsonOption, type JsonFlag } from './options.js'

/** `audit`: the log of mutating actions, oldest first. */
export function registerAuditCommands(program: Command, ctx: CommandContext): void {
  program
    .command('audit')
    .description('show the audit log (who did what, to what, with what outcome), oldest first')
    .option('--limit <n>', 'only the last N events', parsePositiveInt)
    .addOption(jsonOption())
    .action(async (options: JsonFlag & { limit?: number }) => {
      const deck = await ctx.openDeck({ local: true })
      const events = (await deck.auditEvents({ limit: options.limit })).map(auditEntry)
      writeResult(ctx.io, options.json, events, () =>
        events.length === 0 ? 'The audit log is empty.' : auditTable(events),
      )
    })
}
