/** What an expiry policy looks at: one certificate's notAfter and the thresholds that apply to it. */
export interface ExpiryInput {
  readonly notAfter: Date
  readonly now: Date
  /** Days, largest first. */
  readonly thresholds: readonly number[]
  /** Whether to tell once it has expired. */
  readonly expired: boolean
  /** An Amazon-issued certificate ACM renews by itself: the message says ACM should have renewed it. */
  readonly managedRenewal: boolean
}

/** What a policy found: the reason code (the threshold key) and the words for people. */
export interface ExpiryFinding {
  readonly event: 'expiring' | 'expired'
  /** `expired`, or the threshold in days. */
  readonly threshold: string
  readonly message: string
  readonly daysLeft: number
}

/** One named expiry check; the first that finds something wins. */
export type ExpiryPolicy = (input: ExpiryInput) => ExpiryFinding | undefined

const DAY_MS = 86_400_000

function daysLeft(input: ExpiryInput): number {
  return Math.floor((input.notAfter.getTime() - input.now.getTime()) / DAY_MS)
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

const MANAGED_NOTE =
  ' ACM renews this certificate by itself and should have renewed it by now: check its DNS validation record.'

/** The certificate's notAfter has passed. */
export const Expired: ExpiryPolicy = (input) => {
  if (!input.expired || input.notAfter.getTime() > input.now.getTime()) return undefined
  const ago = -daysLeft(input)
  return {
    event: 'expired',
    threshold: 'expired',
    daysLeft: daysLeft(input),
    message:
      `expired ${ago <= 0 ? 'today' : `${plural(ago, 'day')} ago`} ` +
      `(${input.notAfter.toISOString()}).${input.managedRenewal ? MANAGED_NOTE : ''}`,
  }
}

/** The certificate is within a threshold: the smallest crossed one is the reason (the larger ones are behind it). */
export const CrossedThreshold: ExpiryPolicy = (input) => {
  const leftMs = input.notAfter.getTime() - input.now.getTime()
  if (leftMs <= 0) return undefined
  const crossed = input.thresholds.filter((days) => leftMs <= days * DAY_MS)
  if (crossed.length === 0) return undefined
  const threshold = Math.min(...crossed)
  const left = daysLeft(input)
  return {
    event: 'expiring',
    threshold: String(threshold),
    daysLeft: left,
    message:
      `expires in ${left === 0 ? 'less than a day' : plural(left, 'day')} ` +
      `(${input.notAfter.toISOString()}).${input.managedRenewal ? MANAGED_NOTE : ''}`,
  }
}

/** The expiry policies, in order. */
export const EXPIRY_POLICIES: readonly ExpiryPolicy[] = [Expired, CrossedThreshold]

/** The first finding of `policies` for `input`, or undefined. */
export function evaluateExpiry(
  input: ExpiryInput,
  policies: readonly ExpiryPolicy[] = EXPIRY_POLICIES,
): ExpiryFinding | undefined {
  for (const policy of policies) {
    const finding = policy(input)
    if (finding) return finding
  }
  return undefined
}
