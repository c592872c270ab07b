import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { AddChannelOptions, ChannelView } from '@certdeck/core'
import { type Command, InvalidArgumentError, Option } from 'commander'
import type { CommandContext } from '../context.js'
import { inputError } from '../errors.js'
import { formatTable, writeResult } from '../io.js'
import { collect, parsePort, parsePositiveInt } from '../parse.js'
import { type JsonFlag, jsonOption } from './options.js'
import { notificationsOf } from './notify-parse.js'
import { registerNotifyRules } from './notify-rules.js'

/** Environment variables the secrets of channels may come from (never argv). */
const SMTP_PASSWORD_ENV = 'CERTDECK_SMTP_PASSWORD'
const WEBHOOK_SECRET_ENV = 'CERTDECK_WEBHOOK_SECRET'

interface EmailFlags extends JsonFlag {
  readonly smtpHost: string
  readonly smtpPort: number
  readonly tls: 'none' | 'starttls' | 'tls'
  readonly smtpUser?: string
  readonly smtpPasswordStdin?: boolean
  readonly smtpCa?: string
  readonly from: string
  readonly to: string[]
}

interface WebhookFlags extends JsonFlag {
  readonly url: string
  readonly format: 'json' | 'slack' | 'teams'
  readonly secretStdin?: boolean
}

interface CommandFlags extends JsonFlag {
  readonly script: string
  readonly timeout?: number
}

/** Reads a secret when its stdin flag is given or its variable is set; undefined otherwise. */
async function optionalSecret(
  ctx: CommandContext,
  label: string,
  env: string,
  stdinFlag: string,
  fromStdin: boolean,
): Promise<string | undefined> {
  if (!fromStdin && ctx.io.env[env] === undefined) return undefined
  return ctx.secrets.read({ label, env, stdinFlag, fromStdin })
}

function describeChannel(c: ChannelView): string {
  if (c.email)
    return (
      `${c.email.tls} ${c.email.host}:${c.email.port} → ` +
      `${c.email.to.join(', ')}${c.email.user ? ` (user ${c.email.user})` : ''}`
    )
  if (c.webhook) return `${c.webhook.format} ${c.webhook.url}${c.webhook.signed ? ' (signed)' : ''}`
  if (c.command) return `${c.command.script} (time-out ${(c.command.timeoutMs ?? 30_000) / 1000} s)`
  return ''
}

async function addChannel(ctx: CommandContext, json: boolean | undefined, build: () => Promise<AddChannelOptions>) {
  const notifications = await notificationsOf(ctx)
  const added = await notifications.addChannel(await build())
  writeResult(
    ctx.io,
    json,
    added,
    () =>
      `Added ${added.kind} channel ${added.name}: ${describeChannel(added)}. Try it with: certdeck notify test ` +
      `${added.name}`,
  )
}

function tlsMode(text: string): 'none' | 'starttls' | 'tls' {
  if (text === 'none' || text === 'starttls' || text === 'tls') return text
  throw new InvalidArgumentError(`'${text}' is not a TLS mode. Accepted: none, starttls, tls.`)
}

function webhookFormat(text: string): 'json' | 'slack' | 'teams' {
  if (text === 'json' || text === 'slack' || text === 'teams') return text
  throw new InvalidArgumentError(`'${text}' is not a webhook format. Accepted: json, slack, teams.`)
}

