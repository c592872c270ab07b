import { hasTag } from '../../domain/certificate.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { StoreData } from '../../domain/store-data.js'
import { OPT_OUT_TAG } from '../../domain/watch.js'

/** A watcher whose renew task has not succeeded for this long is not counted on. */
const AUTOMATION_STALE_MS = 7 * 86_400_000

/**
 * Whether CertDeck's automation renews each private record: the watcher's `renew` task succeeded
 * within the last 7 days, and the repository entry the record is linked to carries none of the
 * opt-out tags (`watch config --renew-opt-out-tag`).
 */
export function automationRenews(
  data: Pick<StoreData, 'watchRuns' | 'watchSettings' | 'certificates'>,
  now: Date,
): (record: CloudCertificate) => boolean {
  const renew = data.watchRuns.find((r) => r.task === 'renew')
  const running =
    renew?.lastSuccessAt !== undefined && now.getTime() - Date.parse(renew.lastSuccessAt) <= AUTOMATION_STALE_MS
  if (!running) return () => false
  const optOut = data.watchSettings.find((s) => s.task === 'renew')?.optOutTags ?? [OPT_OUT_TAG]
  return (record) => {
    const entry = record.certificateId ? data.certificates.find((c) => c.id === record.certificateId) : undefined
    return !entry || !optOut.some((selector) => hasTag(entry.tags, selector))
  }
}
