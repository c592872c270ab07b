import type { ValidationRecord } from '../../domain/certificate-request.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { CloudCertificateDetails, ValidationRecordCheck } from '../../domain/renewal-health.js'
import type { StoreData } from '../../domain/store-data.js'
import { isCertDeckError } from '../../errors.js'
import type { IssuedStatus } from '../../plugins/certificate-issuer.js'
import type { Clock } from '../../ports/clock.js'
import type { Store } from '../../ports/store.js'
import type { CredentialService } from '../credentials/index.js'
import { findIn } from '../credentials/index.js'
import { forEachLimit, type LimiterClock, realLimiterClock } from '../shared/index.js'
import { cleanDetails } from './clean-details.js'
import { needsDetails } from './selection.js'

/** Options of a details pass. */
export interface ReadDetailsOptions {
  readonly credential?: string
  /** Only records of these regions. @default every region */
  readonly regions?: readonly string[]
  /** Only these ARNs, whether or not they matter (`aws show`, before a revoke). */
  readonly arns?: readonly string[]
  readonly signal?: AbortSignal
  /** One `region-start` and one `region-done` (found = certificates read) per region. */
  readonly onEvent?: (
    event:
      | { readonly type: 'region-start'; readonly region: string; readonly credential?: string }
      | { readonly type: 'region-done'; readonly region: string; readonly credential?: string; readonly found: number },
  ) => void
}

/** What a details pass did. */
export interface ReadDetailsSummary {
  /** Certificates described. */
  readonly read: number
  /** Certificates that could not be described (the next pass tries again). */
  readonly failed: number
  /** Throttled DescribeCertificate calls that were waited out and retried. */
  readonly throttled: number
}

/** What {@link readDetails} needs. */
export interface DetailsPassDeps {
  readonly store: Store
  readonly credentials: CredentialService
  readonly clock: Clock
  /** Looks up validation CNAMEs through the DNS providers (DnsService.checkRecords). */
  readonly checkRecords: (
    records: readonly ValidationRecord[],
    signal?: AbortSignal,
  ) => Promise<ValidationRecordCheck[]>
  /** Back-off waits after throttling. @default the real clock */
  readonly sleep?: LimiterClock['sleep']
}

/** Calls in flight per region (the plugin's limiter keeps DescribeCertificate at 10/s). */
const DESCRIBE_CONCURRENCY = 10
/** Regions (× credentials) read at once: all of them, within reason. */
const SLICE_CONCURRENCY = 64
/** Throttled calls are retried this many times, waiting longer each time. */
const THROTTLE_RETRIES = 8
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000]
/** Details read are saved this often, so an interrupted pass loses little. */
const SAVE_EVERY_MS = 5000

/**
 * The background details pass: DescribeCertificate for the certificates that matter (in use,
 * Amazon-issued within 60 days of expiry, or renewal-eligible), every region at once, each
 * within its quota; a throttled call waits and is retried, so throttling slows the pass but
 * loses nothing. Amazon-issued certificates' validation CNAMEs are then looked up through the
 * DNS providers. The answers are kept on the records (`details`); saved as it goes.
 */