/** `notify add|list|remove|test|rules`: where expiry and automation notifications go. */
export function registerNotifyCommands(program: Command, ctx: CommandContext): void {
  const notify = program
    .command('notify')
    .description('notification channels (email, webhook, command) and the expiry notification rules')
  const add = notify.command('add').description('add a notification channel')

  add
    .command('email')
    .description('send digests by email through an SMTP server (text and HTML parts)')
    .argument('<name>', 'a unique channel name, e.g. ops-mail')
    .requiredOption('--smtp-host <host>', 'the SMTP server')
    .addOption(new Option('--smtp-port <port>', 'its port').argParser(parsePort).default(587))
    .addOption(
      new Option('--tls <mode>', 'none, starttls (required upgrade) or tls (implicit)')
        .argParser(tlsMode)
        .default('starttls'),
    )
    .option('--smtp-user <user>', 'log in as this user (the password from stdin or $CERTDECK_SMTP_PASSWORD)')
    .option('--smtp-password-stdin', 'read the SMTP password from the next line of stdin')
    .option(
      '--smtp-ca <file>',
      "a PEM file of the certificate authorities of the server's certificate (an internal relay)",
    )
    .requiredOption('--from <address>', 'the sender, e.g. "CertDeck <certdeck@example.com>"')
    .requiredOption('--to <address>', 'a recipient (repeatable)', collect(String))
    .addOption(jsonOption())
    .action((name: string, flags: EmailFlags) =>
      addChannel(ctx, flags.json, async () => {
        const caPem = flags.smtpCa
          ? await readFile(resolve(flags.smtpCa), 'utf8').catch(() => {
              throw inputError('CHANNEL_INVALID', `The CA file ${flags.smtpCa} cannot be read. Give a PEM file.`)
            })
          : undefined
        const password = await optionalSecret(
          ctx,
          'SMTP password',
          SMTP_PASSWORD_ENV,
          '--smtp-password-stdin',
          flags.smtpPasswordStdin === true,
        )
        return {
          kind: 'email',
          name,
          host: flags.smtpHost,
          port: flags.smtpPort,
          tls: flags.tls,
          ...(flags.smtpUser ? { user: flags.smtpUser } : {}),
          ...(password !== undefined ? { password } : {}),
          ...(caPem ? { caPem } : {}),
          from: flags.from,
          to: flags.to,
        }
      }),
    )

  add
    .command('webhook')
    .description('POST digests as JSON (CertDeck, Slack or Teams shape), signed with HMAC-SHA256 when given a secret')
    .argument('<name>', 'a unique channel name')
    .requiredOption('--url <url>', 'https://…, or http:// to this machine only')
    .addOption(new Option('--format <format>', 'json, slack or teams').argParser(webhookFormat).default('json'))
    .option('--secret-stdin', 'read the signing secret from the next line of stdin (else $CERTDECK_WEBHOOK_SECRET)')
    .addOption(jsonOption())
    .action((name: string, flags: WebhookFlags) =>
      addChannel(ctx, flags.json, async () => {
        const secret = await optionalSecret(
          ctx,
          'webhook signing secret',
          WEBHOOK_SECRET_ENV,
          '--secret-stdin',
          flags.secretStdin === true,
        )
        return {
          kind: 'webhook',
          name,
          url: flags.url,
          format: flags.format,
          ...(secret !== undefined ? { secret } : {}),
        }
      }),
    )

  add
    .command('command')
    .description('run a script with the digest as JSON on stdin (no shell); exit 0 means delivered')
    .argument('<name>', 'a unique channel name')
    .requiredOption('--script <path>', 'an executable')
    .addOption(new Option('--timeout <seconds>', 'stop the script after this long').argParser(parsePositiveInt))
    .addOption(jsonOption())
    .action((name: string, flags: CommandFlags) =>
      addChannel(ctx, flags.json, async () => ({
        kind: 'command',
        name,
        script: resolve(flags.script),
        ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout * 1000 } : {}),
      })),
    )

  notify
    .command('list')
    .description('list notification channels (secrets are never shown)')
    .addOption(jsonOption())
    .action(async (flags: JsonFlag) => {
      const channels = await (await notificationsOf(ctx)).channels()
      writeResult(ctx.io, flags.json, channels, () =>
        channels.length
          ? formatTable(
              ['NAME', 'KIND', 'WHERE'],
              channels.map((c) => [c.name, c.kind, describeChannel(c)]),
            )
          : 'No notification channels yet: add one with certdeck notify add email|webhook|command.',
      )
    })

  notify
    .command('remove')
    .description('remove a channel (and what it was told, so a new channel of that name starts afresh)')
    .argument('<name>', 'the channel')
    .addOption(jsonOption())
    .action(async (name: string, flags: JsonFlag) => {
      await (await notificationsOf(ctx)).removeChannel(name)
      writeResult(ctx.io, flags.json, { removed: name }, () => `Removed channel ${name}.`)
    })

  notify
    .command('test')
    .description("send a sample digest through a channel and show the server's answer")
    .argument('<name>', 'the channel')
    .addOption(jsonOption())
    .action(async (name: string, flags: JsonFlag) => {
      const answer = await (await notificationsOf(ctx)).testChannel(name)
      writeResult(
        ctx.io,
        flags.json,
        { channel: name, ok: true, answer },
        () => `OK: ${name} accepted the sample: ${answer}`,
      )
    })

  registerNotifyRules(notify, ctx)
}
