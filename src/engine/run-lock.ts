// One reconcile at a time per organization, wherever it runs: a lease recorded as a tag on the
// organization root (no local state). Claiming is write-then-confirm: each runner tags, waits a moment,
// and reads back; the last writer wins and every other runner sees it has lost. The lease expires, so a
// run that was killed never blocks the next one for longer than its lease.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-organizations'
import type { AwsClients } from '../aws/clients.ts'
import { readOrganizationTags } from '../aws/organization-tags.ts'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import { OrgBaselineError } from '../errors.ts'

export const LOCK_TAG = 'org-baseline:reconcile-lock'

export interface Lease {
  runId: string
  expiresAt: number
}

export class LockHeldError extends OrgBaselineError {
  constructor(readonly holder: Lease) {
    super(
      'LockHeld',
      `another org-baseline reconcile (run ${holder.runId}) holds the organization until ${new Date(holder.expiresAt).toISOString()} — wait for it (--lock-wait) or run again later; nothing was changed`,
    )
    this.name = 'LockHeldError'
  }
}

const encode = (lease: Lease) => `${lease.runId} ${new Date(lease.expiresAt).toISOString()}`

function decode(value: string | undefined): Lease | undefined {
  const [runId, expires] = value?.split(' ') ?? []
  const expiresAt = Date.parse(expires ?? '')
  return runId && Number.isFinite(expiresAt) ? { runId, expiresAt } : undefined
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
  leaseMs: number
  /** How long to wait for another run's lease to end before giving up. */
  waitMs: number
  /** Pause between writing the tag and reading it back (lets a concurrent writer's tag land). */
  settleMs?: number
  pollMs?: number
}

export class RunLock {
  constructor(
    private readonly aws: AwsClients,
    private readonly options: LockOptions,
  ) {}

  private async current(): Promise<Lease | undefined> {
    const tags = await readOrganizationTags(this.aws.organizations(), this.options.rootId)
    return decode(tags.get(LOCK_TAG))
  }

  /**
   * Tags are eventually consistent: one read-back may still show an older value (ours, after another runner
   * overwrote it). Ours on two reads a settle apart is the confirmation; anything else is a loss.
   */
  private async confirmedHolder(settleMs: number): Promise<Lease | undefined> {
    await sleep(settleMs)
    const first = await this.current()
    if (first?.runId !== this.options.runId) return first
    await sleep(settleMs)
    return this.current()
  }

  async acquire(): Promise<void> {
    const { rootId, runId, leaseMs, waitMs, settleMs = 500, pollMs = 5000 } = this.options
    const giveUpAt = Date.now() + waitMs
    for (;;) {
      const holder = await this.current()
      if (holder && holder.runId !== runId && holder.expiresAt > Date.now() && !holderIsDead(holder)) {
        if (Date.now() + pollMs > giveUpAt) throw new LockHeldError(holder)
        await sleep(pollMs)
        continue
      }
      const lease = { runId, expiresAt: Date.now() + leaseMs }
      await retryConflicts(() =>
        this.aws
          .organizations()
          .send(
            new TagResourceCommand({ ResourceId: rootId, Tags: [{ Key: LOCK_TAG, Value: encode(lease) }] }),
          ),
      )
      const after = await this.confirmedHolder(settleMs)
      if (after?.runId === runId) return
      if (after && Date.now() + pollMs > giveUpAt) throw new LockHeldError(after)
    }
  }

  /** Removes the lease if it is still ours; a lease taken over after expiry is left to its new holder. */
  async release(): Promise<void> {
    const holder = await this.current()
    if (holder?.runId !== this.options.runId) return
    await retryConflicts(() =>
      this.aws
        .organizations()
        .send(new UntagResourceCommand({ ResourceId: this.options.rootId, TagKeys: [LOCK_TAG] })),
    )
  }
}
