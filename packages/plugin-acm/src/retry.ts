/**
 * Errors the SDK classes as throttling (and retries, with throttling back-off, up to
 * `maxAttempts`), although no retry can fix them: a quota of the account (domain names per
 * certificate, certificates per year, private CAs…) is used up.
 */
const NOT_RETRIED: ReadonlySet<string> = new Set(['LimitExceededException'])

/** The SDK's retry strategy interface (RetryStrategyV2), as far as it is used here. */
interface RetryStrategyV2 {
  readonly mode?: string
  acquireInitialRetryToken(scope: string): Promise<unknown>
  refreshRetryTokenForRetry(
    token: unknown,
    errorInfo: { readonly error?: { readonly name?: string } },
  ): Promise<unknown>
  recordSuccess(token: unknown): void
}

/**
 * Makes `client` give up at once on a quota error ({@link NOT_RETRIED}) instead of retrying it
 * for seconds; every other error keeps the client's own (adaptive) retry strategy. Refusing the
 * retry token is how a strategy says "no more attempts": the SDK then throws the call's error.
 */
export function withoutQuotaRetries<C extends { readonly config: object }>(client: C): C {
  const config = client.config as { retryStrategy: () => Promise<RetryStrategyV2 | object> }
  const base = config.retryStrategy
  let wrapped: Promise<RetryStrategyV2 | object> | undefined
  config.retryStrategy = () => (wrapped ??= base().then(wrap))
  return client
}

function wrap(strategy: RetryStrategyV2 | object): RetryStrategyV2 | object {
  if (!('refreshRetryTokenForRetry' in strategy)) return strategy
  return {
    mode: strategy.mode,
    acquireInitialRetryToken: (scope) => strategy.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token, errorInfo) =>
      NOT_RETRIED.has(errorInfo.error?.name ?? '')
        ? Promise.reject(errorInfo.error)
        : strategy.refreshRetryTokenForRetry(token, errorInfo),
    recordSuccess: (token) => strategy.recordSuccess(token),
  } satisfies RetryStrategyV2
}
