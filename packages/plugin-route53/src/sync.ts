import { GetChangeCommand } from '@aws-sdk/client-route-53'
import { CertDeckError, realLimiterClock } from '@certdeck/core'
import { bareId } from './names.js'
import type { Route53Context } from './route53-context.js'

/** How {@link waitForSync} polls. */
export interface SyncPolling {
  /** Give up after this long. */
  readonly timeoutMs: number
  /** The first pause between two GetChange calls; it doubles up to `maxIntervalMs`. */
  readonly intervalMs: number
  readonly maxIntervalMs: number
}

/** Polls GetChange with backoff until the change is INSYNC; a clear error after `timeoutMs`. */
export async function waitForSync(
  ctx: Route53Context,
  changeId: string,
  polling: SyncPolling,
  signal?: AbortSignal,
): Promise<void> {
  const id = bareId(changeId)
  const deadline = Date.now() + polling.timeoutMs
  let interval = polling.intervalMs
  for (;;) {
    const { ChangeInfo } = await ctx.call(
      'GetChange',
      (client) => client.send(new GetChangeCommand({ Id: id }), { abortSignal: signal }),
      {
        target: id,
        signal,
      },
    )
    if (ChangeInfo?.Status === 'INSYNC') return
    const left = deadline - Date.now()
    if (left <= 0) {
      throw new CertDeckError(
        'DNS_SYNC_TIMEOUT',
        `Route 53 change ${id} was still ${ChangeInfo?.Status ?? 'PENDING'} after ` +
          `${Math.round(polling.timeoutMs / 1000)} s ` +
          '(it usually takes under a minute). The records are written: check again later, and see the AWS ' +
          'Health Dashboard for Route 53.',
        { kind: 'failure' },
      )
    }
    await realLimiterClock.sleep(Math.min(interval, left), signal)
    interval = Math.min(interval * 2, polling.maxIntervalMs)
  }
}
