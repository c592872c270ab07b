import type { ChallengeEvent } from './api.js'
import type { DnsProviderConfig } from '../../domain/dns-provider-config.js'
import { CertDeckError, isCertDeckError } from '../../errors.js'
import type { DnsProvider, DnsRecord } from '../../plugins/dns-provider.js'
import { batchByZone, uniqueRecords } from './dns-records.js'
import { ZONE_ID_SETTING } from './dns-provider-rules.js'
import { waitWithTimeout } from './dns-wait.js'
import { detectZone } from './dns-zones.js'

/** Everything one write needs besides the records. */
export interface WriteContext {
  readonly config: DnsProviderConfig
  readonly provider: DnsProvider
  /** Runs one provider call within the provider's rate limit. */
  readonly limited: <T>(call: () => Promise<T>) => Promise<T>
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  readonly onEvent?: (event: ChallengeEvent) => void
}

/**
 * Writes validation records: each (name, type, value) once, into the zone detection picks
 * (public zones; the pinned `zoneId` wins), one upsert per zone, then waits for every change
 * the provider can report on. A failed batch names its zone and the zones already written;
 * writing again is safe (upserts are idempotent). Returns the zones written and how many records.
 */
export async function writeRecords(
  ctx: WriteContext,
  records: readonly DnsRecord[],
): Promise<{ zones: string[]; records: number }> {
  const unique = uniqueRecords(records)
  if (unique.length === 0) return { zones: [], records: 0 }
  const { config, provider, signal } = ctx
  const zones = await ctx.limited(() => provider.listZones(signal))
  const pinnedZoneId = config.settings[ZONE_ID_SETTING]
  const batches = batchByZone(unique, (name) =>
    detectZone(name, zones, { publicOnly: true, ...(pinnedZoneId ? { pinnedZoneId } : {}) }),
  )
  const written: { zone: string; changeId?: string }[] = []
  for (const batch of batches) {
    ctx.onEvent?.({ type: 'zone', zone: batch.zone.name, records: batch.records.length })
    let changeId: string | undefined
    try {
      changeId = (await ctx.limited(() => provider.upsertRecords(batch.zone, batch.records, signal))).changeId
    } catch (error) {
      throw batchError(
        config,
        batch.zone.name,
        batch.records.length,
        written.map((w) => w.zone),
        error,
      )
    }
    written.push({ zone: batch.zone.name, ...(changeId !== undefined ? { changeId } : {}) })
    ctx.onEvent?.({ type: 'written', zone: batch.zone.name, ...(changeId !== undefined ? { changeId } : {}) })
  }
  const wait = provider.waitForSync?.bind(provider)
  if (wait) {
    // When one wait fails, the others are stopped: none may outlive the write (and hold the process).
    const done = new AbortController()
    const waitSignal = signal ? AbortSignal.any([signal, done.signal]) : done.signal
    try {
      await Promise.all(
        written.map(async ({ zone, changeId }) => {
          if (changeId === undefined) return
          await waitWithTimeout(
            (s) => ctx.limited(() => wait(changeId, s)),
            `The change to zone ${zone}`,
            ctx.timeoutMs,
            waitSignal,
          )
          ctx.onEvent?.({ type: 'in-sync', zone })
        }),
      )
    } finally {
      done.abort()
    }
  }
  return { zones: written.map((w) => w.zone), records: unique.length }
}

function batchError(
  config: DnsProviderConfig,
  zone: string,
  count: number,
  done: readonly string[],
  error: unknown,
): unknown {
  if (error instanceof Error && error.name === 'AbortError') return error
  const reason = error instanceof Error ? error.message : String(error)
  return new CertDeckError(
    isCertDeckError(error) ? error.code : 'DNS_WRITE_FAILED',
    `DNS provider "${config.name}" could not write ${count} record(s) to zone ${zone}: ${reason} ` +
      `${done.length ? `Already written: ${done.join(', ')}.` : 'Nothing was written.'} Writing again is ` +
      `safe: records are upserted, never duplicated.`,
    { kind: 'failure', cause: error },
  )
}
