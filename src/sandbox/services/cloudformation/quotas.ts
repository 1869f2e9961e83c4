// StackSets quotas that shape how fast operations run (aws-facts §8, CloudFormation quotas): at most 10,000
// stack instance operations run at once per Region per administrator account, counted across all its stack
// sets; tasks over it wait for a slot. (One operation at a time per stack set is the operation queue itself.)
import type { World } from '../../state.ts'
import type { StackSet } from './stack-set-model.ts'
import { cfnState } from './state.ts'

export const MAX_CONCURRENT_INSTANCE_OPERATIONS = 10_000

const adminKey = (ss: StackSet) => `${ss.owner}|${ss.region}`

/** Slots left for new tasks of this stack set's administrator account and Region. */
export function freeSlots(world: World, ss: StackSet): number {
  const state = cfnState(world)
  return (
    (state.instanceQuota ?? MAX_CONCURRENT_INSTANCE_OPERATIONS) - (state.runningTasks.get(adminKey(ss)) ?? 0)
  )
}

export function countRunning(world: World, ss: StackSet, delta: number): void {
  const running = cfnState(world).runningTasks
  running.set(adminKey(ss), (running.get(adminKey(ss)) ?? 0) + delta)
}
