// One writing run (reconcile or apply) at a time per organization, wherever it runs: a lease recorded as a
// tag on the organization root (no local state). Claiming is write-then-confirm: each runner tags, waits a
// moment, and reads back; the last writer wins and every other runner sees it has lost. The lease is short
// and renewed while the run lives, so a run that was killed blocks the next one for one lease at most.
// Expiry is judged twice over: by the time written in the tag, and — safe against clocks that disagree
// between machines — by watching the same lease go unrenewed for a whole lease (as AWS's DynamoDB lock
// client does).
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-organizations'
import type { AwsClients } from '../aws/clients.ts'
import { readOrganizationTags } from '../aws/organization-tags.ts'
import { type Clock, REAL_CLOCK } from '../aws/poll.ts'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import { OrgBaselineError } from '../errors.ts'

// The key predates `apply` taking the lease; kept so runs of older versions and newer ones exclude each other.
export const LOCK_TAG = 'org-baseline:reconcile-lock'

/** Two minutes, renewed every 30 s: a killed run blocks others for two minutes at most. */
export const LEASE_MS = 2 * 60_000

/**
 * Organizations tags read back stale for a few seconds after a write (sandbox README, "Tags stale after a
 * write"): a read this soon after this run's own write that shows another value proves nothing.
 */
const STALE_READ_MS = 15_000

/** Re-confirmations before write waves read the tag at most this often (the renewal covers the rest). */
const CONFIRM_EVERY_MS = 10_000

export interface Lease {
  runId: string
  expiresAt: number
  /** The command holding it; absent in leases written before apply took one (they were reconciles). */
  command?: string
}

export const describeHolder = (holder: Lease) =>
  `org-baseline ${holder.command ?? 'reconcile'} (run ${holder.runId})`

export class LockHeldError extends OrgBaselineError {
  constructor(readonly holder: Lease) {
    super(
      'LockHeld',
      `another ${describeHolder(holder)} holds the organization until ${new Date(holder.expiresAt).toISOString()} — wait for it (--lock-wait), or if that run is gone, release it with "org-baseline unlock"; nothing was changed`,
    )
    this.name = 'LockHeldError'
  }
}

/** Another run took the lease over while this one lived (it was not renewed in time). */
export class LeaseLostError extends OrgBaselineError {
  constructor(holder: Lease | undefined) {
    super(
      'LeaseLost',
      `this run's lease on the organization was ${holder ? `taken over by ${describeHolder(holder)}` : 'removed (org-baseline unlock?)'} — it stops writing; run again to finish`,
    )
    this.name = 'LeaseLostError'
  }
}

export const encodeLease = (lease: Lease) =>
  `${lease.runId} ${new Date(lease.expiresAt).toISOString()}${lease.command ? ` ${lease.command}` : ''}`

export function decodeLease(value: string | undefined): Lease | undefined {
  const [runId, expires, command] = value?.split(' ') ?? []
  const expiresAt = Date.parse(expires ?? '')
  if (!runId || !Number.isFinite(expiresAt)) return undefined
  return { runId, expiresAt, ...(command ? { command } : {}) }
}

