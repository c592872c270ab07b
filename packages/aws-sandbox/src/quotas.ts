/** Requests per second per (account, region, operation), AWS's documented defaults. */
export const DEFAULT_RATES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  acm: {
    DescribeCertificate: 10,
    GetCertificate: 10,
    ExportCertificate: 10,
    DeleteCertificate: 10,
    ListCertificates: 8,
    RequestCertificate: 5,
    RenewCertificate: 5,
    ImportCertificate: 1,
    ResendValidationEmail: 1,
    AddTagsToCertificate: 5,
    RemoveTagsFromCertificate: 5,
    ListTagsForCertificate: 10,
    RevokeCertificate: 5,
    GetAccountConfiguration: 1,
    PutAccountConfiguration: 1,
    '*': 5,
  },
  'acm-pca': {
    DescribeCertificateAuthority: 20,
    GetCertificateAuthorityCertificate: 20,
    ListCertificateAuthorities: 20,
    RevokeCertificate: 20,
    IssueCertificate: 25,
    GetCertificate: 75,
    '*': 10,
  },
  iam: { '*': 10 },
  // Route 53: one bucket per account across all operations.
  route53: { '*': 5 },
}

/** Services whose quota is one bucket per account, across operations and regions. */
const PER_ACCOUNT = new Set(['route53'])
/** Global services: one bucket per account and operation, whatever the signing region. */
const GLOBAL = new Set(['iam'])

/** How the sandbox applies AWS request-rate quotas. */
export interface QuotaOptions {
  /** Multiplies every rate (0.5 halves them, 10 allows ten times more). @default 1 */
  readonly scale?: number
  /** Per-service, per-operation rates overriding the defaults (`'*'` for the rest of a service). */
  readonly rates?: Readonly<Record<string, Readonly<Record<string, number>>>>
}

/** Token buckets answering "may this call go ahead now?". */
export class QuotaLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private enabled: boolean
  private scale: number
  private rates: Record<string, Record<string, number>>

  constructor(options: boolean | number | QuotaOptions | undefined) {
    this.enabled = true
    this.scale = 1
    this.rates = {}
    this.configure(options)
  }

  /** `false` switches quotas off, a number scales them, an object scales and overrides. */
  configure(options: boolean | number | QuotaOptions | undefined): void {
    this.buckets.clear()
    this.enabled = options !== false
    const scale = typeof options === 'number' ? options : typeof options === 'object' ? (options.scale ?? 1) : 1
    if (!(scale > 0)) throw new RangeError(`The quota scale must be a positive number, not ${scale}.`)
    this.scale = scale
    this.rates = {}
    for (const [service, ops] of Object.entries(DEFAULT_RATES)) this.rates[service] = { ...ops }
    if (typeof options === 'object') {
      for (const [service, ops] of Object.entries(options.rates ?? {}))
        this.rates[service] = { ...this.rates[service], ...ops }
    }
  }

  /** The rate (requests/s) that applies, or undefined when unlimited. */
  rateOf(service: string, operation: string): number | undefined {
    if (!this.enabled) return undefined
    const ops = this.rates[service]
    const rate = ops?.[operation] ?? ops?.['*']
    return rate === undefined ? undefined : rate * this.scale
  }

  /** Takes one token; false when the bucket is empty (the call must be throttled). */
  take(accountId: string, region: string, service: string, operation: string, nowMs = performance.now()): boolean {
    const rate = this.rateOf(service, operation)
    if (rate === undefined) return true
    const key = PER_ACCOUNT.has(service)
      ? `${accountId}|${service}`
      : GLOBAL.has(service)
        ? `${accountId}|${service}|${operation}`
        : `${accountId}|${region}|${service}|${operation}`
    // Burst capacity equals one second of traffic, as AWS's buckets allow short bursts.
    const capacity = Math.max(1, rate)
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: nowMs }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.at) / 1000) * rate)
    bucket.at = nowMs
    this.buckets.set(key, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}

/** The throttling error code each protocol's SDK recognises. */
export function throttlingCode(service: string): string {
  return service === 'iam' || service === 'route53' ? 'Throttling' : 'ThrottlingException'
}
