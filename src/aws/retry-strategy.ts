// The SDK's standard retry mode (which errors are retried, how many attempts, the retry quota, exponential
// backoff with full jitter), with one difference: the backoff is slept through the tool's wait seam
// (poll.ts, `REAL_CLOCK.sleep`) like every other wait of the tool. Against AWS that is a real sleep, as the
// SDK's own; a benchmark that spends the tool's waits on a simulated clock then also spends the backoff
// there, so a throttled call waits the simulated time the rate limit needs to refill (the SDK's sleep would
// pass in real time while the simulated clock stands still, and the retries would be throttled again).
// Still the one retry layer: it replaces the SDK's strategy, it does not wrap calls.
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types'
import { REAL_CLOCK } from './poll.ts'

// @smithy/core's standard strategy (util-retry: constants.ts, retries-2026-config.ts).
const INITIAL_RETRY_TOKENS = 500
const NO_RETRY_INCREMENT = 1
const THROTTLING_COST = 5
const RETRY_COST = 14
const THROTTLING_DELAY_BASE_MS = 1_000
const DELAY_BASE_MS = 50
const MAXIMUM_RETRY_DELAY_MS = 20_000
/** How far past the backoff a Retry-After hint may push the next attempt. */
const RETRY_AFTER_MARGIN_MS = 5_000

class Token implements StandardRetryToken {
  constructor(
    private readonly count: number,
    private readonly cost?: number,
  ) {}
  getRetryCount(): number {
    return this.count
  }
  /** Zero: the strategy has already waited (RetryToken's contract allows either). */
  getRetryDelay(): number {
    return 0
  }
  getRetryCost(): number | undefined {
    return this.cost
  }
}

export class SeamRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard'
  private capacity = INITIAL_RETRY_TOKENS

  constructor(private readonly maxAttempts: number) {}

  async acquireInitialRetryToken(): Promise<StandardRetryToken> {
    return new Token(0)
  }

  async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    info: RetryErrorInfo,
  ): Promise<StandardRetryToken> {
    const throttled = info.errorType === 'THROTTLING'
    const cost = throttled ? THROTTLING_COST : RETRY_COST
    const retryable = throttled || info.errorType === 'TRANSIENT'
    const count = token.getRetryCount()
    if (!retryable || count + 1 >= this.maxAttempts || this.capacity < cost)
      throw new Error('No retry token available')
    this.capacity -= cost
    const base = throttled ? THROTTLING_DELAY_BASE_MS : DELAY_BASE_MS
    let delay = Math.floor(Math.random() * Math.min(base * 2 ** count, MAXIMUM_RETRY_DELAY_MS))
    if (info.retryAfterHint instanceof Date) {
      const hinted = info.retryAfterHint.getTime() - Date.now()
      delay = Math.max(delay, Math.min(hinted, delay + RETRY_AFTER_MARGIN_MS))
    }
    await REAL_CLOCK.sleep(delay)
    return new Token(count + 1, cost)
  }

  recordSuccess(token: StandardRetryToken): void {
    this.capacity = Math.min(
      INITIAL_RETRY_TOKENS,
      this.capacity + (token.getRetryCost() ?? NO_RETRY_INCREMENT),
    )
  }
}
