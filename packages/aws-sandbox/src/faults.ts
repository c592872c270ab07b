import type { Prng } from './random.js'

/** An injected fault: matching calls fail at `errorRate` and/or wait `latencyMs`. */
export interface FaultRule {
  /** Signing name (`acm`, `acm-pca`, `iam`, `route53`); any when omitted. */
  readonly service?: string
  /** Region from the SigV4 scope; any when omitted. */
  readonly region?: string
  /** Operation name, e.g. `ListCertificates`; any when omitted. */
  readonly operation?: string
  /** Probability in [0, 1] that a matching call fails. @default 0 */
  readonly errorRate?: number
  /** What a failing call answers. @default 'InternalFailure' */
  readonly error?: 'InternalFailure' | 'ServiceUnavailable' | 'Throttling'
  /** Extra latency: fixed, or uniformly drawn from [min, max]. */
  readonly latencyMs?: number | { readonly min: number; readonly max: number }
}

/**
 * How a down region behaves: reset the TCP connection, answer 503 to every call, or `hang`:
 * read the request and never answer (the connection stays open until the client gives up or
 * the sandbox closes).
 */
export type RegionDownMode = 'connection' | 'unavailable' | 'hang'

/** Fault injection settings; deterministic under the sandbox's `randomSeed`. */
export interface FaultOptions {
  readonly rules?: readonly FaultRule[]
  /** Regions that are down, with how they fail. */
  readonly regionsDown?: Readonly<Record<string, RegionDownMode>>
}

/** What the fault layer decided for one call. */
export interface FaultDecision {
  readonly delayMs: number
  readonly error?: 'InternalFailure' | 'ServiceUnavailable' | 'Throttling'
}

/** Draws a latency in ms from a fixed or ranged setting. */
export function drawLatency(latency: FaultRule['latencyMs'], prng: Prng): number {
  if (latency === undefined) return 0
  if (typeof latency === 'number') return latency
  return latency.min + prng.next() * (latency.max - latency.min)
}

/** Applies the matching rules in order: latencies add up, the first error drawn wins. */
export function decideFaults(
  options: FaultOptions,
  call: { service: string; region: string; operation: string },
  prng: Prng,
): FaultDecision {
  let delayMs = 0
  let error: FaultDecision['error']
  for (const rule of options.rules ?? []) {
    if (rule.service && rule.service !== call.service) continue
    if (rule.region && rule.region !== call.region) continue
    if (rule.operation && rule.operation !== call.operation) continue
    delayMs += drawLatency(rule.latencyMs, prng)
    if (!error && rule.errorRate && prng.next() < rule.errorRate) error = rule.error ?? 'InternalFailure'
  }
  return { delayMs, error }
}
