import type { CloudCertificate } from '@certdeck/core'
import type { Command } from 'commander'
import { cloudExpiry, cloudExpiryTable, type CloudExpiry } from '../cloud-views.js'
import type { CommandContext } from '../context.js'
import { ExitCode, isCertDeckError } from '../errors.js'
import { formatTable, writeResult } from '../io.js'
import { parseDuration } from '../parse.js'
import { certificateSummary, daysLeftText, type CertificateSummary } from '../views.js'
import { jsonOption, type JsonFlag } from './options.js'

/** What `expiring --json` prints. */
export interface ExpiringResult {
  /** Repository certificates. */
  readonly certificates: readonly CertificateSummary[]
  /** Discovered cloud certificates not linked to a repository certificate. */
  readonly cloud: readonly CloudExpiry[]
}

/**
 * `expiring`: a check for scripts and CI over the repository and the discovered cloud
 * certificates; exit 3 when something expires inside the window.
 */
export function registerExpiringCommands(program: Command, ctx: CommandContext): void {
  program
    .command('expiring')
    .description(
      'list repository and discovered cloud certificates expiring within a window (expired ones included); ' +
        'exit 3 if any',
    )
    .option(
      '--within <duration>',
      'the window: days (30), or a number with h, d or w (12h, 30d, 2w); default: the largest configured threshold',
      parseDuration,
    )
    .addOption(jsonOption())
    .action(async (options: JsonFlag & { within?: number }) => {
      const deck = await ctx.openDeck()
      const days = options.within ?? Math.max(...deck.config.expiryThresholdsDays)
      const now = Date.now()
      const certificates = (await deck.certificates.expiring(days)).map((cert) => certificateSummary(cert, now))
      let cloud: CloudCertificate[] = []
      let unchecked: string | undefined
      try {
        cloud = await deck.cloud.expiring(days)
      } catch (error) {
        // The repository part still stands; the check as a whole did not run, which a script must see.
        if (!isCertDeckError(error)) throw error
        unchecked = error.message
      }
      const result: ExpiringResult = { certificates, cloud: cloud.filter(hasNotAfter).map((c) => cloudExpiry(c, now)) }
      if (result.certificates.length > 0 || result.cloud.length > 0) ctx.exitCode = ExitCode.found
      writeResult(ctx.io, options.json, result, () => expiringText(result, days, unchecked === undefined))
      if (unchecked) {
        ctx.io.stderr.write(`certdeck: cloud certificates were not checked: ${unchecked}\n`)
        ctx.exitCode = ExitCode.failed
      }
    })
}

function hasNotAfter(c: CloudCertificate): c is CloudCertificate & { readonly notAfter: string } {
  return c.notAfter !== undefined
}

function expiringText({ certificates, cloud }: ExpiringResult, days: number, cloudChecked: boolean): string {
  const window = windowText(days)
  if (certificates.length === 0 && cloud.length === 0 && cloudChecked) return `Nothing expires within ${window}.`
  const parts = [
    certificates.length === 0
      ? `No repository certificate expires within ${window}.`
      : `${certificates.length} certificate(s) expire within ${window}:\n` +
        formatTable(
          ['DAYS LEFT', 'ID', 'COMMON NAME', 'NOT AFTER', 'STATE'],
          certificates.map((c) => [String(c.daysLeft), c.id, c.commonName, c.notAfter, daysLeftText(c.daysLeft)]),
        ),
  ]
  if (cloud.length > 0) {
    parts.push(
      `${cloud.length} cloud certificate(s) outside the repository expire within ` +
        `${window}:\n${cloudExpiryTable(cloud)}`,
    )
    if (cloud.some((c) => c.kind === 'AMAZON_ISSUED' && c.renewalEligibility === 'ELIGIBLE')) {
      parts.push(
        'ACM renews eligible Amazon-issued certificates itself (RENEWAL ELIGIBLE); check that their ' +
          'validation still works.',
      )
    }
  }
  return parts.join('\n\n')
}

function windowText(days: number): string {
  if (Number.isInteger(days)) return days === 1 ? '1 day' : `${days} days`
  const hours = Math.round(days * 24)
  return hours === 1 ? '1 hour' : `${hours} hours`
}
