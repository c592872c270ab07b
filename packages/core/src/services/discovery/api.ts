// The public types of the discovery capability (options, results, its part of the CertDeck facade).
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type {
  CertificateUsage,
  CloudCertificateView,
  ReadDetailsOptions,
  ReadDetailsSummary,
} from '../renewal-health/index.js'

/** Progress of discovery, one event per region step. */
export type DiscoveryEvent =
  | { readonly type: 'region-start'; readonly region: string; readonly credential?: string }
  | { readonly type: 'region-done'; readonly region: string; readonly credential?: string; readonly found: number }
  | {
      readonly type: 'region-failed'
      readonly region: string
      readonly credential?: string
      readonly error: string
      /** The error's stable code (`AWS_TIMEOUT`, `AWS_ACCESS_DENIED`…; `INTERNAL` for a bug). */
      readonly code: string
    }

/** The summary of one discovery run. */
export interface DiscoverySummary {
  readonly found: number
  readonly new: number
  readonly changed: number
  readonly gone: number
  /** Regions (IAM: `global`) that did not answer: their previous records were kept, marked stale. */
  readonly failedRegions: readonly {
    readonly region: string
    /** The error's stable code (`AWS_TIMEOUT`, `AWS_ACCESS_DENIED`…; `INTERNAL` for a bug). */
    readonly code: string
    readonly error: string
    readonly credential?: string
  }[]
}

/** Options of a discovery run. */
export interface DiscoverOptions {
  readonly credential?: string
  /** @default the configured regions */
  readonly regions?: readonly string[]
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
  /** @default true */
  readonly iam?: boolean
  readonly signal?: AbortSignal
  readonly onEvent?: (event: DiscoveryEvent) => void
}

/** Options of {@link CloudApi.importBodies}. */
export interface ImportBodiesOptions {
  readonly credential?: string
  /** Only records of these regions (`global` for IAM). @default every region */
  readonly regions?: readonly string[]
  readonly signal?: AbortSignal
  /** One `region-start` and one `region-done` (found = bodies read) per region. */
  readonly onEvent?: (event: DiscoveryEvent) => void
}

/** What {@link CloudApi.importBodies} did. */
export interface ImportBodiesSummary {
  /** Bodies read. */
  readonly fetched: number
  /** New `discovered` entries in the repository. */
  readonly added: number
  /** Bodies that could not be read (retried by the next run). */
  readonly failed: number
}

/** The AWS tab, headless. */
export interface CloudApi {
  discover(options?: DiscoverOptions): Promise<DiscoverySummary>
  /**
   * Discovery's second phase: reads the body of every discovered certificate not read yet,
   * within the GetCertificate quota, and enters it into the repository (`discovered`). Saves as
   * it goes, so an interrupted run resumes where it stopped. Optional for fakes.
   */
  importBodies?(options?: ImportBodiesOptions): Promise<ImportBodiesSummary>
  /**
   * Records as the last discovery saw them, each with its renewal health. `renewal`: only
   * Amazon-issued ones whose health is `at-risk` or `failing`.
   */
  list(filter?: { kind?: string; region?: string; drift?: boolean; renewal?: string }): Promise<CloudCertificate[]>
  /**
   * The background details pass: DescribeCertificate (10/s per region, all regions at once) for
   * the certificates that matter — in use, Amazon-issued within 60 days of expiry, or
   * renewal-eligible — keeping what uses them and ACM's renewal state. Optional for fakes.
   */
  readDetails?(options?: ReadDetailsOptions): Promise<ReadDetailsSummary>
  /** One certificate by ARN, described just now: record and health, resources using it by service. */
  show?(arn: string, options?: { readonly signal?: AbortSignal }): Promise<CloudCertificateView>
  /**
   * What uses a certificate (ARN, repository id or request id), asked of ACM just now — before a
   * revoke or a re-import changes what those resources serve. `credential` reaches an ARN
   * discovery has not seen yet.
   */
  usage?(
    ref: string,
    options?: { readonly credential?: string; readonly signal?: AbortSignal },
  ): Promise<CertificateUsage>
  /**
   * Cloud certificates whose notAfter falls within `days` (already expired included), soonest
   * first, as the last discovery saw them (summaries suffice: no body is needed). Left out: those
   * linked to a repository certificate (`certificateId` set), which the repository's own
   * {@link CertificatesApi.expiring} covers; REVOKED, FAILED and VALIDATION_TIMED_OUT ones; and
   * records without a notAfter.
   */
  expiring(days: number): Promise<CloudCertificate[]>
  /** Regions scanned when none are given. */
  regions(): readonly string[]
}
