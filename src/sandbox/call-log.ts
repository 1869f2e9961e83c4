// Every call the sandbox answered: which service, operation, account and region, and how it ended. Tests
// and benchmarks count the tool's API calls with it (DESIGN §7 budgets are measured here).
export interface CallRecord {
  /** Simulated epoch milliseconds when the call arrived. */
  at: number
  service: string
  operation: string
  account: string
  region: string
  /** AWS error code when the call failed (including injected faults and throttling). */
  errorCode?: string
  status: number
}

export type CallFilter = Partial<
  Pick<CallRecord, 'service' | 'operation' | 'account' | 'region' | 'errorCode'>
>

export class CallLog {
  readonly entries: CallRecord[] = []

  record(entry: CallRecord): void {
    this.entries.push(entry)
  }

  /** Calls matching every given field. */
  filter(filter: CallFilter = {}): CallRecord[] {
    const wanted = Object.entries(filter) as [keyof CallRecord, unknown][]
    return this.entries.filter((e) => wanted.every(([k, v]) => e[k] === v))
  }

  count(filter: CallFilter = {}): number {
    return this.filter(filter).length
  }

  /** `service:Operation` → number of calls, for reports. */
  summary(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const e of this.entries) {
      const key = `${e.service}:${e.operation}`
      counts[key] = (counts[key] ?? 0) + 1
    }
    return counts
  }

  clear(): void {
    this.entries.length = 0
  }
}
