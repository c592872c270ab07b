import type { SandboxWorld } from '../world.js'
import { KEY_ALGORITHMS, type KeyAlgorithm } from '../x509/key-algorithm.js'

/** Certificate kinds the seeder produces. */
export type SeedKind = 'amazonIssued' | 'imported' | 'private' | 'pending'

/** What `control.seed()` creates. */
export interface SeedOptions {
  /** Regions to fill. @default ['us-east-1'] */
  readonly regions?: readonly string[]
  /** ACM certificates per region. @default 20 */
  readonly certsPerRegion?: number
  /**
   * Relative shares of each kind (normalised): Amazon-issued (DNS-validated, ISSUED), imported,
   * private (issued by the region's private CA) and pending (DNS validation not yet done).
   * @default { amazonIssued: 0.55, imported: 0.25, private: 0.15, pending: 0.05 }
   */
  readonly mix?: Readonly<Partial<Record<SeedKind, number>>>
  /**
   * Key types: a list (equal shares) or relative shares. RSA_1024/3072/4096 and EC_secp521r1
   * cannot be requested from ACM, so they only appear on imported certificates (others fall back to RSA_2048).
   * @default { RSA_2048: 0.8, EC_prime256v1: 0.15, EC_secp384r1: 0.05 }
   */
  readonly keyTypes?: readonly KeyAlgorithm[] | Readonly<Partial<Record<KeyAlgorithm, number>>>
  /** Share of issued certificates expiring within 30 days. @default 0.1 */
  readonly expiringSoon?: number
  /** Share of issued certificates attached to a (fictitious) load balancer. @default 0.3 */
  readonly inUse?: number
  /** IAM server certificates for the account (IAM is global). @default 0 */
  readonly iamServerCertificates?: number
  /**
   * Route 53 hosted zones: the first is the public zone of `domain`, the second a private zone of
   * the same name, the rest public sub-zones. @default 0
   */
  readonly hostedZones?: number
  /** Private CAs per region; at least one is made in each region when the mix has private certificates. @default 0 */
  readonly privateCAs?: number
  /** Account to fill. @default the sandbox's first account */
  readonly accountId?: string
  /** Domain the names are made under. @default 'example.com' */
  readonly domain?: string
  /**
   * Leave certificate bodies unsigned until the first GetCertificate/ExportCertificate asks for
   * one (every other field is exact from the start). Faster for very large seeds. @default false
   */
  readonly lazyBodies?: boolean
}

/** What a seed created. */
export interface SeedReport {
  readonly accountId: string
  readonly certificates: number
  readonly byKind: Readonly<Record<SeedKind, number>>
  /** Issued certificates whose NotAfter is within 30 days. */
  readonly expiringSoon: number
  readonly privateCAs: readonly string[]
  readonly hostedZones: readonly string[]
  readonly iamServerCertificates: number
  /** Wall time of the seed, in ms. */
  readonly elapsedMs: number
}

/** The small realistic set `--seed demo` loads: a few regions, every kind, EC keys, some expiring. */
export const DEMO_SEED: SeedOptions = {
  regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
  certsPerRegion: 16,
  mix: { amazonIssued: 0.4, imported: 0.3, private: 0.2, pending: 0.1 },
  keyTypes: { RSA_2048: 0.6, EC_prime256v1: 0.25, EC_secp384r1: 0.15 },
  expiringSoon: 0.2,
  inUse: 0.35,
  iamServerCertificates: 3,
  hostedZones: 2,
  privateCAs: 1,
  domain: 'example.com',
}

/** Exactly `round(share × n)` of each value (largest remainders), shuffled with the world's PRNG. */
export function allocate<T extends string>(
  world: SandboxWorld,
  shares: Readonly<Partial<Record<T, number>>>,
  n: number,
): T[] {
  const entries = (Object.entries(shares) as [T, number][]).filter(([, w]) => w > 0)
  const total = entries.reduce((sum, [, w]) => sum + w, 0)
  if (!(total > 0)) throw new RangeError('Seed shares must include at least one positive weight.')
  const exact = entries.map(([value, w]) => ({ value, exact: (w / total) * n }))
  const counts = exact.map((e) => ({ value: e.value, count: Math.floor(e.exact), rest: e.exact - Math.floor(e.exact) }))
  let missing = n - counts.reduce((s, c) => s + c.count, 0)
  for (const c of [...counts].sort((a, b) => b.rest - a.rest)) {
    if (missing-- <= 0) break
    c.count++
  }
  const out: T[] = counts.flatMap((c) => Array<T>(c.count).fill(c.value))
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(world.random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** Normalises the keyTypes option to shares, checking every name. */
export function keyTypeShares(keyTypes: SeedOptions['keyTypes']): Partial<Record<KeyAlgorithm, number>> {
  const shares: Partial<Record<KeyAlgorithm, number>> = Array.isArray(keyTypes)
    ? Object.fromEntries((keyTypes as KeyAlgorithm[]).map((k) => [k, 1]))
    : ((keyTypes as Partial<Record<KeyAlgorithm, number>>) ?? {
        RSA_2048: 0.8,
        EC_prime256v1: 0.15,
        EC_secp384r1: 0.05,
      })
  for (const name of Object.keys(shares)) {
    if (!(KEY_ALGORITHMS as readonly string[]).includes(name)) {
      throw new RangeError(`Unknown key type '${name}' in seed keyTypes; use ${KEY_ALGORITHMS.join(', ')}.`)
    }
  }
  return shares
}
