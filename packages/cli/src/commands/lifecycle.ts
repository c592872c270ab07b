import type { RevocationReason } from '@certdeck/core'
import { type Command, Option } from 'commander'
import { REVOCATION_REASON_CHOICES } from '../aws-choices.js'
import { anyCase } from '../choices.js'
import type { CommandContext } from '../context.js'
import { inputError } from '../errors.js'
import { writeResult } from '../io.js'
import { usageText } from '../health-views.js'
import { certificateSummary } from '../views.js'
import { canPrompt, confirm } from '../tty-prompt.js'
import { nextStep, requestTable } from '../request-views.js'
import { jsonOption, type JsonFlag } from './options.js'

const REF = 'an ACM ARN, a repository certificate id (or unique prefix) or a request id'

/** Asks on a terminal unless `--yes`; without a terminal and without `--yes`, refuses (exit 2). */
export async function confirmed(
  ctx: CommandContext,
  yes: boolean | undefined,
  question: string,
  refusal: string,
): Promise<boolean> {
  if (yes) return true
  if (!canPrompt(ctx.io)) throw inputError('CONFIRMATION_REQUIRED', `${refusal} Pass --yes to go ahead.`)
  return confirm(ctx.io, question)
}

/** `renew`, `revoke`, `retrieve-key` and `delete`: the details menu of an ACM certificate. */
export function registerLifecycleCommands(program: Command, ctx: CommandContext): void {
  program
    .command('renew')
    .description(
      'renew a private certificate (RenewCertificate); the new body becomes a new version and auto-redeploy runs',
    )
    .argument('<ref>', REF)
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag) => {
      const renewal = await (await ctx.openDeck()).lifecycle.renew(ref)
      writeResult(ctx.io, flags.json, renewal, () =>
        [requestTable([renewal]), nextStep(renewal)].filter(Boolean).join('\n'),
      )
    })

  program
    .command('revoke')
    .description('revoke a private certificate (ACM Private CA) or an exported public one (ACM); asks first')
    .argument('<ref>', REF)
    .addOption(
      anyCase(
        new Option('--reason <reason>', 'the revocation reason'),
        REVOCATION_REASON_CHOICES,
      ).makeOptionMandatory(),
    )
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag & { reason: RevocationReason; yes?: boolean }) => {
      const deck = await ctx.openDeck()
      // What breaks is told before anything is asked or done: the resources that serve it now.
      const usage = deck.cloud.usage ? await deck.cloud.usage(ref) : undefined
      const used = usage !== undefined && usage.inUseBy.length > 0
      if (used) ctx.io.stderr.write(`${usageText(usage)}\n`)
      const impact = used
        ? ` ${usage.sentence[0].toUpperCase()}${usage.sentence.slice(1)}: they will serve a revoked certificate.`
        : ''
      const agreed = await confirmed(
        ctx,
        flags.yes,
        `Revoke ${ref} (${flags.reason})?${impact} Revocation cannot be undone: clients stop trusting the certificate.`,
        `Refusing to revoke ${ref} without confirmation:${impact} Revocation cannot be undone.`,
      )
      if (agreed) await deck.lifecycle.revoke(ref, flags.reason)
      const usedBy = usage?.inUseBy ?? []
      writeResult(ctx.io, flags.json, { ref, revoked: agreed, reason: flags.reason, usedBy }, () =>
        agreed
          ? `Revoked ${ref} (${flags.reason}). It no longer shows in certs list (see certs list --all); aws ` +
            `list shows it REVOKED.`
          : 'Nothing was revoked.',
      )
    })

  program
    .command('retrieve-key')
    .description(
      'export the private key of a private (or exportable) certificate from ACM and seal it in the vault; ' +
        'AWS charges per export',
    )
    .argument('<ref>', REF)
    .option('--yes', 'agree to the charge AWS makes for each export')
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag & { yes?: boolean }) => {
      if (!flags.yes) {
        throw inputError(
          'CONFIRMATION_REQUIRED',
          `Retrieving the private key of ${ref} calls ACM ExportCertificate, which AWS charges for each time. ` +
            'The key is exported under a random passphrase that never leaves CertDeck, checked against the ' +
            'certificate and sealed in the vault. Run again with --yes to go ahead.',
        )
      }
      const certificate = await (await ctx.openDeck()).lifecycle.retrieveKey(ref)
      const summary = certificateSummary(certificate)
      writeResult(
        ctx.io,
        flags.json,
        summary,
        () =>
          `Sealed the private key of ${summary.commonName} (${summary.id}) in the vault; it matches the certificate.`,
      )
    })

  program
    .command('delete')
    .description('forget an ACM certificate in CertDeck (its entry, cloud record and requests); ACM keeps it')
    .argument('<ref>', REF)
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .addOption(jsonOption())
    .action(async (ref: string, flags: JsonFlag & { yes?: boolean }) => {
      const agreed = await confirmed(
        ctx,
        flags.yes,
        `Remove ${ref} from CertDeck? ACM keeps the certificate (delete it in ACM yourself); the next ` +
          `discovery shows it again.`,
        `Refusing to remove ${ref} from CertDeck without confirmation (ACM keeps the certificate either way).`,
      )
      if (agreed) await (await ctx.openDeck()).lifecycle.delete(ref)
      writeResult(ctx.io, flags.json, { ref, removed: agreed }, () =>
        agreed
          ? `Removed ${ref} from CertDeck. ACM keeps the certificate; the next discovery shows it again.`
          : 'Nothing was removed.',
      )
    })
}
