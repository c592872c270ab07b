import type { RenewalReason } from './api.js'
import type { Certificate, CertificateFacts } from '../../domain/certificate.js'
import type { Deployment } from '../../domain/deployment.js'
import { CertDeckError } from '../../errors.js'
import { entryPublicKeySha256, versionOf } from './certificate-entry.js'

/** The entry a certificate renews, the reason code and a message saying why, for the user. */
export interface RenewalChoice {
  readonly entry: Certificate
  readonly reason: RenewalReason
  readonly message: string
}

/** What the policies look at: the entries a certificate may renew, and the deployments. */
export interface RenewalInput {
  /** The new certificate. */
  readonly facts: CertificateFacts
  /** Entries with the same subject CN and SAN set that expire before it (at least one). */
  readonly candidates: readonly Certificate[]
  readonly deployments: readonly Deployment[]
}

/**
 * One step of the choice: an entry chosen, the candidates narrowed for the next policies, or a
 * refusal (`ambiguous`), or nothing (no opinion: the next policy sees the same candidates).
 */
export type PolicyOutcome =
  | { readonly chosen: RenewalChoice }
  | { readonly narrowed: readonly Certificate[] }
  | { readonly ambiguous: readonly Certificate[]; readonly why: string }
  | undefined

/** A named policy, evaluated in order by {@link chooseRenewalTarget}. */
export type RenewalPolicy = (input: RenewalInput) => PolicyOutcome

function deploymentsOf(entry: Certificate, deployments: readonly Deployment[]): Deployment[] {
  return deployments.filter((d) => d.certificateId === entry.id)
}

function describeEntry(entry: Certificate): string {
  return `${entry.id} '${entry.commonName}' (version ${entry.version}, expires ${entry.notAfter.slice(0, 10)})`
}

/** Key continuity: the entry whose current version has the new certificate's public key. */
export const SameKey: RenewalPolicy = ({ facts, candidates }) => {
  if (!facts.publicKeySha256) return undefined
  const matches = candidates.filter((entry) => entryPublicKeySha256(versionOf(entry)) === facts.publicKeySha256)
  if (matches.length === 1) {
    return {
      chosen: {
        entry: matches[0],
        reason: 'same-key',
        message: `same key: ${describeEntry(matches[0])} holds the public key of the new certificate`,
      },
    }
  }
  return matches.length > 1 ? { narrowed: matches } : undefined
}

/** The entry that is deployed (so auto-redeploy follows); several deployed entries are ambiguous. */
export const Deployed: RenewalPolicy = ({ candidates, deployments }) => {
  const deployed = candidates.filter((entry) => deploymentsOf(entry, deployments).length > 0)
  if (deployed.length > 1) return { ambiguous: deployed, why: 'several of them are deployed' }
  if (deployed.length === 0) return undefined
  const regions = [...new Set(deploymentsOf(deployed[0], deployments).map((d) => d.region))].join(', ')
  return {
    chosen: {
      entry: deployed[0],
      reason: 'deployed',
      message: `deployed: ${describeEntry(deployed[0])} is the one deployed (${regions})`,
    },
  }
}

/** The latest-expiring entry. */
export const LatestExpiring: RenewalPolicy = ({ candidates }) => {
  const latest = [...candidates].sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0]
  if (!latest) return undefined
  const others = candidates.length > 1 ? ` of ${candidates.length} entries with these names` : ''
  return {
    chosen: { entry: latest, reason: 'latest', message: `latest: ${describeEntry(latest)} expires last${others}` },
  }
}

/** The policies in the order they decide. */
export const RENEWAL_POLICIES: readonly RenewalPolicy[] = [SameKey, Deployed, LatestExpiring]

/**
 * Which entry a certificate renews, among entries of the same names: key continuity first,
 * then the deployed entry, then the latest-expiring one. Throws `RENEWAL_AMBIGUOUS` (listing the
 * candidates and `--renews ID`) when it is still ambiguous between deployed entries.
 */
export function chooseRenewalTarget(
  input: RenewalInput,
  policies: readonly RenewalPolicy[] = RENEWAL_POLICIES,
): RenewalChoice {
  let candidates = input.candidates
  for (const policy of policies) {
    const outcome = policy({ ...input, candidates })
    if (!outcome) continue
    if ('chosen' in outcome) return withDeployedNote(outcome.chosen, input)
    if ('narrowed' in outcome) candidates = outcome.narrowed
    else throw ambiguousRenewal(input, outcome.ambiguous, outcome.why)
  }
  throw new Error('no renewal policy chose an entry')
}

/** Names deployed entries passed over for one without deployments, whose auto-redeploy will not follow. */
function withDeployedNote(choice: RenewalChoice, input: RenewalInput): RenewalChoice {
  if (deploymentsOf(choice.entry, input.deployments).length > 0) return choice
  const passed = input.candidates.filter((entry) => deploymentsOf(entry, input.deployments).length > 0)
  if (passed.length === 0) return choice
  const ids = passed.map((entry) => entry.id).join(', ')
  return {
    ...choice,
    message:
      `${choice.message}; not ${ids}, which ${passed.length > 1 ? 'are' : 'is'} deployed: ` +
      'if this renews it, import again with --renews ID',
  }
}

function ambiguousRenewal(input: RenewalInput, entries: readonly Certificate[], why: string): CertDeckError {
  const listed = entries.map((entry) => {
    const regions = deploymentsOf(entry, input.deployments).map((d) => d.region)
    return `${describeEntry(entry)}, deployed to ${regions.join(', ')}`
  })
  return new CertDeckError(
    'RENEWAL_AMBIGUOUS',
    `The certificate for '${input.facts.commonName}' could renew ${entries.length} entries, and ${why}: ` +
      `${listed.join('; ')}. Nothing was imported. Say which one it renews with --renews ID ` +
      '(its deployments with auto-redeploy then receive it).',
  )
}

/**
 * The entry named with `--renews`: the certificate must expire after that entry's current
 * version, else `RENEWS_NOT_OLDER`.
 */
export function namedRenewal(entry: Certificate, facts: CertificateFacts): RenewalChoice {
  if (Date.parse(facts.notAfter) <= Date.parse(entry.notAfter)) {
    throw new CertDeckError(
      'RENEWS_NOT_OLDER',
      `The certificate expires ${facts.notAfter.slice(0, 10)}, not after ${describeEntry(entry)}, so it cannot ` +
        'be its renewal. Check the file, or import it without --renews.',
    )
  }
  return { entry, reason: 'named', message: `named: ${describeEntry(entry)}, as given with --renews` }
}
