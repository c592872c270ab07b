import type { DiscoveryEvent, RenewalFilter } from '@certdeck/core'
import { type Command, Option } from 'commander'
import { cloudTable, discoverySummaryText, parseRegions } from '../cloud-views.js'
import type { CommandContext } from '../context.js'
import { ExitCode } from '../errors.js'
import { registerAwsShow } from './aws-show.js'
import { writeResult } from '../io.js'
import { allowUnknownRegionOption, jsonOption, regionCheck, type JsonFlag, type RegionFlags } from './options.js'

/** Core's renewal filters, written here so the CLI does not load core to build its options (checked against core's type). */
const RENEWAL_FILTERS: readonly RenewalFilter[] = ['at-risk', 'failing']

interface DiscoverFlags extends JsonFlag, RegionFlags {
  readonly credential?: string
  readonly regions?: string[]
  readonly iam: boolean
  readonly bodies?: boolean
  readonly details?: boolean
  readonly verbose?: boolean
}

interface ListFlags extends JsonFlag {
  readonly kind?: string
  readonly region?: string
  readonly drift?: boolean
  readonly renewal?: string
}

/** `discover` (scan AWS) and `aws list` (what the last scans found). */
export function registerDiscoverCommands(program: Command, ctx: CommandContext): void {
  program
    .command('discover')
    .description(
      'scan ACM in every region (in parallel) and IAM for certificates; progress goes to stderr; exit 1 ' +
        'when a region failed',
    )
    .option('--credential <name>', 'only this credential (default: every credential)')
    .option(
      '--regions <list>',
      'comma-separated regions, or all (default: config.json "regions", else every ACM region)',
      parseRegions,
    )
    .addOption(allowUnknownRegionOption())
    .option('--no-iam', 'skip IAM server certificates')
    .option(
      '--details',
      'then describe the certificates that matter (in use, expiring within 60 days, renewal-eligible; ' +
        '10/s per region) for what uses them and renewal health',
    )
    .option(
      '--bodies',
      'then read every certificate body not read yet (10/s per region; resumable) so the repository holds them all',
    )
    .option('--verbose', 'report every region on stderr, those with nothing found too, and each error in full')
    .addOption(jsonOption())
    .action(async (flags: DiscoverFlags) => {
      const deck = await ctx.openDeck()
      // One line per region that found something or failed; the summary groups the errors.
      const progress = (unit: string) => (event: DiscoveryEvent) => {
        const who = event.credential ? `${event.credential} ` : ''
        if (event.type === 'region-done' && (event.found > 0 || flags.verbose))
          ctx.io.stderr.write(`${who}${event.region}: ${event.found} ${unit}\n`)
        if (event.type === 'region-failed')
          ctx.io.stderr.write(`${who}${event.region}: failed${flags.verbose ? `: ${event.error}` : ''}\n`)
      }
      const scope = {
        ...(flags.credential ? { credential: flags.credential } : {}),
        ...(flags.regions ? { regions: flags.regions } : {}),
      }
      const summary = await deck.cloud.discover({
        ...scope,
        ...regionCheck(flags),
        iam: flags.iam,
        onEvent: progress('certificates'),
      })
      const bodies =
        flags.bodies && deck.cloud.importBodies
          ? await deck.cloud.importBodies({ ...scope, onEvent: progress('bodies read') })
          : undefined
      const details =
        flags.details && deck.cloud.readDetails
          ? await deck.cloud.readDetails({ ...scope, onEvent: progress('certificates described') })
          : undefined
      writeResult(
        ctx.io,
        flags.json,
        { ...summary, ...(bodies ? { bodies } : {}), ...(details ? { details } : {}) },
        () =>
          [
            discoverySummaryText(summary),
            ...(bodies
              ? [
                  `Read ${bodies.fetched} bodies: ${bodies.added} new certificates in the repository, ` +
                    `${bodies.failed} unread (run again to retry).`,
                ]
              : []),
            ...(details
              ? [
                  `Described ${details.read} certificates (what uses them, ACM's renewal): ` +
                    `${details.failed} unread (run again to retry). See certdeck aws list --renewal at-risk.`,
                ]
              : []),
          ].join('\n'),
      )
      // A partial scan kept what it could, but a script must not take it for a complete one.
      if (summary.failedRegions.length > 0) ctx.exitCode = ExitCode.failed
    })

  const aws = program.command('aws').description('certificates found in AWS (ACM and IAM)')
  aws
    .command('list')
    .description('list the certificates the last discoveries found')
    .option('--kind <kind>', 'public (Amazon-issued), private or imported')
    .option('--region <region>', 'one region, or global for IAM')
    .option('--drift', 'only deployed certificates whose cloud copy drifted')
    .addOption(
      new Option(
        '--renewal <health>',
        'only Amazon-issued certificates whose renewal by ACM is at risk or failing',
      ).choices(RENEWAL_FILTERS),
    )
    .addOption(jsonOption())
    .action(async (flags: ListFlags) => {
      const records = await (await ctx.openDeck()).cloud.list({
        ...(flags.kind ? { kind: flags.kind } : {}),
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.drift ? { drift: true } : {}),
        ...(flags.renewal ? { renewal: flags.renewal } : {}),
      })
      writeResult(ctx.io, flags.json, records, () =>
        records.length
          ? cloudTable(records)
          : flags.renewal
            ? `No Amazon-issued certificate's renewal is ${flags.renewal} (as the last discovery and details pass ` +
              'saw them: certdeck discover --details reads them again).'
            : 'Nothing found: run certdeck discover first, or loosen the filters.',
      )
    })
  registerAwsShow(aws, ctx)
}
