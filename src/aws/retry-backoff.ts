// The SDK's standard retry strategy — which errors retry, the attempt limit, the retry quota — with its backoff
// slept through the tool's one wait seam (poll.ts `REAL_CLOCK.sleep`) instead of a timer of the SDK's own.
// Against AWS that is the same real sleep; where a run's waits are spent on a simulated clock (the e2e soak
// against a fast sandbox, benchmarks in AWS time), a throttled call backs off in that clock's time too.
import { MAXIMUM_RETRY_DELAY, Retry, StandardRetryStrategy } from '@smithy/core/retry'
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'
import { REAL_CLOCK } from './poll.ts'

/** The SDK's bounds for a retry's delay (full jitter: a random share of the exponential bound). */
export function backoffMs(retriesSoFar: number, errorInfo: RetryErrorInfo, random = Math.random()): number {
  const base = errorInfo.errorType === 'THROTTLING' ? Retry.throttlingDelay() : Retry.delay()
  const delay = Math.floor(random * Math.min(base * 2 ** retriesSoFar, MAXIMUM_RETRY_DELAY))
  const hint = errorInfo.retryAfterHint
  if (!(hint instanceof Date)) return delay
  // As the SDK: a Retry-After the service asked for is honoured, up to five seconds beyond the backoff.
  return Math.max(delay, Math.min(hint.getTime() - Date.now(), delay + 5_000))
}

export function retryStrategy(maxAttempts: number): RetryStrategyV2 {
  // The SDK decides whether to retry; its own sleep is made zero, the wait happens below.
  const decide = new StandardRetryStrategy({
    maxAttempts,
    backoff: { computeNextBackoffDelay: () => 0, setDelayBase: () => {} },
  })
  return {
    acquireInitialRetryToken: (scope) => decide.acquireInitialRetryToken(scope),
    recordSuccess: (token) => decide.recordSuccess(token as Parameters<typeof decide.recordSuccess>[0]),
    async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo) {
      // Throws when the SDK refuses the retry (not retryable, attempts or quota spent): then nothing waits.
      const next = await decide.refreshRetryTokenForRetry(
        token as Parameters<typeof decide.refreshRetryTokenForRetry>[0],
        errorInfo,
      )
      await REAL_CLOCK.sleep(backoffMs(token.getRetryCount(), errorInfo))
      return next
    },
  }
}
