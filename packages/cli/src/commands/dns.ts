import { resolve } from 'node:path'
import type { AddDnsProviderOptions, CertDeck, DnsProviderConfig } from '@certdeck/core'
import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { formatTable, writeResult } from '../io.js'
import { collect, parseTag } from '../parse.js'
import { jsonOption, type JsonFlag } from './options.js'

interface AddFlags extends JsonFlag {
  readonly name: string
  readonly credential?: string
  readonly zoneId?: string
  readonly addScript?: string
  readonly removeScript?: string
  readonly setting?: [string, string][]
}

/** `dns add|list|types|test|remove`: configured DNS providers that write validation records. */
export function registerDnsCommands(program: Command, ctx: CommandContext): void {
  const dns = program
    .command('dns')
    .description('DNS providers that write ACM validation records (Route 53, hook scripts, plugins)')

  dns
    .command('add')
    .description('configure a DNS provider of a loaded type (certdeck dns types lists them)')
    .argument('<type>', 'the provider type, e.g. route53 or hook')
    .requiredOption('--name <name>', 'a unique name, e.g. prod-dns')
    .option(
      '--credential <name>',
      'the AWS credential the provider uses (route53; may be another account than ACM; default: the default ' +
        'credential, or the only one)',
    )
    .option('--zone-id <id>', 'pin one zone: records go there instead of the detected zone (setting zoneId)')
    .option('--add-script <path>', 'hook: the script that adds a record (setting addScript)')
    .option('--remove-script <path>', 'hook: the script that removes a record (setting removeScript)')
    .option('--setting <key=value>', 'any setting of the type (repeatable)', collect(parseTag))
    .addOption(jsonOption())
    .action(async (type: string, flags: AddFlags) => {
      const deck = await ctx.openDeck()
      const settings: Record<string, string> = Object.fromEntries(flags.setting ?? [])
      if (flags.zoneId !== undefined) settings.zoneId = flags.zoneId
      // Scripts run later from another directory: keep them absolute.
      if (flags.addScript !== undefined) settings.addScript = resolve(flags.addScript)
      if (flags.removeScript !== undefined) settings.removeScript = resolve(flags.removeScript)
      // A type that needs a credential gets the default one, as every command taking --credential does.
      const needsOne = deck.dns.types().some((t) => t.id === type && t.credential === 'required')
      const credential = flags.credential ?? (needsOne ? await ctx.credential(undefined) : undefined)
      const options: AddDnsProviderOptions = {
        type,
        name: flags.name,
        settings,
        ...(credential !== undefined ? { credential } : {}),
      }
      const added = await deck.dns.add(options)
      writeResult(
        ctx.io,
        flags.json,
        added,
        () => `Added DNS provider ${added.name} (${added.providerId}). Check it with: certdeck dns test ${added.name}`,
      )
    })

  dns
    .command('list')
    .description('list configured DNS providers')
    .addOption(jsonOption())
    .action(async (flags: JsonFlag) => {
      const deck = await ctx.openDeck()
      const list = await deck.dns.providers()
      // Without the AWS plugin there are no credentials to name: show the ids.
      const credentials = list.some((p) => p.credentialId) ? await deck.credentials.list().catch(() => []) : []
      const names = new Map(credentials.map((c) => [c.id, c.name]))
      writeResult(ctx.io, flags.json, list, () =>
        list.length ? providerTable(deck, list, names) : 'No DNS providers yet: add one with certdeck dns add.',
      )
    })

  dns
    .command('types')
    .description('list the DNS provider types the loaded plugins offer, with their settings')
    .addOption(jsonOption())
    .action(async (flags: JsonFlag) => {
      const types = (await ctx.openDeck()).dns
        .types()
        .map((t) => ({ id: t.id, label: t.label, credential: t.credential, settings: t.settings }))
      writeResult(ctx.io, flags.json, types, () =>
        types.length
          ? formatTable(
              ['TYPE', 'CREDENTIAL', 'SETTINGS', 'LABEL'],
              types.map((t) => [
                t.id,
                t.credential,
                t.settings.map((s) => `${s.key}${s.required ? '*' : ''}`).join(', ') || '-',
                t.label,
              ]),
            )
          : 'No DNS provider types are loaded: list a DNS plugin package in config.json "plugins".',
      )
    })

  dns
    .command('test')
    .description("list the provider's zones (one cheap call) and explain any failure")
    .argument('<name>', 'the DNS provider')
    .addOption(jsonOption())
    .action(async (name: string, flags: JsonFlag) => {
      const { zones } = await (await ctx.openDeck()).dns.test(name)
      writeResult(ctx.io, flags.json, { name, ok: true, zones }, () =>
        [
          `OK: ${name} lists ${zones.length} zone(s).`,
          ...(zones.length
            ? [
                formatTable(
                  ['ZONE', 'ID', 'VISIBILITY'],
                  zones.map((z) => [z.name, z.id, z.private ? 'private' : 'public']),
                ),
              ]
            : []),
        ].join('\n'),
      )
    })

  dns
    .command('remove')
    .description('remove a DNS provider (refused while an unfinished request uses it); records it wrote stay')
    .argument('<name>', 'the DNS provider')
    .addOption(jsonOption())
    .action(async (name: string, flags: JsonFlag) => {
      await (await ctx.openDeck()).dns.remove(name)
      writeResult(ctx.io, flags.json, { name, removed: true }, () => `Removed DNS provider ${name}.`)
    })
}

function providerTable(
  deck: CertDeck,
  list: readonly DnsProviderConfig[],
  credentials: ReadonlyMap<string, string>,
): string {
  const loaded = new Set(deck.dns.types().map((t) => t.id))
  return formatTable(
    ['NAME', 'TYPE', 'CREDENTIAL', 'SETTINGS'],
    list.map((p) => [
      p.name,
      loaded.has(p.providerId) ? p.providerId : `${p.providerId} (not loaded)`,
      p.credentialId === undefined ? '-' : (credentials.get(p.credentialId) ?? p.credentialId),
      Object.entries(p.settings)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ') || '-',
    ]),
  )
}
