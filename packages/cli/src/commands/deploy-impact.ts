import type { CertDeck, DeployOptions } from '@certdeck/core'
import type { CommandContext } from '../context.js'
import { usageText } from '../health-views.js'
import { confirmed } from './lifecycle.js'

/**
 * Before `deploy --replace`: a dry run finds the ARNs a re-import would land on; ACM is asked
 * what uses each, and when something does, the user is told which resources start serving the
 * new certificate and asked (or `--yes` is needed). True when the deploy may go ahead.
 */
export async function replaceAgreed(
  ctx: CommandContext,
  deck: CertDeck,
  options: DeployOptions,
  yes: boolean | undefined,
): Promise<boolean> {
  const cloud = deck.cloud
  if (!cloud.usage) return true
  const plan = await deck.deployments.deploy({ ...options, dryRun: true })
  const targets = [...new Set(plan.filter((r) => r.action === 'reimported' && r.arn).map((r) => r.arn as string))]
  const impacts = []
  for (const arn of targets) {
    const found = await cloud.usage(arn, { credential: options.credential })
    if (found.inUseBy.length > 0) impacts.push(found)
  }
  if (impacts.length === 0) return true
  for (const impact of impacts) ctx.io.stderr.write(`Re-importing onto ${impact.arn}: ${usageText(impact)}\n`)
  const what = impacts.map((i) => `${i.arn}: ${i.sentence}`).join('; ')
  return confirmed(
    ctx,
    yes,
    `Replace the certificate those resources serve (${what})?`,
    `Refusing to re-import without confirmation: ${what}, and would serve the new certificate at once.`,
  )
}
