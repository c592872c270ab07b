import type { CertificateRequest, RequestKeyAlgorithm } from '@certdeck/core'
import { terminalSafe } from '@certdeck/core/text'
import { type Command, Option } from 'commander'
import { REQUEST_KEY_ALGORITHM_CHOICES } from '../aws-choices.js'
import { anyCase } from '../choices.js'
import type { CommandContext } from '../context.js'
import { writeResult } from '../io.js'
import { collect, parseTag } from '../parse.js'
import { defaultAuthority } from '../request-defaults.js'
import {
  addWaitOptions,
  catchInterrupt,
  checkWaitFlags,
  requestedLine,
  type WaitFlags,
  waitAndReport,
} from './request-wait.js'
import { authorityTable, bindRecords, nextStep, recordsText, requestFields, requestTable } from '../request-views.js'
import {
  allowUnknownRegionOption,
  type CredentialFlag,
  credentialOption,
  jsonOption,
  regionCheck,
  type JsonFlag,
  type RegionFlags,
} from './options.js'

interface CommonFlags extends JsonFlag, RegionFlags, CredentialFlag, WaitFlags {
  readonly region?: string
  readonly san?: string[]
  readonly keyAlgorithm?: RequestKeyAlgorithm
  readonly tag?: [string, string][]
}

function common(command: Command): Command {
  const withFlags = command
    .argument('<domain>', 'the domain name (the common name; a wildcard only as the leftmost label)')
    .addOption(credentialOption('the credential of the account to request in'))
    .option('--region <region>', "the ACM region (default: the credential's default region, else us-east-1)")
    .addOption(allowUnknownRegionOption())
    .option('--san <name>', 'another name on the certificate (repeatable)', collect(String))
    .addOption(anyCase(new Option('--key-algorithm <alg>', 'the key ACM generates'), REQUEST_KEY_ALGORITHM_CHOICES))
    .option('--tag <key=value>', 'an ACM tag (repeatable)', collect(parseTag))
    .addOption(jsonOption())
  return addWaitOptions(withFlags)
}

const tagsOf = (flags: CommonFlags) => (flags.tag ? { tags: Object.fromEntries(flags.tag) } : {})

/** Prints a request: JSON, or its table line and the next step. */
function writeRequest(ctx: CommandContext, json: boolean | undefined, request: CertificateRequest): void {
  writeResult(ctx.io, json, request, () => [requestTable([request]), nextStep(request)].filter(Boolean).join('\n'))
}

/** Makes a request and prints it, or with `--wait` (Ctrl-C caught from the start) waits until it is issued. */
async function requested(
  ctx: CommandContext,
  flags: CommonFlags,
  domain: string,
  make: () => Promise<CertificateRequest>,
): Promise<void> {
  if (!flags.wait) return writeRequest(ctx, flags.json, await make())
  const interrupt = catchInterrupt(ctx)
  try {
    ctx.io.stderr.write(`${terminalSafe(`requesting ${domain}…`)}\n`)
    const made = await make()
    requestedLine(ctx, made)
    await waitAndReport(ctx, await ctx.openDeck(), made, flags, interrupt)
  } finally {
    interrupt.release()
  }
}

/**
 * `request public|private [--wait]` and
 * `requests list|show|refresh|deploy-challenge|wait|records|resend-email|authorities`.
 */