/** `host:pid:nonce`: lets a run on the same host see that the holder's process is gone. */
export const newRunId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/** The holder ran on this host and its process no longer exists: its lease is stale (it was killed). */
function holderIsDead(holder: Lease): boolean {
  const [host, pid] = holder.runId.split(':')
  if (host !== hostname() || !pid) return false
  try {
    process.kill(Number(pid), 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

export interface LockOptions {
  rootId: string
  runId: string
  /** The command taking the lease, shown to whoever finds it held. */
  command?: string
  /** Default LEASE_MS. */
  leaseMs?: number
  /** How long to wait for another run's lease to end before giving up. */
  waitMs: number
  /** Pause between writing the tag and reading it back (lets a concurrent writer's tag land). */
  settleMs?: number
  pollMs?: number
  /** Renew this often while held (default a quarter of the lease). */
  renewEveryMs?: number
  /** Real time by default; tests pass the sandbox's simulated clock. */
  clock?: Clock
}

/** The lease on the root now, if any. */
export async function currentLease(aws: AwsClients, rootId: string): Promise<Lease | undefined> {
  const tags = await readOrganizationTags(aws.organizations(), rootId)
  return decodeLease(tags.get(LOCK_TAG))
}

/** Removes the lease tag whoever holds it (`unlock`, and a run releasing its own). */
export async function removeLease(aws: AwsClients, rootId: string): Promise<void> {
  await retryConflicts(() =>
    aws.organizations().send(new UntagResourceCommand({ ResourceId: rootId, TagKeys: [LOCK_TAG] })),
  )
}

/** The calls the lease itself makes: allowed after an interrupt stopped every other write. */
export function isLeaseCall(service: string, operation: string, input: unknown): boolean {
  if (service !== 'organizations') return false
  const i = input as { Tags?: { Key?: string }[]; TagKeys?: string[] }
  if (operation === 'TagResource') return (i.Tags ?? []).every((t) => t.Key === LOCK_TAG)
  if (operation === 'UntagResource') return (i.TagKeys ?? []).every((k) => k === LOCK_TAG)
  return false
}

export class RunLock {
  private renewal?: ReturnType<typeof setInterval>
  /** The renewal under way, if any: `release` waits for it, or its write would put the lease back. */
  private renewing: Promise<void> | undefined
  private released = false
  private lostTo?: Lease | 'removed'
  private held = false
  private lastWrite = Number.NEGATIVE_INFINITY
  private lastConfirm = Number.NEGATIVE_INFINITY

  constructor(
    private readonly aws: AwsClients,
    private readonly options: LockOptions,
  ) {}

  /**
   * Tags are eventually consistent: one read-back may still show an older value (ours, after another runner
   * overwrote it). Ours on two reads a settle apart is the confirmation; anything else is a loss.
   */
  private async confirmedHolder(settleMs: number): Promise<Lease | undefined> {
    await this.clock.sleep(settleMs)
    const first = await this.current()
    if (first?.runId !== this.options.runId) return first
    await this.clock.sleep(settleMs)
    return this.current()
  }

  /**
   * The holder after this run's write. A read that still shows the very lease this run overwrote (a killed
   * or expired holder's) may be the tag read stale, not a competitor: it is read again until the stale-read
   * window has passed.
   */
  private async readBackAfterWrite(settleMs: number, overwritten: string | undefined) {
    const written = this.clock.now()
    let after = await this.confirmedHolder(settleMs)
    while (after && overwritten === encodeLease(after) && this.clock.now() - written < STALE_READ_MS) {
      await this.clock.sleep(Math.max(settleMs, 1_000))
      after = await this.current()
    }
    return after
  }

  private get clock(): Clock {
    return this.options.clock ?? REAL_CLOCK
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? LEASE_MS
  }

  private current(): Promise<Lease | undefined> {
    return currentLease(this.aws, this.options.rootId)
  }

  private write(): Promise<unknown> {
    const { rootId, runId, command } = this.options
    const lease: Lease = {
      runId,
      expiresAt: this.clock.now() + this.leaseMs,
      ...(command ? { command } : {}),
    }
    this.lastWrite = this.clock.now()
    return retryConflicts(() =>
      this.aws.organizations().send(
        new TagResourceCommand({
          ResourceId: rootId,
          Tags: [{ Key: LOCK_TAG, Value: encodeLease(lease) }],
        }),
      ),
    )
  }

  /** Takes the lease, waiting up to `waitMs` for another holder; true when it had to wait for one. */
  async acquire(): Promise<boolean> {
    const { runId, waitMs, settleMs = 500, pollMs = 5000 } = this.options
    const clock = this.clock
    const giveUpAt = clock.now() + waitMs
    // The holder's lease as last read, and since when it has been unchanged on this run's own clock.
    let watched: { value: string; since: number } | undefined
    let waited = false
    const unrenewed = (holder: Lease) => {
      const value = encodeLease(holder)
      if (watched?.value !== value) watched = { value, since: clock.now() }
      return clock.now() - watched.since >= this.leaseMs
    }
    for (;;) {
      const holder = await this.current()
      if (
        holder &&
        holder.runId !== runId &&
        holder.expiresAt > clock.now() &&
        !holderIsDead(holder) &&
        !unrenewed(holder)
      ) {
        if (clock.now() + pollMs > giveUpAt) throw new LockHeldError(holder)
        waited = true
        await clock.sleep(pollMs)
        continue
      }
      const overwritten = holder && encodeLease(holder)
      await this.write()
      const after = await this.readBackAfterWrite(settleMs, overwritten)
      if (after?.runId === runId) {
        this.held = true
        this.startRenewing()
        return waited
      }
      if (after && clock.now() + pollMs > giveUpAt) throw new LockHeldError(after)
    }
  }

  /** Keeps the lease while the run lives; a lease found taken over is remembered and reported by `check`. */
  private startRenewing(): void {
    const every = this.options.renewEveryMs ?? Math.floor(this.leaseMs / 4)
    this.renewal = setInterval(() => {
      if (this.renewing) return
      this.renewing = this.renew()
        .catch(() => {
          // A failed renewal is retried at the next tick; the lease outlives several.
        })
        .finally(() => {
          this.renewing = undefined
        })
    }, every)
    this.renewal.unref()
  }

  private async renew(): Promise<void> {
    const holder = await this.current()
    if (this.released) return
    if (holder?.runId !== this.options.runId) {
      this.lostTo = holder ?? 'removed'
      clearInterval(this.renewal)
      return
    }
    await this.write()
  }

  /** Throws when the lease was taken over or removed while this run held it. */
  check(): void {
    if (this.lostTo) throw new LeaseLostError(this.lostTo === 'removed' ? undefined : this.lostTo)
  }

  /**
   * Reads the lease again before a wave of writes (not only the renewal's last word): throws LeaseLostError
   * when another run holds it now or it was removed. At most one read per CONFIRM_EVERY_MS.
   */
  async confirm(): Promise<void> {
    this.check()
    if (!this.held) return
    const now = this.clock.now()
    if (now - this.lastConfirm < CONFIRM_EVERY_MS) return
    const holder = await this.current()
    this.lastConfirm = now
    if (holder?.runId === this.options.runId || this.clock.now() - this.lastWrite < STALE_READ_MS) return
    this.lostTo = holder ?? 'removed'
    clearInterval(this.renewal)
    this.check()
  }

  /** The loss, once seen (by the renewal or a confirmation). */
  lost(): LeaseLostError | undefined {
    return this.lostTo ? new LeaseLostError(this.lostTo === 'removed' ? undefined : this.lostTo) : undefined
  }

  /** Stops renewing and removes the lease if it is still ours; one taken over is left to its new holder. */
  async release(): Promise<void> {
    clearInterval(this.renewal)
    this.released = true
    // A renewal that read the lease before this release must not write it again after the untag below (the
    // lease would outlive the run by a whole lease and stop the next run on another host: seen at 1,000
    // accounts, where calls are slow enough for a renewal to be under way at the end of an apply).
    await this.renewing
    // A lease seen taken over stays with its new holder, even if a stale read still shows this run's.
    if (!this.held || this.lostTo) return
    const holder = await this.current()
    if (holder?.runId !== this.options.runId) return
    await removeLease(this.aws, this.options.rootId)
  }
}
