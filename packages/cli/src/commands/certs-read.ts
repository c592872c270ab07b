import type { CertDeck, Certificate } from '@certdeck/core'
import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { writeResult } from '../io.js'
import { parsePositiveInt } from '../parse.js'
import { certificateDetail, certificateFields, certificateSummary, certificateTable } from '../views.js'
import { jsonOption, type JsonFlag } from './options.js'

/** `certs list` and `certs show`. */
export function registerCertsReadCommands(certs: Command, ctx: CommandContext): void {
  certs
    .command('list')
    .description('list certificates, optionally filtered')
    .option('--search <text>', 'case-insensitive text in the CN, SANs, issuer, serial, fingerprint, id or a tag')
    .option('--tag <key[=value]>', 'only certificates with this tag (and value)')
    .option('--all', 'include certificates revoked through CertDeck (tag certdeck:revoked)')
    .option('--wide', 'print every cell whole (by default the table fits 100 columns: long tags and names are cut)')
    .option('--limit <n>', 'show at most n matches (a page)', parsePositiveInt)
    .option('--offset <n>', 'skip the first n matches', parsePositiveInt)
    .addOption(jsonOption())
    .action(
      async (
        options: JsonFlag & {
          search?: string
          tag?: string
          all?: boolean
          wide?: boolean
          limit?: number
          offset?: number
        },
      ) => {
        const deck = await ctx.openDeck({ local: true })
        const found = await deck.certificates.list({
          search: options.search,
          tag: options.tag,
          ...(options.all ? { includeRevoked: true } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(options.offset !== undefined ? { offset: options.offset } : {}),
        })
        const summaries = found.map((cert) => certificateSummary(cert))
        writeResult(ctx.io, options.json, summaries, () =>
          summaries.length > 0
            ? certificateTable(summaries, { wide: options.wide })
            : options.search || options.tag
              ? 'No certificate matches.'
              : 'No certificates yet: add one with certdeck certs import or certs create.',
        )
      },
    )

  certs
    .command('show')
    .description('show everything public about a certificate (never its key)')
    .argument('<ref>', 'id, unique id prefix or unique SHA-256 fingerprint prefix')
    .addOption(jsonOption())
    .action(async (ref: string, options: JsonFlag) => {
      const deck = await ctx.openDeck()
      const cert = await deck.certificates.get(ref)
      const detail = certificateDetail(cert, await deploymentCount(deck, cert))
      writeResult(ctx.io, options.json, detail, () => certificateFields(detail))
    })
}

/** The count of deployments of `cert`, or null when deployments cannot be listed here. */
async function deploymentCount(deck: CertDeck, cert: Certificate): Promise<number | null> {
  try {
    const deployments = await deck.deployments.list()
    return deployments.filter((d) => d.certificateId === cert.id).length
  } catch {
    // Deployments belong to the cloud plugins; without them `show` still works.
    return null
  }
}
