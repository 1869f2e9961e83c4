// Client-side pacing after throttling, as the SDK's adaptive retry mode does, on the tool's wait seam. Retries
// alone do not hold up at scale: walking 5,000 accounts (250 pages of ListAccountsForParent) with 8 calls at
// once asks Organizations for several times its rate, every new call starts again at the first backoff, and a
// call unlucky eight times in a row fails the run. Once an operation is throttled (pace-calls.ts) its calls take
// turns, one every `intervalMs`; the interval doubles on each throttling error and shrinks with each success
// until pacing ends.
// The SDK's own limiter (DefaultRateLimiter) cannot be used: it reads Date.now() and sleeps on its own timer,
// so a run whose waits are spent on a simulated clock (benchmarks in AWS time, the e2e soak) would pace in
// real time against buckets that refill in simulated time.
import { REAL_CLOCK } from './poll.ts'

export const PACE_MIN_MS = 50
export const PACE_MAX_MS = 5_000
/**
 * Each success shortens the interval by a fifth (a 5 s interval is gone after 21 calls). Under a real rate
 * limit the interval settles near it; throttling that pacing cannot cure (errors at random, one call in five)
 * must not drive every call to the cap: 0.2 × ln 2 + 0.8 × ln 0.8 < 0, so there pacing fades out.
 */
const EASE = 0.8

export class ThrottlePacer {
  private intervalMs = 0
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly sleep: (ms: number) => Promise<unknown> = (ms) => REAL_CLOCK.sleep(ms)) {}

  get interval(): number {
    return this.intervalMs
  }

  /** Before each attempt: free while the operation has not been throttled, else the next turn. */
  async turn(): Promise<void> {
    if (this.intervalMs === 0) return
    const interval = this.intervalMs
    const mine = this.queue.then(() => this.sleep(interval))
    this.queue = mine
    await mine
  }

  throttled(): void {
    this.intervalMs = Math.min(Math.max(this.intervalMs * 2, PACE_MIN_MS), PACE_MAX_MS)
  }

  succeeded(): void {
    if (this.intervalMs === 0) return
    this.intervalMs *= EASE
    if (this.intervalMs < PACE_MIN_MS) this.intervalMs = 0
  }
}
