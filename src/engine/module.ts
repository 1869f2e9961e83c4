// The contract every part of the baseline implements (DESIGN.md §3): observe reads AWS and never writes,
// diff is pure, apply makes one change true and is safe to repeat.
import type { Logger } from 'pino'
import type { AwsClients } from '../aws/clients.ts'
import type { Change, Note } from './change.ts'
import type { Desired } from './desired.ts'

export interface Context {
  aws: AwsClients
  desired: Desired
  log: Logger
  /** Epoch ms after which long waits (StackSet operations) stop and report what is still running. */
  deadline?: number
}

/** IAM actions a module calls: with the tool's own credentials, and through the member role in member accounts. */
import type { Permissions } from '../iam/grant.ts'

export type { Permissions }

export interface Module<Observed = unknown> {
  name: string
  /** What `iam-policy` grants for this module: every action its observe and apply call, nothing more. */
  permissions: Permissions
  /** Whether the config asks for this module at all; a disabled module is neither observed nor planned. */
  enabled(desired: Desired): boolean
  observe(ctx: Context): Promise<Observed>
  diff(desired: Desired, observed: Observed): Change[]
  /**
   * Asks AWS to look for out-of-band changes it does not report on its own (StackSet drift detection) and
   * waits at most until `deadline` (epoch ms). Used by `drift` and `reconcile` before observing; returns what it
   * could not finish in time, so the report can say so.
   */
  detectDrift?(ctx: Context, deadline: number): Promise<{ unfinished: string[] }>
  /**
   * The part of the desired state this module makes true, for telling drift from config changes
   * (engine/applied-marks.ts); default: the whole config. Narrower is better: an unrelated edit then does
   * not hide this module's drift.
   */
  fingerprint?(desired: Desired): unknown
  /** What a reader must know that is not a change (limitations, regions skipped and why). */
  notes?(desired: Desired, observed: Observed): Note[]
  /** Re-reads the target, checks it still matches `change.before`, then writes; "already done" is success. */
  apply(change: Change, ctx: Context): Promise<void>
}
