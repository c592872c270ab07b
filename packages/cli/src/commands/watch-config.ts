import type { WatchConfig, WatchConfigPatch } from '@certdeck/core'
import { type Command, Option } from 'commander'
import type { CommandContext } from '../context.js'
import { formatFields, writeResult } from '../io.js'
import { collect, parsePositiveInt } from '../parse.js'
import { type JsonFlag, jsonOption } from './options.js'
// Schedules are checked by core before anything is written (a usage error, exit 2).
import { watchOf } from './watch-parse.js'

interface ConfigFlags extends JsonFlag {
  readonly renewBefore?: number
  readonly discoverEvery?: string
  readonly refreshEvery?: string
  readonly renewEvery?: string
  readonly notifyEvery?: string
  readonly renewOptOutTag?: string[]
}

/** The settings as `watch config` prints them. */
export function configText(config: WatchConfig): string {
  return formatFields([
    ['Discovery', `every ${config.every.discover} per credential`],
    ['Request refresh', `every ${config.every.refresh} (DNS challenges deployed through the request's provider)`],
    [
      'Renewal',
      `every ${config.every.renew}: private and exportable certificates ${config.renewBeforeDays} days before expiry`,
    ],
    ['Renewal opt-out tags', config.optOutTags.join(', ') || 'none'],
    ['Notifications', `every ${config.every.notify}`],
  ])
}

/** `watch config [flags]`: shows the settings, or changes the ones given (checked before anything is written). */
export function registerWatchConfig(watch: Command, ctx: CommandContext): void {
  watch
    .command('config')
    .description('show the schedules and renewal settings, or change the ones given')
    .addOption(
      new Option('--renew-before <days>', 'renew this many days before expiry (default 30)').argParser(
        parsePositiveInt,
      ),
    )
    .addOption(new Option('--discover-every <schedule>', 'interval (6h) or cron ("0 */6 * * *", UTC)'))
    .addOption(new Option('--refresh-every <schedule>', 'unfinished requests (default 5m)'))
    .addOption(new Option('--renew-every <schedule>', 'renewal check (default 1h)'))
    .addOption(new Option('--notify-every <schedule>', 'expiry evaluation and notifications (default 1h)'))
    .option(
      '--renew-opt-out-tag <key=value>',
      'certificates with this tag are never renewed automatically (repeatable; replaces the list)',
      collect(String),
    )
    .addOption(jsonOption())
    .action(async (own: ConfigFlags, command: Command) => {
      // `--json` is also an option of `watch` itself, which commander gives it when both have it.
      const flags = { ...own, json: command.optsWithGlobals<JsonFlag>().json }
      const every: WatchConfigPatch['every'] = {
        ...(flags.discoverEvery ? { discover: flags.discoverEvery } : {}),
        ...(flags.refreshEvery ? { refresh: flags.refreshEvery } : {}),
        ...(flags.renewEvery ? { renew: flags.renewEvery } : {}),
        ...(flags.notifyEvery ? { notify: flags.notifyEvery } : {}),
      }
      const patch: WatchConfigPatch = {
        ...(Object.keys(every).length ? { every } : {}),
        ...(flags.renewBefore !== undefined ? { renewBeforeDays: flags.renewBefore } : {}),
        ...(flags.renewOptOutTag ? { optOutTags: flags.renewOptOutTag } : {}),
      }
      const api = await watchOf(ctx)
      const config = Object.keys(patch).length ? await api.configure(patch) : await api.config()
      writeResult(ctx.io, flags.json, config, () => configText(config))
    })
}
