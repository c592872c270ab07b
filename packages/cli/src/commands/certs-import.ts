import type { InputFile } from '@certdeck/core'
import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { readInputFiles } from '../files.js'
import { writeResult } from '../io.js'
import { collect, parseTag } from '../parse.js'
import { SecretEnv } from '../secrets.js'
import { certificateSummary } from '../views.js'
import { jsonOption, type JsonFlag } from './options.js'

interface ImportFlags extends JsonFlag {
  readonly tag?: [string, string][]
  readonly passphraseStdin?: boolean
  readonly renews?: string
}

/** `certs import`. */
export function registerCertsImportCommand(certs: Command, ctx: CommandContext): void {
  certs
    .command('import')
    .description(
      'import a certificate with its key and chain (PEM files in any order, or one .p12/.pfx); ' +
        'a newer certificate for a held key or name becomes a new version',
    )
    .argument('<file...>', 'PEM files (certificate, key, chain) or one PKCS#12 file')
    .option('--tag <key=value>', 'tag the entry (repeatable)', collect(parseTag))
    .option(
      '--renews <id>',
      'the entry this certificate renews (id or prefix), when several entries have its names; ' +
        'by default: the one holding its key, else the deployed one, else the latest-expiring',
    )
    .option(
      '--passphrase-stdin',
      `read the key or PKCS#12 passphrase from stdin (else ${SecretEnv.keyPassphrase} or a prompt)`,
    )
    .addOption(jsonOption())
    .action(async (paths: string[], options: ImportFlags) => {
      const files = await readInputFiles(paths)
      const deck = await ctx.openDeck()
      const encrypted = files.find(isEncrypted)
      const passphrase =
        encrypted || options.passphraseStdin
          ? await ctx.secrets.read({
              label: encrypted ? `passphrase of ${encrypted.name}` : 'key passphrase',
              env: SecretEnv.keyPassphrase,
              stdinFlag: '--passphrase-stdin',
              fromStdin: options.passphraseStdin === true,
              allowEmpty: true,
            })
          : undefined
      const result = await deck.certificates.import({
        files,
        passphrase,
        tags: options.tag ? Object.fromEntries(options.tag) : undefined,
        ...(options.renews !== undefined ? { renews: options.renews } : {}),
      })
      const certificate = certificateSummary(result.certificate)
      const renewal = result.renewal ? { renewal: result.renewal } : {}
      writeResult(ctx.io, options.json, { outcome: result.outcome, certificate, ...renewal }, () => {
        const what = `${certificate.commonName} (${certificate.id})`
        if (result.outcome === 'created') return `Imported ${what}.`
        if (result.outcome === 'renewed')
          return (
            `Imported ${what} as version ${certificate.version}, renewing entry ${certificate.id}. ` +
            `Why this entry: ${result.renewal?.message ?? 'same names'}.`
          )
        return `Already held: ${what}; nothing changed.`
      })
    })
}

/** An encrypted PEM key, or a PKCS#12 file (always password-based). */
function isEncrypted(file: InputFile): boolean {
  const text = Buffer.from(file.data).toString('latin1')
  if (text.includes('-----BEGIN ')) {
    return text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /Proc-Type:\s*4,ENCRYPTED/.test(text)
  }
  return isPkcs12(file.data)
}

/**
 * PKCS#12 DER is a SEQUENCE whose first element is INTEGER 3 (the PFX version); a DER
 * certificate's first element is another SEQUENCE. Enough to know a password will be needed.
 */
function isPkcs12(data: Uint8Array): boolean {
  if (data[0] !== 0x30 || data.length < 5) return false
  const header = data[1] < 0x80 ? 2 : 2 + (data[1] & 0x7f)
  return data[header] === 0x02 && data[header + 1] === 0x01 && data[header + 2] === 0x03
}
