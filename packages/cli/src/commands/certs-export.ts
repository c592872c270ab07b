import { type Command, Option } from 'commander'
import { anyCase } from '../choices.js'
import type { CommandContext } from '../context.js'
import { inputError } from '../errors.js'
import { assertWritable, writePrivateFile } from '../files.js'
import { writeResult } from '../io.js'
import { SecretEnv } from '../secrets.js'
import { forceOption, jsonOption, type JsonFlag } from './options.js'

interface ExportFlags extends JsonFlag {
  readonly out: string
  readonly format: 'pem' | 'p12'
  readonly withKey?: boolean
  readonly force?: boolean
  readonly passphraseStdin?: boolean
}

/** `certs export`. */
export function registerCertsExportCommand(certs: Command, ctx: CommandContext): void {
  certs
    .command('export')
    .description('write a certificate with its chain (and, on request, its key) to a file with mode 0600')
    .argument('<ref>', 'id, unique id prefix or unique SHA-256 fingerprint prefix')
    .requiredOption('--out <file>', 'the file to write')
    .addOption(anyCase(new Option('--format <format>', 'PEM bundle or PKCS#12'), ['pem', 'p12']).default('pem'))
    .option('--with-key', 'include the private key (unencrypted PKCS#8 in PEM)')
    .option(
      '--passphrase-stdin',
      `read the PKCS#12 password from stdin (else ${SecretEnv.exportPassphrase} or a prompt)`,
    )
    .addOption(forceOption())
    .addOption(jsonOption())
    .action(async (ref: string, options: ExportFlags) => {
      if (options.passphraseStdin && options.format !== 'p12') {
        throw inputError(
          'OPTION_CONFLICT',
          '--passphrase-stdin goes with --format p12 only; a PEM export has no password.',
        )
      }
      const force = options.force === true
      await assertWritable(options.out, force)
      const deck = await ctx.openDeck()
      const cert = await deck.certificates.get(ref)
      const passphrase =
        options.format === 'p12'
          ? await ctx.secrets.read({
              label: 'PKCS#12 password',
              env: SecretEnv.exportPassphrase,
              stdinFlag: '--passphrase-stdin',
              fromStdin: options.passphraseStdin === true,
              isNew: true,
            })
          : undefined
      const data = await deck.certificates.export(cert.id, {
        format: options.format === 'p12' ? 'pkcs12' : 'pem',
        includeKey: options.withKey === true,
        passphrase,
      })
      await writePrivateFile(options.out, data, force)
      const result = {
        id: cert.id,
        out: options.out,
        format: options.format,
        withKey: options.withKey === true,
        bytes: data.byteLength,
      }
      writeResult(ctx.io, options.json, result, () => {
        const contents = options.withKey ? 'certificate, chain and private key' : 'certificate and chain'
        return `Wrote the ${contents} of ${cert.commonName} (${cert.id}) to ${options.out} (mode 0600).`
      })
    })
}
