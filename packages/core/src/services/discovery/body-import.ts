import type { ImportBodiesOptions, ImportBodiesSummary } from './api.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { StoreData } from '../../domain/store-data.js'
import type { Clock } from '../../ports/clock.js'
import type { Store } from '../../ports/store.js'
import { certificateFacts } from '../../x509/facts.js'
import { forEachLimit } from '../shared/index.js'
import { type CredentialService, findIn } from '../credentials/index.js'
import { addDiscoveredCertificates, fingerprintIndex, type DiscoveredBody } from './discovered-certificates.js'

/** Statuses whose certificate has a body to read. */
export const WITHOUT_BODY: ReadonlySet<string> = new Set(['PENDING_VALIDATION', 'FAILED', 'VALIDATION_TIMED_OUT'])
/** Slices read at once, and bodies at once within a slice (the store's limiter keeps the quota). */
const SLICE_CONCURRENCY = 12
const BODY_CONCURRENCY = 10
/** Bodies read are saved this often, so an interrupted run loses little. */
const SAVE_EVERY_MS = 5000

/** What {@link importBodies} needs. */
export interface BodyImportDeps {
  readonly store: Store
  readonly credentials: CredentialService
  readonly clock: Clock
}

/**
 * Reads the body of every cloud record that has none yet (regions in parallel, each within its
 * GetCertificate quota), links the record by fingerprint and enters new bodies into the
 * repository as `discovered` entries. Saves every few seconds and at the end; a record that
 * changed meanwhile (another body by now) is left for the next run.
 */
export async function importBodies(
  deps: BodyImportDeps,
  options: ImportBodiesOptions = {},
): Promise<ImportBodiesSummary> {
  const data = await deps.store.read()
  const credentialIds = new Set(
    options.credential ? [findIn(data, options.credential).id] : data.credentials.map((c) => c.id),
  )
  const regions = options.regions?.includes('all') ? undefined : options.regions
  const groups = new Map<string, CloudCertificate[]>()
  for (const record of data.cloudCertificates) {
    if (
      !record.arn ||
      record.fingerprintSha256 ||
      WITHOUT_BODY.has(record.status) ||
      !credentialIds.has(record.credentialId)
    )
      continue
    if (regions && !regions.includes(record.region)) continue
    const key = `${record.credentialId}\u0000${record.store}\u0000${record.region}`
    groups.set(key, [...(groups.get(key) ?? []), record])
  }
  const summary = { fetched: 0, added: 0, failed: 0 }
  if (groups.size === 0) return summary
  const sessions = new Map(
    await Promise.all(
      [...new Set([...groups.values()].map((g) => g[0].credentialId))].map(
        async (id) => [id, await deps.credentials.open(id)] as const,
      ),
    ),
  )
  const pending: DiscoveredBody[] = []
  let saving: Promise<void> = Promise.resolve()
  const save = () => {
    saving = saving.then(async () => {
      const batch = pending.splice(0)
      if (batch.length > 0) summary.added += await deps.store.update((d) => applyBodies(d, batch, deps.clock.now()))
    })
    return saving
  }
  const timer = setInterval(() => void save(), SAVE_EVERY_MS)
  try {
    await forEachLimit(
      [...groups.values()],
      SLICE_CONCURRENCY,
      async (records) => {
        // biome-ignore lint/style/noNonNullAssertion: `sessions` holds every credential of `groups`
        const { credential, session } = sessions.get(records[0].credentialId)!
        const store = session.stores.find((s) => s.kind === records[0].store)
        const region = records[0].region
        if (!store) return
        options.onEvent?.({ type: 'region-start', region, credential: credential.name })
        let read = 0
        await forEachLimit(
          records,
          BODY_CONCURRENCY,
          async (record) => {
            try {
              const body = await store.get(region, record.arn, options.signal)
              pending.push({
                arn: record.arn,
                pem: body.pem,
                chainPem: body.chainPem,
                facts: certificateFacts(body.pem, record.arn),
              })
              read += 1
            } catch (error) {
              if (options.signal?.aborted) throw error
              summary.failed += 1
            }
          },
          options.signal,
        )
        summary.fetched += read
        options.onEvent?.({ type: 'region-done', region, credential: credential.name, found: read })
      },
      options.signal,
    )
  } finally {
    clearInterval(timer)
    await save()
    for (const { session } of sessions.values()) session.close?.()
  }
  return summary
}

function applyBodies(data: StoreData, bodies: readonly DiscoveredBody[], now: Date): number {
  const added = addDiscoveredCertificates(data, bodies, now)
  const link = fingerprintIndex(data.certificates)
  const byArn = new Map(bodies.map((b) => [b.arn, b]))
  const second = (iso: string | undefined) => Math.floor(Date.parse(iso ?? '') / 1000)
  data.cloudCertificates = data.cloudCertificates.map((record) => {
    const body = byArn.get(record.arn)
    if (!body || (record.notAfter && second(record.notAfter) !== second(body.facts.notAfter))) return record
    const certificateId = link.get(body.facts.fingerprintSha256)
    return {
      ...record,
      serial: body.facts.serial,
      fingerprintSha256: body.facts.fingerprintSha256,
      ...(certificateId ? { certificateId } : {}),
    }
  })
  return added
}
