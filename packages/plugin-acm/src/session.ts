import { ListCertificatesCommand } from '@aws-sdk/client-acm'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { CloudSession } from '@certdeck/core'
import { acmStore } from './acm-store.js'
import { acmIssuer } from './issuer.js'
import type { AwsContext } from './aws-context.js'
import { requestHandlerOf } from './timeouts.js'
import { iamStore } from './iam-store.js'

/** The account id inside an ARN (`arn:aws:acm:region:ACCOUNT:certificate/…`). */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4]
  return account && /^\d{12}$/.test(account) ? account : undefined
}

/** A session of one credential: ACM (regional, importer, issuer) and IAM (global). */
export function awsSession(ctx: AwsContext): CloudSession {
  return {
    stores: [acmStore(ctx), iamStore(ctx)],
    issuer: acmIssuer(ctx),

    async test(region, signal) {
      // One cheap ACM call proves the key and the ACM permissions at once.
      const page = await ctx.call(
        'ACM',
        region,
        'ListCertificates',
        () => ctx.acm(region).send(new ListCertificatesCommand({ MaxItems: 1 }), { abortSignal: signal }),
        signal,
      )
      const arn = page.CertificateSummaryList?.[0]?.CertificateArn
      const fromArn = arn ? accountOfArn(arn) : undefined
      if (fromArn) return { accountId: fromArn }
      // An account without certificates: ask STS, which needs no permission; its failure
      // (an endpoint without STS, a network policy) does not make the credential bad.
      const sts = ctx.guarded('STS', new STSClient(await stsConfig(ctx, region)))
      try {
        const identity = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal })
        return identity.Account ? { accountId: identity.Account } : {}
      } catch {
        return {}
      } finally {
        sts.destroy()
      }
    },

    close() {
      ctx.close()
    },
  }
}

async function stsConfig(ctx: AwsContext, region: string) {
  const client = ctx.acm(region)
  const endpoint = ctx.resolved.credential.endpoint
  return {
    region,
    credentials: client.config.credentials,
    maxAttempts: 1,
    requestHandler: requestHandlerOf(ctx.settings.timeouts),
    ...(endpoint ? { endpoint } : {}),
  }
}
