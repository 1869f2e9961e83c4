// Simulated time. The sandbox's clock runs `speed` times faster than real time, so an operation that
// takes two simulated minutes completes in a fraction of a real second, while clients still poll and
// back off exactly as they would against AWS. Tests can also jump it forward with `advance`.
export class Clock {
  private readonly realStart = Date.now()
  private offsetMs = 0
  /** Real time while paused does not count (the `aws` timing profile pauses it while the sandbox works). */
  private pausedAt: number | undefined
  private pausedMs = 0

  constructor(
    readonly speed = 1,
    private readonly simulatedStart = Date.parse('2026-01-01T00:00:00Z'),
  ) {}

  /** Simulated epoch milliseconds at the start: `now() - startedAt` is the simulated time elapsed. */
  get startedAt(): number {
    return this.simulatedStart
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    const real = (this.pausedAt ?? Date.now()) - this.realStart - this.pausedMs
    return this.simulatedStart + real * this.speed + this.offsetMs
  }

  pause(): void {
    this.pausedAt ??= Date.now()
  }

  resume(): void {
    if (this.pausedAt === undefined) return
    this.pausedMs += Date.now() - this.pausedAt
    this.pausedAt = undefined
  }

  date(): Date {
    return new Date(this.now())
  }

  advance(ms: number): void {
    this.offsetMs += ms
  }
}
