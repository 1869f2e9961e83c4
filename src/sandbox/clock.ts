// Simulated time. The sandbox's clock runs `speed` times faster than real time, so an operation that
// takes two simulated minutes completes in a fraction of a real second, while clients still poll and
// back off exactly as they would against AWS. Tests can also jump it forward with `advance`.
export class Clock {
  private readonly realStart = Date.now()
  private offsetMs = 0

  constructor(
    readonly speed = 1,
    private readonly simulatedStart = Date.parse('2026-01-01T00:00:00Z'),
  ) {}

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.simulatedStart + (Date.now() - this.realStart) * this.speed + this.offsetMs
  }

  date(): Date {
    return new Date(this.now())
  }

  advance(ms: number): void {
    this.offsetMs += ms
  }
}
