import { type AuditEvent, CertDeckError, type StoreData } from '@certdeck/core'
import { type PartDigest, digestRepository, isEmptyDocument } from './digest.js'
import type { CopyEndpoint } from './endpoints.js'

/** What {@link copyRepository} did. */
export interface CopyReport {
  readonly from: string
  readonly to: string
  /** False when the target already held the same repository (nothing was written but missing audit events). */
  readonly wrote: boolean
  readonly auditEventsAdded: number
  /** Count and digest of every part, as verified on the target. */
  readonly parts: Readonly<Record<string, PartDigest>>
}

/** Options of {@link copyRepository}. */
export interface CopyOptions {
  /** Replace a target that holds another repository. @default false */
  readonly force?: boolean
  /** Opens the target afresh to verify what was written. */
  reopenTarget(): Promise<CopyEndpoint>
}

const sameParts = (a: Record<string, PartDigest>, b: Record<string, PartDigest>) => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)].filter((n) => n !== 'auditEvents'))
  return [...names].every((n) => a[n]?.sha256 === b[n]?.sha256 && a[n]?.count === b[n]?.count)
}

/**
 * Copies the repository of `source` to `target` as it is (every version, sealed secret, request,
 * deployment and audit event; secrets stay sealed under the same passphrase), then reads the
 * target afresh and compares counts and digests. Running it again changes nothing. A target
 * holding another repository is refused unless `force`.
 */
export async function copyRepository(
  source: CopyEndpoint,
  target: CopyEndpoint,
  options: CopyOptions,
): Promise<CopyReport> {
  if (!source.store || !source.audit) {
    throw new CertDeckError('STORE_NOT_FOUND', `There is no CertDeck repository at ${source.location} to copy.`)
  }
  const data = await source.store.read()
  const events = await source.audit.list()
  const wanted = digestRepository(data, events)
  let wrote = false
  if (target.store) {
    const existing = await target.store.read()
    const have = digestRepository(existing, [])
    if (!sameParts(have, wanted)) {
      if (!isEmptyDocument(existing) && !options.force) {
        throw new CertDeckError(
          'STORE_COPY_TARGET_NOT_EMPTY',
          `${target.location} already holds a different CertDeck repository; nothing was copied. Copy to an empty ` +
            'database or directory, or add --force to replace its records (its audit events are kept).',
        )
      }
      await target.store.update((draft) => replaceDocument(draft, data))
      wrote = true
    }
  } else {
    await target.create(data)
    wrote = true
  }
  const auditEventsAdded = await target.importAudit(events)
  const parts = await verify(await options.reopenTarget(), wanted, events)
  return { from: source.location, to: target.location, wrote, auditEventsAdded, parts }
}

function replaceDocument(draft: StoreData, data: StoreData): void {
  const target = draft as unknown as Record<string, unknown>
  for (const name of Object.keys(target)) {
    if (!(name in data)) target[name] = Array.isArray(target[name]) ? [] : null
  }
  for (const [name, value] of Object.entries(data)) target[name] = Array.isArray(value) ? [...value] : value
}

async function verify(fresh: CopyEndpoint, wanted: Record<string, PartDigest>, events: readonly AuditEvent[]) {
  try {
    if (!fresh.store || !fresh.audit) throw new Error('the target has no repository after the copy')
    const byId = new Map((await fresh.audit.list()).map((e) => [e.id, e]))
    const copied = events.map((e) => byId.get(e.id)).filter((e): e is AuditEvent => e !== undefined)
    const got = digestRepository(await fresh.store.read(), copied)
    const differing = Object.keys(wanted).filter(
      (n) => got[n]?.sha256 !== wanted[n].sha256 || got[n]?.count !== wanted[n].count,
    )
    if (differing.length > 0) {
      throw new CertDeckError(
        'STORE_COPY_MISMATCH',
        `The copy at ${fresh.location} does not match its source in ${differing.join(', ')}. Run the copy again; ` +
          'if it still differs, keep using the source and report it.',
        { kind: 'failure' },
      )
    }
    return got
  } finally {
    await fresh.close()
  }
}
