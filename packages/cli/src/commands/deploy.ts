import type { Command } from 'commander'
import { deploymentTable, deployTable, parseRegions } from '../cloud-views.js'
import type { CommandContext } from '../context.js'
import { ExitCode } from '../errors.js'
import { writeResult } from '../io.js'
import { replaceAgreed } from './deploy-impact.js'
import {
  allowUnknownRegionOption,
  type CredentialFlag,
  credentialOption,
  jsonOption,
  regionCheck,
  type JsonFlag,
  type RegionFlags,
} from './options.js'

interface DeployFlags extends JsonFlag, RegionFlags, CredentialFlag {
  readonly regions: string[]
  readonly replace?: boolean
  readonly autoRedeploy?: boolean
  readonly dryRun?: boolean
  readonly yes?: boolean
}

/** `deploy` and `deployments list|remove`. */
export function registerDeployCommands(program: Command, ctx: CommandContext): void {
  program
    .command('deploy')
    .description('import certificates (with their keys) into ACM in one or more regions; exit 1 when one failed')
    .argument('<cert...>', 'certificate ids, id prefixes or fingerprint prefixes')
    .addOption(credentialOption('the credential to deploy with'))
    .requiredOption('--regions <list>', 'comma-separated regions, or all', parseRegions)
    .addOption(allowUnknownRegionOption())
    .option('--replace', 're-import onto an existing copy of an earlier version (its ARN and associations stay)')
    .option('--auto-redeploy', 're-import onto the same ARN whenever the certificate gets a new version')
    .option('--dry-run', 'print what would happen per region; call no mutating API')
    .option('--yes', 'with --replace: re-import even onto certificates resources use, without asking')
    .addOption(jsonOption())
    .action(async (refs: string[], flags: DeployFlags) => {
      const credential = await ctx.credential(flags.credential)
      const deck = await ctx.openDeck()
      const options = {
        certificates: refs,
        credential,
        regions: flags.regions,
        ...regionCheck(flags),
        ...(flags.replace ? { replace: true } : {}),
        ...(flags.autoRedeploy ? { autoRedeploy: true } : {}),
      }
      if (flags.replace && !flags.dryRun && !(await replaceAgreed(ctx, deck, options, flags.yes))) {
        writeResult(ctx.io, flags.json, [], () => 'Nothing was deployed.')
        return
      }
      const results = await deck.deployments.deploy({ ...options, ...(flags.dryRun ? { dryRun: true } : {}) })
      writeResult(ctx.io, flags.json, results, () => deployTable(results))
      if (results.some((r) => r.action === 'failed')) ctx.exitCode = ExitCode.failed
    })

  const deployments = program.command('deployments').description('certificates CertDeck placed in ACM')
  deployments
    .command('list')
    .description('list deployments with their state, auto-redeploy and drift')
    .addOption(jsonOption())
    .action(async (flags: JsonFlag) => {
      const deck = await ctx.openDeck()
      const list = await deck.deployments.list()
      const credentials = list.length && !flags.json ? await deck.credentials.list() : []
      writeResult(ctx.io, flags.json, list, () =>
        list.length ? deploymentTable(list, credentials) : 'No deployments yet: deploy with certdeck deploy.',
      )
    })
  deployments
    .command('remove')
    .description('forget a deployment record; the copy in ACM stays')
    .argument('<id>', 'the deployment id or a unique prefix')
    .addOption(jsonOption())
    .action(async (id: string, flags: JsonFlag) => {
      await (await ctx.openDeck()).deployments.remove(id)
      writeResult(
        ctx.io,
        flags.json,
        { id, removed: true },
        () => `Forgot deployment ${id}; the copy in ACM is untouched.`,
      )
    })
}
