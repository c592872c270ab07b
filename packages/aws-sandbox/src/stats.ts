/** Counters for one (account, region, service, operation). */
export interface CallStats {
  readonly accountId: string
  readonly region: string
  readonly service: string
  readonly operation: string
  /** Every request that reached the sandbox, retries included. */
  attempts: number
  /** Answered with a throttling error by the quota layer. */
  throttled: number
  /** Failed by an injected fault. */
  faulted: number
  /** Answered with an AWS error by the service itself. */
  errors: number
}

/** Which calls to count; an omitted field matches any. */
export interface CallFilter {
  readonly accountId?: string
  readonly region?: string
  readonly service?: string
  readonly operation?: string
}

/** Per-call counters the benchmarks and tests read. */
export class CallCounter {
  private readonly rows = new Map<string, CallStats>()

  /** The row for a call, created on first use. */
  row(accountId: string, region: string, service: string, operation: string): CallStats {
    const key = `${accountId}|${region}|${service}|${operation}`
    let row = this.rows.get(key)
    if (!row) {
      row = { accountId, region, service, operation, attempts: 0, throttled: 0, faulted: 0, errors: 0 }
      this.rows.set(key, row)
    }
    return row
  }

  /** Copies of the rows matching `filter`. */
  list(filter: CallFilter = {}): CallStats[] {
    return [...this.rows.values()]
      .filter(
        (r) =>
          (!filter.accountId || r.accountId === filter.accountId) &&
          (!filter.region || r.region === filter.region) &&
          (!filter.service || r.service === filter.service) &&
          (!filter.operation || r.operation === filter.operation),
      )
      .map((r) => ({ ...r }))
  }

  /** Forgets every counter. */
  reset(): void {
    this.rows.clear()
  }
}
