// CloudFormation's own state in the World: stacks of every account and region, stack sets and their
// operations, and the simulated durations tests can tune.
import type { World } from '../../state.ts'
import type { Stack } from './stack-model.ts'
import type { StackSet, StackSetOperation } from './stack-set-model.ts'

/** Simulated durations (ms). Chosen to look like AWS (no durations are published: aws-facts §8). */
export interface Durations {
  /** One stack instance deployed, updated or deleted by a stack set operation. */
  instanceMs: number
  /** One stack instance checked by stack set drift detection. */
  instanceDriftMs: number
  /** A stack create / update / delete. */
  stackMs: number
  /** A stack's drift detection. */
  stackDriftMs: number
}

export const DEFAULT_DURATIONS: Durations = {
  instanceMs: 30_000,
  instanceDriftMs: 10_000,
  stackMs: 20_000,
  stackDriftMs: 5_000,
}

export interface CloudFormationState {
  /** Every stack by stack id, deleted ones included (DescribeStacks answers for them by id). */
  stacks: Map<string, Stack>
  /** `account|region|name` → stack id of the stack that currently holds that name. */
  stackNames: Map<string, string>
  /** `account|region` → that location's stacks, deleted ones included, in creation order. */
  stacksByLocation: Map<string, Stack[]>
  stackSets: Map<string, StackSet>
  operations: Map<string, StackSetOperation>
  durations: Durations
  /** `aws`: stack instance tasks take what their template needs (the `aws` timing profile); else `durations`. */
  durationModel: 'fixed' | 'aws'
  /** Stack instance tasks running, per administrator account and Region (`owner|region`): a quota (quotas.ts). */
  runningTasks: Map<string, number>
  /** That quota when a test lowers it; AWS's figure otherwise (quotas.ts). */
  instanceQuota?: number
  /** Operations that could not start tasks because that quota was reached: started as others finish. */
  starved: Set<string>
  /** Whether this World's account events are already wired to auto-deployment. */
  autoDeployWired: boolean
}

export function cfnState(world: World): CloudFormationState {
  return world.slice<CloudFormationState>('cloudformation', () => ({
    stacks: new Map(),
    stackNames: new Map(),
    stacksByLocation: new Map(),
    stackSets: new Map(),
    operations: new Map(),
    durations: { ...DEFAULT_DURATIONS },
    durationModel: 'fixed',
    runningTasks: new Map(),
    starved: new Set(),
    autoDeployWired: false,
  }))
}
