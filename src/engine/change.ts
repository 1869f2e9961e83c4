// A Change is plain data: it can be printed, saved in a plan file and applied later, and two plans of
// the same organization produce the same changes in the same order.
import type { TemplateDiff } from './template-diff.ts'

export type Action = 'create' | 'update' | 'delete'

export interface Change {
  /** Stable, readable identity, e.g. `scp.policy[deny-member-root]`, `guardduty.admin[eu-west-1]`. */
  address: string
  module: string
  action: Action
  account?: string
  region?: string
  /** What the target looks like now (null when it does not exist); apply re-reads and compares. */
  before: unknown
  /** What it will look like (null when deleted). */
  after: unknown
  /** Why the change is needed, in words a reviewer understands. */
  reason: string
  /** Addresses of changes that must be applied first. */
  dependsOn: string[]
  /** Removes or weakens something: shown in red and applied only with --allow-destroy. */
  destructive: boolean
  /**
   * Why an update is destructive, one phrase per thing it turns off or narrows ("turns LAMBDA_NETWORK_LOGS
   * off for members (ALL → NONE)"); absent when nothing is weakened. The plan prints it next to the change.
   */
  weakens?: string[]
  /** A changed CloudFormation template, resource by resource (stacks and stack sets), instead of a hash. */
  templateDiff?: TemplateDiff
  /** Whether the difference was caused by AWS moving away from what the tool made true (drift). */
  drift?: boolean
  /**
   * Set by apply on a change applied again after a "not yet" answer (settling.ts): its idempotency tokens
   * then differ from the failed attempt's, which AWS would otherwise answer with that attempt's outcome.
   */
  attempt?: number
}

export type NoteLevel = 'info' | 'warning'

/** Something a reader of the plan must know that is not a change (e.g. the management account's limits). */
export interface Note {
  module: string
  level: NoteLevel
  message: string
  account?: string
  region?: string
}

export const isDestructive = (change: Change) => change.destructive || change.action === 'delete'

export function compareChanges(a: Change, b: Change): number {
  return a.module.localeCompare(b.module) || a.address.localeCompare(b.address)
}
