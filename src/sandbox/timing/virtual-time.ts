// AWS time for the `aws` timing profile. The clock runs at real speed, so the client's own work counts as it
// would against AWS; what AWS makes a client wait for — the latency of each call, a poll's sleep between reads
// — is spent on simulated time instead: a waiting request is parked until the clock reaches its time, and
// when nothing is in progress (every request parked and no new one for `idleMs` real milliseconds) the clock
// jumps to the earliest parked time and releases what is due. A run's AWS time is then the clock's elapsed
// time. The error is one-sided: a client that is busy longer than `idleMs` between calls lets the clock jump
// past work it has not sent yet, so AWS time comes out longer, never shorter. The sandbox's own work is not
// AWS's: the clock is paused while a request is being worked on.
import type { Clock } from '../clock.ts'

interface Parked {
  at: number
  release: () => void
}

export class VirtualTime {
  /** Requests being worked on (received and neither parked nor answered). */
  private active = 0
  /** Bumped on every arrival, so an idle check can tell that something happened meanwhile. */
  private arrivals = 0
  /** Sorted by `at`, ties in arrival order. */
  private readonly parked: Parked[] = []
  private timer: NodeJS.Timeout | undefined
  readonly startedAt: number
  /** How often the clock jumped (each costs about `idleMs` of real time). */
  jumps = 0

  constructor(
    private readonly clock: Clock,
    private readonly idleMs = 2,
  ) {
    this.startedAt = clock.now()
  }

  /** A request arrived. */
  begin(): void {
    this.arrivals++
    this.working(1)
  }

  /** A request was answered. */
  end(): void {
    this.working(-1)
    this.arm()
  }

  private working(delta: number): void {
    this.active += delta
    if (this.active > 0) this.clock.pause()
    else this.clock.resume()
  }

  /** Parks the current request for `ms` of simulated time. */
  async hold(ms: number): Promise<void> {
    if (ms <= 0) return
    const at = this.clock.now() + ms
    this.working(-1)
    await new Promise<void>((release) => {
      let i = this.parked.length
      while (i > 0 && (this.parked[i - 1] as Parked).at > at) i--
      this.parked.splice(i, 0, { at, release })
      this.arm()
    })
    this.working(1)
  }

  /** A wait outside any request (an in-process client's poll): parked like a request's latency. */
  async sleep(ms: number): Promise<void> {
    this.begin()
    try {
      await this.hold(ms)
    } finally {
      this.end()
    }
  }

  /** Simulated milliseconds since the sandbox started. */
  elapsedMs(): number {
    return this.clock.now() - this.startedAt
  }

  private arm(): void {
    if (this.timer || this.active > 0 || this.parked.length === 0) return
    const seen = this.arrivals
    this.timer = setTimeout(() => {
      this.timer = undefined
      if (this.active > 0) return // its end() arms again
      if (this.arrivals !== seen) this.arm()
      else this.jump()
    }, this.idleMs)
  }

  private jump(): void {
    const first = this.parked[0]
    if (!first) return
    const now = this.clock.now()
    this.jumps++
    if (first.at > now) this.clock.advance(first.at - now)
    const due = this.clock.now()
    while (this.parked.length > 0 && (this.parked[0] as Parked).at <= due)
      (this.parked.shift() as Parked).release()
  }
}