export async function readDetails(
  deps: DetailsPassDeps,
  options: ReadDetailsOptions = {},
): Promise<ReadDetailsSummary> {
  const data = await deps.store.read()
  const now = deps.clock.now()
  const credentialIds = new Set(
    options.credential ? [findIn(data, options.credential).id] : data.credentials.map((c) => c.id),
  )
  const wanted = options.arns ? new Set(options.arns) : undefined
  const groups = new Map<string, CloudCertificate[]>()
  for (const record of data.cloudCertificates) {
    if (record.store !== 'acm' || !record.arn || !credentialIds.has(record.credentialId)) continue
    if (options.regions && !options.regions.includes(record.region)) continue
    if (wanted ? !wanted.has(record.arn) : !needsDetails(record, now)) continue
    const key = `${record.credentialId}\u0000${record.region}`
    groups.set(key, [...(groups.get(key) ?? []), record])
  }
  const summary = { read: 0, failed: 0, throttled: 0 }
  if (groups.size === 0) return summary
  const sessions = new Map(
    await Promise.all(
      [...new Set([...groups.values()].map((g) => g[0].credentialId))].map(
        async (id) => [id, await deps.credentials.open(id)] as const,
      ),
    ),
  )
  const sleep = deps.sleep ?? realLimiterClock.sleep
  const pending = new Map<string, CloudCertificateDetails>()
  let saving: Promise<void> = Promise.resolve()
  const save = () => {
    saving = saving.then(async () => {
      if (pending.size === 0) return
      const batch = new Map(pending)
      pending.clear()
      await deps.store.update((d) => applyDetails(d, batch))
    })
    return saving
  }
  const timer = setInterval(() => void save(), SAVE_EVERY_MS)
  try {
    await forEachLimit(
      [...groups.values()],
      SLICE_CONCURRENCY,
      async (records) => {
        const opened = sessions.get(records[0].credentialId)
        const issuer = opened?.session.issuer
        const region = records[0].region
        if (!opened || !issuer) return
        const { credential } = opened
        options.onEvent?.({ type: 'region-start', region, credential: credential.name })
        const read: { record: CloudCertificate; status: IssuedStatus }[] = []
        await forEachLimit(
          records,
          DESCRIBE_CONCURRENCY,
          async (record) => {
            for (let attempt = 0; ; attempt++) {
              try {
                read.push({ record, status: await issuer.describe(region, record.arn, options.signal) })
                return
              } catch (error) {
                if (options.signal?.aborted) throw error
                if (isCertDeckError(error) && error.code === 'AWS_THROTTLED' && attempt < THROTTLE_RETRIES) {
                  summary.throttled += 1
                  await sleep(BACKOFF_MS[attempt], options.signal)
                  continue
                }
                summary.failed += 1
                return
              }
            }
          },
          options.signal,
        )
        const checks = await lookUpValidationRecords(deps, read, options.signal)
        const readAt = deps.clock.now().toISOString()
        for (const { record, status } of read) {
          const details = cleanDetails(status, readAt)
          const own = record.kind === 'AMAZON_ISSUED' ? validationRecordsOf(details).map((r) => checks.get(r.name)) : []
          const recordChecks = own.filter((c): c is ValidationRecordCheck => c !== undefined)
          pending.set(record.arn, recordChecks.length ? { ...details, recordChecks } : details)
        }
        summary.read += read.length
        options.onEvent?.({ type: 'region-done', region, credential: credential.name, found: read.length })
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

/** The DNS validation CNAMEs of a certificate: the renewal's when ACM started one, else its own. */
function validationRecordsOf(details: CloudCertificateDetails): ValidationRecord[] {
  const validations = details.renewal?.validations.length ? details.renewal.validations : details.validations
  return validations.flatMap((v) => (v.method !== 'EMAIL' && v.record ? [v.record] : []))
}

async function lookUpValidationRecords(
  deps: DetailsPassDeps,
  read: readonly { record: CloudCertificate; status: IssuedStatus }[],
  signal?: AbortSignal,
): Promise<Map<string, ValidationRecordCheck>> {
  const records = read
    .filter(({ record }) => record.kind === 'AMAZON_ISSUED')
    .flatMap(({ status }) => validationRecordsOf(cleanDetails(status, '')))
  if (records.length === 0) return new Map()
  try {
    return new Map((await deps.checkRecords(records, signal)).map((check) => [check.name, check]))
  } catch (error) {
    if (signal?.aborted) throw error
    // DNS that cannot answer leaves the records unchecked; the describes still count.
    return new Map()
  }
}

function applyDetails(data: StoreData, details: ReadonlyMap<string, CloudCertificateDetails>): void {
  data.cloudCertificates = data.cloudCertificates.map((record) => {
    const found = details.get(record.arn)
    return found ? { ...record, details: found } : record
  })
}
