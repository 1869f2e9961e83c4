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
}

export interface Module<Observed = unknown> {
  name: string
  /** Whether the config asks for this module at all; a disabled module is neither observed nor planned. */
  enabled(desired: Desired): boolean
  observe(ctx: Context): Promise<Observed>
  diff(desired: Desired, observed: Observed): Change[]
  /** What a reader must know that is not a change (limitations, regions skipped and why). */
  notes?(desired: Desired, observed: Observed): Note[]
  /** Re-reads the target, checks it still matches `change.before`, then writes; "already done" is success. */
  apply(change: Change, ctx: Context): Promise<void>
}
