// Eventual consistency (README, "Eventual consistency"). In `strong` mode (the default) every answer reflects
// every write at once, as the sandbox always did. In `eventual` mode a seeded PRNG decides the delays and
// the empty pages AWS documents, so a given seed misbehaves the same way every run. Delays are simulated
// milliseconds, read lazily from the clock like every other asynchronous effect.
import { createHash } from 'node:crypto'
import { prng } from './prng.ts'

export type ConsistencyMode = 'strong' | 'eventual'
export const CONSISTENCY_MODES: readonly ConsistencyMode[] = ['strong', 'eventual']

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Ranges `[min, max]` in simulated ms (or a probability), each with its source in the README section. */
export const EVENTUAL = {
  /** Organizations "can occasionally return an empty set of results even when more results are available". */
  emptyPageProbability: 0.25,
  /** EnablePolicyType is "an asynchronous request that AWS performs in the background" (crafted duration). */
  policyTypePending: [5 * SECOND, 60 * SECOND],
  /** ListStackSetOperations / ListStackSetOperationResults behind the operation's end (crafted). */
  operationListLag: [5 * SECOND, 90 * SECOND],
  /** A disabled GuardDuty / Security Hub admin shows DISABLE_IN_PROGRESS (crafted duration). */
  adminDisable: [30 * SECOND, 5 * MINUTE],
  /** Security Hub central configuration / policy association PENDING before SUCCESS or FAILED (crafted). */
  securityHubPending: [5 * SECOND, 60 * SECOND],
  /** GuardDuty auto-enable ALL reaches existing members: "may take up to 24 hours". */
  guardDutyExistingMembers: [1 * HOUR, 24 * HOUR],
  /** Trusted access / delegated-admin registration seen by other services (crafted duration). */
  crossServiceVisibility: [10 * SECOND, 2 * MINUTE],
  /** Organizations tags read back stale after a write (crafted duration). */
  staleTags: [1 * SECOND, 10 * SECOND],
} as const

export class Consistency {
  private readonly random: () => number
  /** How many answers each eventual behaviour gave (empty-page, stale-tags, …): tests and the soak read it. */
  readonly served = new Map<string, number>()

  constructor(
    readonly mode: ConsistencyMode = 'strong',
    readonly seed = 1,
  ) {
    this.random = prng(seed)
  }

  get eventual(): boolean {
    return this.mode === 'eventual'
  }

  /** Counts one answer shaped by eventual consistency. */
  note(behaviour: string): void {
    this.served.set(behaviour, (this.served.get(behaviour) ?? 0) + 1)
  }

  /** True with probability `p` in eventual mode; never in strong mode. */
  chance(p: number): boolean {
    return this.eventual && this.random() < p
  }

  /** A delay drawn from `[min, max]` in eventual mode; 0 in strong mode. */
  delay([min, max]: readonly [number, number]): number {
    return this.eventual ? Math.round(min + this.random() * (max - min)) : 0
  }

  /**
   * A delay fixed for `key` (the same on every read, whatever else was drawn), for effects derived lazily
   * from state (e.g. when auto-enable reaches one account).
   */
  delayFor(key: string, [min, max]: readonly [number, number]): number {
    if (!this.eventual) return 0
    const digest = createHash('sha256').update(`${this.seed}:${key}`).digest()
    return Math.round(min + (digest.readUInt32BE(0) / 4294967296) * (max - min))
  }
}
