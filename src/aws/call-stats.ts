// Counts the AWS calls the tool makes, per service and operation, as the SDK sends them (a retried
// call counts once as a call and again as each attempt). This is how `--stats` measures the cost of a run.
export class CallStats {
  private readonly calls = new Map<string, { calls: number; attempts: number }>()
  readonly startedAt = Date.now()

  private entry(service: string, operation: string) {
    const key = `${service} ${operation}`
    let entry = this.calls.get(key)
    if (!entry) {
      entry = { calls: 0, attempts: 0 }
      this.calls.set(key, entry)
    }
    return entry
  }

  recordCall(service: string, operation: string): void {
    this.entry(service, operation).calls += 1
  }

  recordAttempt(service: string, operation: string): void {
    this.entry(service, operation).attempts += 1
  }

  get total(): number {
    return [...this.calls.values()].reduce((sum, e) => sum + e.calls, 0)
  }

  rows(): { service: string; operation: string; calls: number; attempts: number }[] {
    return [...this.calls.entries()]
      .map(([key, e]) => {
        const [service = '', operation = ''] = key.split(' ')
        return { service, operation, ...e }
      })
      .sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation))
  }

  /** Plain text for stderr: one line per operation, then the totals and the wall time. */
  format(): string {
    const rows = this.rows()
    const width = Math.max(10, ...rows.map((r) => r.service.length + r.operation.length + 1))
    const lines = rows.map((r) => {
      const retries = r.attempts > r.calls ? ` (${r.attempts} attempts)` : ''
      return `  ${`${r.service}.${r.operation}`.padEnd(width)} ${String(r.calls).padStart(6)}${retries}`
    })
    const attempts = rows.reduce((sum, r) => sum + r.attempts, 0)
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(2)
    lines.push(`AWS calls: ${this.total} (${attempts} attempts) in ${seconds} s`)
    return lines.join('\n')
  }
}
