import type { CreateOptions } from '@certdeck/core'
import { type Command, Option } from 'commander'
import { anyCase } from '../choices.js'
import type { CommandContext } from '../context.js'
import { assertWritable, writePrivateFile } from '../files.js'
import { writeResult } from '../io.js'
import { collect, KEY_CHOICES, parsePositiveInt, parseTag } from '../parse.js'
import { certificateSummary, pendingKeySummary } from '../views.js'
import { forceOption, jsonOption, type JsonFlag } from './options.js'

interface SubjectFlags extends JsonFlag {
  readonly cn: string
  readonly san?: string[]
  readonly key?: string
}

/** `certs create` (self-signed) and `certs csr` (key kept pending, CSR signed elsewhere). */
export function registerCertsCreateCommands(certs: Command, ctx: CommandContext): void {
  subjectOptions(certs.command('create'))
    .description('generate a key and a self-signed certificate')
    .option('--days <n>', 'validity in days (default: 365)', parsePositiveInt)
    .option('--tag <key=value>', 'tag the entry (repeatable)', collect(parseTag))
    .addOption(jsonOption())
    .action(async (options: SubjectFlags & { days?: number; tag?: [string, string][] }) => {
      const deck = await ctx.openDeck()
      const cert = await deck.certificates.create({
        ...createOptions(options),
        days: options.days,
        tags: options.tag ? Object.fromEntries(options.tag) : undefined,
      })
      const summary = certificateSummary(cert)
      writeResult(
        ctx.io,
        options.json,
        summary,
        () =>
          `Created ${summary.commonName} (${summary.id}): self-signed ${summary.keyAlgorithm}, ` +
          `valid until ${summary.notAfter}.`,
      )
    })

  subjectOptions(certs.command('csr'))
    .description(
      'generate a key and a certificate signing request; the key stays sealed in the repository ' +
        'until the signed certificate is imported',
    )
    .option('--out <file>', 'write the CSR to FILE (else print it)')
    .addOption(forceOption())
    .addOption(jsonOption())
    .action(async (options: SubjectFlags & { out?: string; force?: boolean }) => {
      if (options.out) await assertWritable(options.out, options.force === true)
      const deck = await ctx.openDeck()
      const pending = await deck.certificates.createCsr(createOptions(options))
      if (options.out) await writePrivateFile(options.out, pending.csrPem, options.force === true)
      const summary = { ...pendingKeySummary(pending), out: options.out ?? null }
      writeResult(ctx.io, options.json, summary, () => {
        if (!options.out) return pending.csrPem
        return (
          `Wrote the CSR for ${summary.commonName} to ${options.out}; its key is sealed in the ` +
          `repository (pending key ${summary.id}). Import the signed certificate with certdeck certs import.`
        )
      })
    })
}

function subjectOptions(command: Command): Command {
  return command
    .requiredOption('--cn <name>', 'the common name')
    .option('--san <name>', 'a subject alternative name, DNS name or IP (repeatable)', collect(String))
    .addOption(anyCase(new Option('--key <type>', 'the key to generate (default: p256)'), Object.keys(KEY_CHOICES)))
}

function createOptions(options: SubjectFlags): CreateOptions {
  return {
    commonName: options.cn,
    sans: options.san,
    keyAlgorithm: options.key ? KEY_CHOICES[options.key] : undefined,
  }
}
