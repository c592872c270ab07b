import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { inputError } from '../errors.js'
import { writeResult } from '../io.js'
import { storeUrlOf } from '../store-selection.js'
import { type JsonFlag, jsonOption } from './options.js'

/** `store copy`. */
export function registerStoreCommands(program: Command, ctx: CommandContext): void {
  const store = program.command('store').description('where the repository is kept')
  store
    .command('copy')
    .description('copy the repository (every version, sealed secret, request, deployment, audit event) and verify it')
    .requiredOption('--to <target>', 'a postgres:// URL (password in PGPASSWORD or ~/.pgpass) or a directory')
    .option('--force', 'replace the records of a target that holds another repository')
    .addOption(jsonOption())
    .action(async (options: JsonFlag & { to: string; force?: boolean }) => {
      // Loaded only here: the copy and the PostgreSQL driver cost nothing to other commands.
      const [{ copyRepository }, { openEndpoint }] = await Promise.all([
        import('../store-copy/copy.js'),
        import('../store-copy/endpoints.js'),
      ])
      const dataDir = await ctx.dataDir()
      const sourceAt = (await storeUrlOf(ctx.io.env, dataDir)) ?? dataDir
      const source = await openEndpoint(sourceAt, ctx.io.env)
      try {
        const target = await openEndpoint(options.to, ctx.io.env)
        if (target.location === source.location) {
          await target.close()
          throw inputError(
            'STORE_COPY_SAME',
            `--to names the repository being copied (${source.location}); give another target.`,
          )
        }
        try {
          const report = await copyRepository(source, target, {
            force: options.force === true,
            reopenTarget: () => openEndpoint(options.to, ctx.io.env),
          })
          writeResult(ctx.io, options.json, report, () =>
            [
              `${report.wrote ? 'Copied' : 'Already up to date:'} ${report.from} → ${report.to}` +
                ` (${report.auditEventsAdded} audit events added). Verified:`,
              ...Object.entries(report.parts).map(
                ([name, part]) => `  ${name}: ${part.count} (sha256 ${part.sha256.slice(0, 16)}…)`,
              ),
            ].join('\n'),
          )
        } finally {
          await target.close()
        }
      } finally {
        await source.close()
      }
    })
}
