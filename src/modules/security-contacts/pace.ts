// Keeps the tool under an API's published request rate (a token bucket on real time), so a loop over
// thousands of accounts waits its turn instead of being throttled into exhausting the SDK's retries.
export class Pace {
  private tokens: number
  private updatedAt = Date.now()
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
  }

  /** Resolves when one request may be sent; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait())
    this.queue = turn
    return turn
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = Date.now()
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond)
      this.updatedAt = now
      if (this.tokens >= 1) {
        this.tokens -= 1
        return
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)),
      )
    }
  }
}

/**
 * AWS Account Management's published rates for the alternate-contact operations, per account (Account
 * Management reference guide, "Quotas for AWS Account Management"). Every call comes from the management
 * account: one bucket per operation for the run (per set of clients, so runs in one process do not share).
 */
const paces = new WeakMap<object, { get: Pace; put: Pace; delete: Pace }>()

export function contactPace(run: object): { get: Pace; put: Pace; delete: Pace } {
  let pace = paces.get(run)
  if (!pace) {
    pace = { get: new Pace(10, 15), put: new Pace(5, 8), delete: new Pace(1, 6) }
    paces.set(run, pace)
  }
  return pace
}
