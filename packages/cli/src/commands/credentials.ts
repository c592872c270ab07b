import type { AddCredentialOptions, CredentialKind } from '@certdeck/core'
import { type Command, Option } from 'commander'
import { anyCase } from '../choices.js'
import { credentialTable } from '../cloud-views.js'
import type { CommandContext } from '../context.js'
import { writeResult } from '../io.js'
import { SecretEnv } from '../secrets.js'
import { allowUnknownRegionOption, jsonOption, regionCheck, type JsonFlag, type RegionFlags } from './options.js'

interface AddFlags extends JsonFlag, RegionFlags {
  readonly kind: CredentialKind
  readonly accessKeyId?: string
  readonly secretStdin?: boolean
  readonly sessionToken?: boolean
  readonly profile?: string
  readonly roleArn?: string
  readonly externalId?: string
  readonly source?: string
  readonly endpoint?: string
  readonly region?: string
}

/** `credentials add|list|use|test|remove`: how CertDeck reaches AWS accounts. */
export function registerCredentialsCommands(program: Command, ctx: CommandContext): void {
  const credentials = program
    .command('credentials')
    .description('AWS credentials: static keys (sealed), profiles, the default chain, assumed roles')

  credentials
    .command('add')
    .description(
      `add a credential; a static secret comes from stdin (--secret-stdin), ${SecretEnv.secretAccessKey} ` +
        `or a prompt, never argv`,
    )
    .argument('<name>', 'a unique name, e.g. prod')
    .addOption(
      anyCase(new Option('--kind <kind>', 'how to reach AWS'), [
        'static',
        'profile',
        'default-chain',
        'assume-role',
      ]).makeOptionMandatory(),
    )
    .option('--access-key-id <id>', 'static: the access key id (else AWS_ACCESS_KEY_ID)')
    .option('--secret-stdin', 'static: read the secret access key (then the session token) from stdin, one line each')
    .option(
      '--session-token',
      `static: the key is temporary; read its session token too (stdin, ${SecretEnv.sessionToken} or a prompt)`,
    )
    .option('--profile <name>', 'profile: a profile of ~/.aws/config (SSO profiles included)')
    .option('--role-arn <arn>', 'assume-role: the role to assume')
    .option('--external-id <id>', 'assume-role: the external id the role requires')
    .option('--source <name>', 'assume-role: the credential whose identity assumes the role')
    .option(
      '--endpoint <url>',
      'send every AWS call of this credential to this endpoint (LocalStack-style): https://, or plain http ' +
        'only to this machine',
    )
    .option('--region <region>', 'region of single-region calls such as `credentials test` (default us-east-1)')
    .addOption(allowUnknownRegionOption())
    .addOption(jsonOption())
    .action(async (name: string, flags: AddFlags) => {
      const deck = await ctx.openDeck()
      const options: AddCredentialOptions = {
        name,
        kind: flags.kind,
        ...(flags.kind === 'static' ? await staticKeys(ctx, flags) : {}),
        ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
        ...(flags.roleArn !== undefined ? { roleArn: flags.roleArn } : {}),
        ...(flags.externalId !== undefined ? { externalId: flags.externalId } : {}),
        ...(flags.source !== undefined ? { source: flags.source } : {}),
        ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
        ...(flags.region !== undefined ? { defaultRegion: flags.region } : {}),
        ...regionCheck(flags),
      }
      const added = await deck.credentials.add(options)
      writeResult(
        ctx.io,
        flags.json,
        added,
        () => `Added credential ${added.name} (${added.kind}). Check it with: certdeck credentials test ${added.name}`,
      )
    })

  credentials
    .command('list')
    .description('list credentials (never their secrets)')
    .addOption(jsonOption())
    .action(async (flags: JsonFlag) => {
      const list = await (await ctx.openDeck()).credentials.list()
      writeResult(ctx.io, flags.json, list, () =>
        list.length ? credentialTable(list) : 'No credentials yet: add one with certdeck credentials add.',
      )
    })

  credentials
    .command('use')
    .description("make a credential the default of commands that take --credential (the full-screen UI's u)")
    .argument('<name>', 'the credential')
    .addOption(jsonOption())
    .action(async (name: string, flags: JsonFlag) => {
      const chosen = await (await ctx.openDeck()).credentials.use(name)
      writeResult(
        ctx.io,
        flags.json,
        chosen,
        () => `Commands that take --credential now use ${chosen.name} when none is named.`,
      )
    })

  credentials
    .command('test')
    .description('make one cheap ACM call with a credential and explain any failure')
    .argument('<name>', 'the credential')
    .addOption(jsonOption())
    .action(async (name: string, flags: JsonFlag) => {
      const result = await (await ctx.openDeck()).credentials.test(name)
      writeResult(ctx.io, flags.json, { name, ok: true, ...result }, () =>
        result.accountId
          ? `OK: ${name} reaches account ${result.accountId}.`
          : `OK: ${name} works (AWS did not tell the account id).`,
      )
    })

  credentials
    .command('remove')
    .description('remove a credential and the cloud records discovered with it (refused while deployments use it)')
    .argument('<name>', 'the credential')
    .addOption(jsonOption())
    .action(async (name: string, flags: JsonFlag) => {
      await (await ctx.openDeck()).credentials.remove(name)
      writeResult(ctx.io, flags.json, { name, removed: true }, () => `Removed credential ${name}.`)
    })
}

async function staticKeys(ctx: CommandContext, flags: AddFlags): Promise<Partial<AddCredentialOptions>> {
  const accessKeyId = flags.accessKeyId ?? ctx.io.env.AWS_ACCESS_KEY_ID
  const fromStdin = flags.secretStdin === true
  const secretAccessKey = await ctx.secrets.read({
    label: 'secret access key',
    env: SecretEnv.secretAccessKey,
    stdinFlag: '--secret-stdin',
    fromStdin,
  })
  const sessionToken = flags.sessionToken
    ? await ctx.secrets.read({
        label: 'session token',
        env: SecretEnv.sessionToken,
        stdinFlag: '--secret-stdin',
        fromStdin,
      })
    : undefined
  return { ...(accessKeyId ? { accessKeyId } : {}), secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }
}
