import type { NotificationRules, RulesPatch } from '@certdeck/core'
import { type Command, InvalidArgumentError, Option } from 'commander'
import type { CommandContext } from '../context.js'
import { formatFields, writeResult } from '../io.js'
import { collect, parsePositiveInt } from '../parse.js'
import { eventList, notificationsOf, thresholdList } from './notify-parse.js'
import { type JsonFlag, jsonOption } from './options.js'

interface RulesFlags extends JsonFlag {
  readonly thresholds?: string
  readonly eligibleThresholds?: string
  readonly expired?: boolean
  readonly scope?: 'repository' | 'cloud' | 'both'
  readonly tag?: string[]
  readonly anyTag?: boolean
  readonly events?: string
  readonly stuckAfter?: number
  readonly channel?: string[]
  readonly allChannels?: boolean
}

function scope(text: string): 'repository' | 'cloud' | 'both' {
  if (text === 'repository' || text === 'cloud' || text === 'both') return text
  throw new InvalidArgumentError(`'${text}' is not a scope. Accepted: repository, cloud, both.`)
}

function tagSelector(text: string): string {
  if (!/^[^=\s]+(=.*)?$/.test(text)) throw new InvalidArgumentError(`'${text}' is not KEY or KEY=VALUE, e.g. env=prod.`)
  return text
}

/** The rules as `notify rules` prints them. */
export function rulesText(rules: NotificationRules): string {
  return formatFields([
    ['Thresholds', `${rules.thresholds.join(', ')} days${rules.expired ? ', and expired' : ''}`],
    ['ACM-renewed (ELIGIBLE)', `${rules.eligibleThresholds.join(', ')} days${rules.expired ? ', and expired' : ''}`],
    ['Certificates', rules.scope === 'both' ? 'repository and cloud' : rules.scope],
    ['Tags', rules.tags.length ? rules.tags.join(', ') : 'any'],
    ['Events', rules.events.join(', ')],
    ['Stuck after', `${rules.stuckAfterHours} h`],
    ['Channels', rules.channels.length ? rules.channels.join(', ') : 'every channel'],
  ])
}

/** `notify rules [flags]`: shows the rules, or changes the fields given. */
export function registerNotifyRules(notify: Command, ctx: CommandContext): void {
  notify
    .command('rules')
    .description('show the expiry notification rules, or change the ones given')
    .addOption(new Option('--thresholds <days>', 'days before expiry, each told once (e.g. 30,14,7,1)'))
    .addOption(
      new Option(
        '--eligible-thresholds <days>',
        'thresholds of Amazon-issued certificates ACM renews itself (e.g. 7,1)',
      ),
    )
    .option('--expired', 'tell when a certificate has expired (default)')
    .option('--no-expired', 'do not tell when a certificate has expired')
    .addOption(new Option('--scope <scope>', 'repository, cloud or both').argParser(scope))
    .option(
      '--tag <key=value>',
      'only repository certificates with this tag (repeatable; KEY alone: any value)',
      collect(tagSelector),
    )
    .option('--any-tag', 'drop the tag selector')
    .addOption(new Option('--events <list>', 'the events told, comma-separated'))
    .addOption(new Option('--stuck-after <hours>', 'a request pending longer is stuck').argParser(parsePositiveInt))
    .option('--channel <name>', 'send only to these channels (repeatable)', collect(String))
    .option('--all-channels', 'send to every channel (default)')
    .addOption(jsonOption())
    .action(async (flags: RulesFlags, command: Command) => {
      const given = (name: string) => command.getOptionValueSource(name) === 'cli'
      const patch: RulesPatch = {
        ...(flags.thresholds ? { thresholds: await thresholdList(flags.thresholds) } : {}),
        ...(flags.eligibleThresholds ? { eligibleThresholds: await thresholdList(flags.eligibleThresholds) } : {}),
        ...(given('expired') ? { expired: flags.expired === true } : {}),
        ...(flags.scope ? { scope: flags.scope } : {}),
        ...(flags.tag ? { tags: flags.tag } : flags.anyTag ? { tags: [] } : {}),
        ...(flags.events ? { events: await eventList(flags.events) } : {}),
        ...(flags.stuckAfter !== undefined ? { stuckAfterHours: flags.stuckAfter } : {}),
        ...(flags.channel ? { channels: flags.channel } : flags.allChannels ? { channels: [] } : {}),
      }
      const notifications = await notificationsOf(ctx)
      const rules = Object.keys(patch).length ? await notifications.setRules(patch) : await notifications.rules()
      writeResult(ctx.io, flags.json, rules, () => rulesText(rules))
    })
}
