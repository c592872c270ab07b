/**
 * The state and services every emulated AWS service shares: clock, seeded randomness, options,
 * persisted state and the bridges one service uses to reach another (ACM's DNS validation reads
 * Route 53; the seeder writes IAM and Route 53 state).
 */
import type { ServiceHandler } from './types.js'

/** Options every service may read; all durations in milliseconds. */
export interface WorldOptions {
  /** Account ids the sandbox knows; the first one is the default. */
  readonly accounts: readonly string[]
  /** Delay before an ACM DNS validation CNAME appears in DescribeCertificate. @default 1000 */
  readonly validationDelayMs: number
  /** Time after which an unvalidated ACM request becomes VALIDATION_TIMED_OUT. @default 72 h */
  readonly validationTimeoutMs: number
  /** Delay before a Route 53 change goes from PENDING to INSYNC. @default 1000 */
  readonly changeSyncDelayMs: number
}

/** A resource record set as the Route 53 bridge exchanges it. */
export interface BridgeRecord {
  /** Fully qualified name, with or without the trailing dot (compared case-insensitively). */
  readonly name: string
  readonly type: string
  readonly ttl: number
  /** Record values, e.g. `_x.acm-validations.aws.` for a CNAME. */
  readonly values: readonly string[]
}

/** What other parts of the sandbox need from Route 53 (implemented by the Route 53 service). */
export interface Route53Bridge {
  /**
   * Values of the record `name`/`type` in any PUBLIC hosted zone of `accountId` (private zones
   * never validate ACM certificates), or undefined when no public zone holds it.
   */
  findPublicRecord(accountId: string, name: string, type: string): readonly string[] | undefined
  /** Creates a hosted zone (used by the seeder). */
  createHostedZone(
    accountId: string,
    input: {
      readonly name: string
      readonly privateZone?: boolean
      readonly comment?: string
      readonly vpc?: { readonly region: string; readonly id: string }
    },
  ): { readonly id: string }
  /** Creates or replaces records in a zone, without a pending change (used by the seeder). */
  upsertRecords(accountId: string, zoneId: string, records: readonly BridgeRecord[]): void
}

/** What other parts of the sandbox need from IAM (implemented by the IAM service). */
export interface IamBridge {
  /** Stores a server certificate as UploadServerCertificate would (used by the seeder). */
  uploadServerCertificate(
    accountId: string,
    input: {
      readonly name: string
      readonly path?: string
      readonly certificateBody: string
      readonly certificateChain?: string
      /** Upload time in ms since the epoch; defaults to `world.now()`. */
      readonly uploadDate?: number
    },
  ): { readonly arn: string; readonly id: string }
}

/**
 * The shared world handed to each service factory (`createIamService(world)`,
 * `createRoute53Service(world)`, …).
 *
 * Rules for services:
 * - Keep all state in `world.state(key, init)` and call it on every request rather than caching
 *   the returned object: `control.load()` replaces the whole state at runtime.
 * - State must be plain JSON (objects, arrays, strings, numbers, booleans, null): it is saved to
 *   `--data FILE` with `JSON.stringify`. Store times as ms since the epoch.
 * - Use `world.now()` for time (tests advance it) and `world.random()` for ids (seeded).
 */
export interface SandboxWorld {
  readonly options: WorldOptions
  /** Current sandbox time in ms since the epoch (real time plus any `control.advanceTime`). */
  now(): number
  /** Seeded PRNG in [0, 1). */
  random(): number
  /** A random string of `length` characters drawn from `alphabet` (default lowercase hex). */
  randomString(length: number, alphabet?: string): string
  /** The JSON state stored under `key`, created with `init()` on first use. */
  state<T>(key: string, init: () => T): T
  /** Route 53 as other services see it; a stub that finds nothing until Route 53 is wired. */
  readonly route53: Route53Bridge
  /** IAM as other services see it; a stub that refuses until IAM is wired. */
  readonly iam: IamBridge
}

/** A service factory's result when the service also offers a bridge to the rest of the sandbox. */
export interface BridgedService<B> {
  readonly bridge: B
}

/**
 * The signature of `createRoute53Service` exported by `src/route53/index.ts`: the server routes
 * signing name `route53` to the handler and exposes `bridge` as `world.route53`.
 */
export type Route53ServiceFactory = (world: SandboxWorld) => ServiceHandler & BridgedService<Route53Bridge>

/**
 * The signature of `createIamService` exported by `src/iam/index.ts`: the server routes signing
 * name `iam` to the handler and exposes `bridge` as `world.iam`.
 */
export type IamServiceFactory = (world: SandboxWorld) => ServiceHandler & BridgedService<IamBridge>