export function registerRequestCommands(program: Command, ctx: CommandContext): void {
  const request = program
    .command('request')
    .description('request a certificate from ACM (public, or private from an ACM Private CA)')
  common(request.command('public'))
    .description('request a public certificate; exit 2 on a bad name before any AWS call')
    .addOption(
      anyCase(new Option('--validation <method>', 'how ACM checks you control the names'), ['DNS', 'EMAIL']).default(
        'DNS',
      ),
    )
    .option(
      '--dns-provider <name>',
      'DNS validation: the configured DNS provider that writes the records (default: the one whose zones ' +
        'cover every name)',
    )
    .option('--no-dns-provider', 'DNS validation: no DNS provider; you create the records (certdeck requests records)')
    .option('--exportable', 'make the key exportable (AWS charges for exportable public certificates)')
    .action(
      async (
        domain: string,
        flags: CommonFlags & { validation: 'DNS' | 'EMAIL'; dnsProvider?: string | false; exportable?: boolean },
        command: Command,
      ) => {
        checkWaitFlags(command, flags)
        if (flags.exportable)
          ctx.io.stderr.write(
            'certdeck: note: AWS charges for an exportable public certificate (and for each export of its key).\n',
          )
        const credential = await ctx.credential(flags.credential)
        const deck = await ctx.openDeck()
        await requested(ctx, flags, domain, () =>
          deck.requests.requestPublic({
            credential,
            domain,
            validation: flags.validation,
            ...(flags.region ? { region: flags.region } : {}),
            ...(flags.san ? { sans: flags.san } : {}),
            ...(flags.keyAlgorithm ? { keyAlgorithm: flags.keyAlgorithm } : {}),
            ...(flags.dnsProvider !== undefined ? { dnsProvider: flags.dnsProvider } : {}),
            ...(flags.exportable ? { exportable: true } : {}),
            ...tagsOf(flags),
            ...regionCheck(flags),
          }),
        )
      },
    )
  common(request.command('private'))
    .description('request a private certificate signed by an ACTIVE ACM Private CA')
    .option(
      '--ca <arn>',
      "the ARN of the private CA (default: the region's only ACTIVE one; see certdeck requests authorities)",
    )
    .action(async (domain: string, flags: CommonFlags & { ca?: string }, command: Command) => {
      checkWaitFlags(command, flags)
      const credential = await ctx.credential(flags.credential)
      const deck = await ctx.openDeck()
      const caArn = flags.ca ?? (await defaultAuthority(deck, credential, flags.region, regionCheck(flags)))
      await requested(ctx, flags, domain, () =>
        deck.requests.requestPrivate({
          credential,
          caArn,
          domain,
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.san ? { sans: flags.san } : {}),
          ...(flags.keyAlgorithm ? { keyAlgorithm: flags.keyAlgorithm } : {}),
          ...tagsOf(flags),
          ...regionCheck(flags),
        }),
      )
    })

  const requests = program.command('requests').description('requests to ACM and their validation')
  requests
    .command('list')
    .description('every request and renewal, newest first')
    .addOption(jsonOption())
    .action(async (flags: JsonFlag) => {
      const list = await (await ctx.openDeck()).requests.list()
      writeResult(ctx.io, flags.json, list, () =>
        list.length ? requestTable(list) : 'No requests yet: make one with certdeck request public or request private.',
      )
    })
  requests
    .command('show')
    .description('a request with its validations and history')
    .argument('<ref>', 'request id, unique id prefix or ARN')
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag) => {
      const found = await (await ctx.openDeck()).requests.get(ref)
      writeResult(ctx.io, flags.json, found, () => [requestFields(found), nextStep(found)].filter(Boolean).join('\n'))
    })
  requests
    .command('refresh')
    .description('sync one request (or every unfinished one) with ACM; issued ones enter the repository')
    .argument('[ref]', 'request id, unique id prefix or ARN (default: every unfinished request)')
    .addOption(jsonOption())
    .action(async (ref: string | undefined, flags: JsonFlag) => {
      const synced = await (await ctx.openDeck()).requests.refresh(ref)
      writeResult(ctx.io, flags.json, synced, () =>
        synced.length ? requestTable(synced) : 'No unfinished request to refresh.',
      )
    })
  requests
    .command('deploy-challenge')
    .description('write the DNS validation records through the DNS provider, wait until in sync and until ACM issues')
    .argument('<ref>', 'request id, unique id prefix or ARN')
    .option('--dns-provider <name>', "a configured DNS provider (default: the request's)")
    .option('--allow-any-validation-target', 'accept a validation CNAME pointing outside acm-validations.aws')
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag & { dnsProvider?: string; allowAnyValidationTarget?: boolean }) => {
      const deployed = await (await ctx.openDeck()).requests.deployChallenge(ref, {
        ...(flags.dnsProvider !== undefined ? { dnsProvider: flags.dnsProvider } : {}),
        ...(flags.allowAnyValidationTarget ? { allowAnyValidationTarget: true } : {}),
        onEvent: (e) =>
          ctx.io.stderr.write(
            e.type === 'zone'
              ? `zone ${e.zone}: ${e.records} record(s)\n`
              : e.type === 'written'
                ? `zone ${e.zone}: written\n`
                : `zone ${e.zone}: in sync\n`,
          ),
      })
      writeRequest(ctx, flags.json, deployed)
    })
  addWaitOptions(
    requests
      .command('wait')
      .description(
        'wait until ACM issues a request: deploys its DNS challenge through its provider first (or prints the ' +
          'records to create); progress on stderr',
      )
      .argument('<ref>', 'request id, unique id prefix or ARN'),
    false,
  )
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag & WaitFlags) => {
      const deck = await ctx.openDeck()
      await waitAndReport(ctx, deck, await deck.requests.get(ref), flags)
    })
  requests
    .command('records')
    .description('the DNS validation records to create (a wildcard and its apex share one)')
    .argument('<ref>', 'request id, unique id prefix or ARN')
    .addOption(
      anyCase(new Option('--format <format>', 'text, json or bind (zone-file lines)'), [
        'text',
        'json',
        'bind',
      ]).default('text'),
    )
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag & { format: 'text' | 'json' | 'bind' }) => {
      const records = await (await ctx.openDeck()).requests.records(ref)
      if (flags.format === 'bind' && !flags.json) {
        ctx.io.stdout.write(records.length ? `${bindRecords(records)}\n` : '')
        return
      }
      writeResult(ctx.io, flags.json || flags.format === 'json', records, () => recordsText(records))
    })
  requests
    .command('resend-email')
    .description('resend the validation email (within 72 hours of the request)')
    .argument('<ref>', 'request id, unique id prefix or ARN')
    .option('--domain <name>', 'only this domain of the request')
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag & { domain?: string }) => {
      const { emails } = await (await ctx.openDeck()).requests.resendEmail(
        ref,
        flags.domain ? { domain: flags.domain } : {},
      )
      writeResult(ctx.io, flags.json, { emails }, () => `Validation email resent to ${emails.join(', ')}.`)
    })
  requests
    .command('authorities')
    .description('the ACTIVE ACM Private CAs of an account, for request private --ca')
    .addOption(credentialOption())
    .option('--region <region>', "the region (default: the credential's default region, else us-east-1)")
    .addOption(allowUnknownRegionOption())
    .addOption(jsonOption())
    .action(async (flags: JsonFlag & RegionFlags & CredentialFlag & { region?: string }) => {
      const credential = await ctx.credential(flags.credential)
      const list = await (await ctx.openDeck()).requests.authorities(
        credential,
        flags.region,
        undefined,
        regionCheck(flags),
      )
      writeResult(ctx.io, flags.json, list, () => authorityTable(list))
    })
}
