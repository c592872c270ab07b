import type { CertDeck } from '../../api.js'
import type { StoreData } from '../../domain/store-data.js'
import type { Store } from '../../ports/store.js'
import type { NotificationsApi } from '../notifications/index.js'
import { renewVerdict } from './renew-policies.js'
import type { WatchTask } from './scheduler.js'
import { type WatchConfig, watchConfigOf } from './watch-settings.js'

/** What the watch tasks use of the facade. */
export type WatchDeck = Pick<CertDeck, 'cloud' | 'requests' | 'lifecycle' | 'credentials'> & {
  readonly notifications: NotificationsApi
}

const UNFINISHED = new Set(['PENDING_VALIDATION', 'DEPLOY_CHALLENGE', 'SYNC_RECORDS'])

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Discovery of one credential: the inventory, then the bodies (resumable), then the details pass
 * (what uses each certificate, ACM's renewal, the validation CNAMEs) that renewal health rests on.
 */
function discoverTask(deck: WatchDeck, credential: { id: string; name: string }, every: string): WatchTask {
  return {
    id: `discover:${credential.id}`,
    task: 'discover',
    every,
    async run(signal) {
      const summary = await deck.cloud.discover({ credential: credential.id, signal })
      const bodies = deck.cloud.importBodies
        ? await deck.cloud.importBodies({ credential: credential.id, signal })
        : undefined
      const details = deck.cloud.readDetails
        ? await deck.cloud.readDetails({ credential: credential.id, signal })
        : undefined
      const failed = summary.failedRegions.map((f) => `${f.region}: ${f.error}`)
      const detail =
        `${credential.name}: ${summary.found} found, ${summary.new} new, ${summary.changed} changed, ` +
        `${summary.gone} gone` +
        `${bodies ? `; ${bodies.added} entered the repository` : ''}` +
        `${details ? `; ${details.read} described${details.failed ? `, ${details.failed} unread` : ''}` : ''}`
      if (failed.length > 0 && summary.found === 0)
        throw new Error(`${detail}; every region failed: ${failed.join('; ')}`)
      return failed.length ? `${detail}; ${failed.length} region(s) failed: ${failed.join('; ')}` : detail
    },
  }
}

/** Refresh of unfinished requests, deploying the DNS challenge of those whose provider can write it. */
function refreshTask(deck: WatchDeck, every: string): WatchTask {
  return {
    id: 'refresh',
    task: 'refresh',
    every,
    async run(signal) {
      const unfinished = (await deck.requests.list()).filter((r) => UNFINISHED.has(r.state))
      if (unfinished.length === 0) return 'no unfinished request'
      let current = await deck.requests.refresh(undefined, { signal })
      const errors: string[] = []
      let deployed = 0
      for (const request of current) {
        if (request.state !== 'DEPLOY_CHALLENGE' || !request.dnsProviderId) continue
        try {
          await deck.requests.deployChallenge(request.id, { signal })
          deployed++
        } catch (error) {
          errors.push(`${request.domain} (${request.id}): ${message(error)}`)
        }
      }
      if (deployed > 0) current = await deck.requests.refresh(undefined, { signal })
      const byId = new Map(current.map((r) => [r.id, r.state]))
      const issued = unfinished.filter((r) => byId.get(r.id) === 'ISSUED').length
      const detail = `${unfinished.length} unfinished: ${issued} issued, ${deployed} challenge(s) deployed`
      if (errors.length) throw new Error(`${detail}; failed: ${errors.join('; ')}`)
      return detail
    },
  }
}

/** The renewal candidates of the document: ARNs whose renewal policies say renew now. */
export function renewalCandidates(data: StoreData, config: WatchConfig, now: Date) {
  return data.cloudCertificates.flatMap((cloud) => {
    const requests = data.requests.filter((r) => r.arn === cloud.arn)
    const linkedId = cloud.certificateId ?? requests.find((r) => r.certificateId)?.certificateId
    const certificate = data.certificates.find((c) => c.id === linkedId)
    const verdict = renewVerdict({
      cloud,
      ...(certificate ? { certificate } : {}),
      requests,
      now,
      renewBeforeDays: config.renewBeforeDays,
      optOutTags: config.optOutTags,
    })
    return verdict.renew ? [{ arn: cloud.arn, name: certificate?.commonName ?? cloud.domain, verdict }] : []
  })
}

/** Renewal of private (and exportable public) certificates within the window; auto-redeploy follows the new version. */
function renewTask(deck: WatchDeck, store: Store, now: () => Date, every: string): WatchTask {
  return {
    id: 'renew',
    task: 'renew',
    every,
    async run(signal) {
      const data = await store.read()
      const candidates = renewalCandidates(data, watchConfigOf(data), now())
      if (candidates.length === 0) return 'nothing to renew'
      const done: string[] = []
      const errors: string[] = []
      for (const candidate of candidates) {
        if (signal.aborted) break
        try {
          const request = await deck.lifecycle.renew(candidate.arn, { signal })
          if (request.state === 'FAILED') errors.push(`${candidate.name}: ${request.failureReason ?? 'failed'}`)
          else done.push(`${candidate.name} (${request.state})`)
        } catch (error) {
          errors.push(`${candidate.name}: ${message(error)}`)
        }
      }
      const detail = `renewed ${done.length}${done.length ? `: ${done.join(', ')}` : ''}`
      if (errors.length) throw new Error(`${detail}; failed ${errors.length}: ${errors.join('; ')}`)
      return detail
    },
  }
}

/** Expiry evaluation and notifications. */
function notifyTask(deck: WatchDeck, every: string): WatchTask {
  return {
    id: 'notify',
    task: 'notify',
    every,
    async run(signal) {
      const summary = await deck.notifications.run({ signal })
      const failed = summary.deliveries.filter((d) => !d.ok)
      const sent = summary.deliveries.filter((d) => d.ok)
      const detail =
        `${summary.found} event(s); ${sent.length} digest(s) sent` +
        (sent.length ? ` (${sent.map((d) => `${d.channel}: ${d.events}`).join(', ')})` : '')
      if (failed.length)
        throw new Error(`${detail}; not delivered: ${failed.map((d) => `${d.channel}: ${d.detail}`).join('; ')}`)
      return detail
    },
  }
}

/** Every task of the repository, in run order: discovery per credential, refresh, renew, notify. */
export async function watchTasks(deck: WatchDeck, store: Store, now: () => Date): Promise<WatchTask[]> {
  const config = watchConfigOf(await store.read())
  // Without a cloud plugin there are no credentials to discover with.
  const credentials = await deck.credentials.list().catch(() => [])
  return [
    ...credentials.map((c) => discoverTask(deck, c, config.every.discover)),
    refreshTask(deck, config.every.refresh),
    renewTask(deck, store, now, config.every.renew),
    notifyTask(deck, config.every.notify),
  ]
}
