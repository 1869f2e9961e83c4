// What one stack-instance task does when it completes: deploy, delete or drift-check the instance's stack
// in the target account and Region through the stack engine, after the checks AWS makes (Region enabled in
// the target and administrator accounts, execution role for self-managed stack sets).
import { randomUUID } from 'node:crypto'
import { executionRoleActor, serviceManagedExecutionRoleName } from '../../authz/resource-authorization.ts'
import type { World } from '../../state.ts'
import { findRole } from '../iam-roles/store.ts'
import { detectStackDrift } from './drift.ts'
import { flat } from './generic-resources.ts'
import { createStack, deleteStack, updateStack } from './stack-engine.ts'
import { isDeleted, type Stack, statusAt } from './stack-model.ts'
import {
  DEFAULT_ADMIN_ROLE,
  DEFAULT_EXECUTION_ROLE,
  instanceKey,
  type OperationTask,
  type StackSet,
  type StackSetOperation,
} from './stack-set-model.ts'
import { registerStack } from './stack-store.ts'
import { cfnState } from './state.ts'
import { checkCapabilities } from './template-check.ts'
import { bindParameters } from './template-parameters.ts'

export type TaskOutcome = { ok: true } | { ok: false; reason: string }

/** Suspended or closing accounts are skipped, not failed (DetailedStatus SKIPPED_SUSPENDED_ACCOUNT). */
export function isSuspended(world: World, account: string): boolean {
  const status = world.accounts.get(account)?.status
  return status === 'SUSPENDED' || status === 'PENDING_CLOSURE'
}

function reachability(world: World, ss: StackSet, task: OperationTask): string | undefined {
  if (!world.isRegionEnabled(task.account, task.region)) {
    return `Account ${task.account} should have '${task.region}' region enabled`
  }
  if (!world.isRegionEnabled(ss.owner, task.region)) {
    return `Account ${ss.owner} should have '${task.region}' region enabled`
  }
  if (ss.permissionModel === 'SELF_MANAGED') {
    const role = ss.executionRoleName ?? DEFAULT_EXECUTION_ROLE
    // Any role of that name in the target account: seeded, made with IAM CreateRole or by a stack.
    if (!findRole(world, task.account, role)) {
      const admin = (ss.administrationRoleArn ?? DEFAULT_ADMIN_ROLE).split('/').pop()
      return `Account ${task.account} should have '${role}' role with trust relationship to Role '${admin}'.`
    }
  }
  return undefined
}

export function runTask(
  world: World,
  ss: StackSet,
  op: StackSetOperation,
  task: OperationTask,
  at: number,
): TaskOutcome {
  switch (op.action) {
    case 'CREATE':
    case 'UPDATE':
      return deploy(world, ss, op, task, at)
    case 'DELETE':
      return remove(world, ss, op, task, at)
    case 'DETECT_DRIFT':
      return drift(world, ss, op, task, at)
  }
}

/**
 * Who CloudFormation acts as in the target account: the execution role StackSets created there
 * (`stacksets-exec-…`) for service-managed stack sets, the ExecutionRoleName role for self-managed ones.
 */
function executionActor(world: World, ss: StackSet, account: string) {
  const role =
    ss.permissionModel === 'SERVICE_MANAGED'
      ? serviceManagedExecutionRoleName(world)
      : (ss.executionRoleName ?? DEFAULT_EXECUTION_ROLE)
  return executionRoleActor(account, role)
}

/** The instance's status reason from the stack's first failed resource (or its final status). */
function failureReason(stack: Stack, status: string): string {
  const failed = [...stack.events]
    .reverse()
    .find((e) => e.status.endsWith('_FAILED') && e.logicalId !== stack.name)
  return failed
    ? `ResourceLogicalId:${failed.logicalId}, ResourceType:${failed.type}, ResourceStatusReason:${failed.reason ?? ''}.`
    : `Stack ${stack.name} ended in ${status}`
}

function liveStack(world: World, stackId: string | undefined, at: number): Stack | undefined {
  if (!stackId) return undefined
  const stack = cfnState(world).stacks.get(stackId)
  return stack && !isDeleted(stack, at) ? stack : undefined
}

function deploy(
  world: World,
  ss: StackSet,
  op: StackSetOperation,
  task: OperationTask,
  at: number,
): TaskOutcome {
  const unreachable = reachability(world, ss, task)
  if (unreachable) return { ok: false, reason: unreachable }
  const instance = ss.instances.get(instanceKey(task.account, task.region))
  if (!instance) return { ok: false, reason: 'Stack instance no longer exists' }
  const values = { ...ss.parameters, ...instance.overrides }
  let bound: ReturnType<typeof bindParameters>
  try {
    // Stack sets accept a template whatever capabilities they were given; each instance needs them.
    checkCapabilities(ss.template, ss.capabilities)
    bound = bindParameters(
      ss.template,
      Object.entries(values).map(([key, value]) => ({ key, value })),
    )
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
  const spec = {
    templateBody: ss.templateBody,
    template: ss.template,
    parameters: bound,
    tags: ss.tags,
    capabilities: ss.capabilities,
  }
  let stack = liveStack(world, instance.stackId, at)
  if (instance.stackId && !stack && op.action === 'UPDATE') {
    // The stack was deleted outside StackSets: AWS cannot update what is gone.
    return { ok: false, reason: `Stack [${instance.stackId}] does not exist` }
  }
  if (stack && statusAt(stack, at).status === 'ROLLBACK_COMPLETE') {
    // A stack that never got created is replaced rather than updated.
    deleteStack(world, stack, at, 0)
    stack = undefined
  }
  let unchanged = false
  if (stack) {
    const same =
      stack.templateBody === spec.templateBody &&
      JSON.stringify(stack.parameters.values) === JSON.stringify(bound.values) &&
      JSON.stringify(stack.tags) === JSON.stringify(spec.tags)
    unchanged = same
    if (!same)
      updateStack(stack, {
        world,
        ...spec,
        at,
        durationMs: 0,
        actor: executionActor(world, ss, task.account),
      })
  } else {
    stack = createStack({
      world,
      account: task.account,
      region: task.region,
      name: flat('StackSet-', ss.name, '-', randomUUID()),
      ...spec,
      at,
      durationMs: 0,
      stackSetId: ss.id,
      actor: executionActor(world, ss, task.account),
    })
    registerStack(world, stack)
    instance.stackId = stack.stackId
  }
  const status = statusAt(stack, at).status
  if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE') return { ok: true }
  // Rolled back to exactly what is deployed now: UpdateStack would have nothing to do ("No updates are to
  // be performed"), so the instance is current again rather than failed for the earlier update's reason.
  if (unchanged && status === 'UPDATE_ROLLBACK_COMPLETE') return { ok: true }
  return { ok: false, reason: failureReason(stack, status) }
}

function remove(
  world: World,
  ss: StackSet,
  op: StackSetOperation,
  task: OperationTask,
  at: number,
): TaskOutcome {
  const key = instanceKey(task.account, task.region)
  const instance = ss.instances.get(key)
  if (!instance) return { ok: true }
  if (!op.retainStacks) {
    const unreachable = reachability(world, ss, task)
    if (unreachable) return { ok: false, reason: unreachable }
    const stack = liveStack(world, instance.stackId, at)
    if (stack) {
      stack.actor = executionActor(world, ss, task.account)
      deleteStack(world, stack, at, 0)
      const status = statusAt(stack, at).status
      if (status === 'DELETE_FAILED') return { ok: false, reason: failureReason(stack, status) }
    }
  } else {
    const stack = liveStack(world, instance.stackId, at)
    if (stack) stack.stackSetId = undefined
  }
  ss.instances.delete(key)
  return { ok: true }
}

function drift(
  world: World,
  ss: StackSet,
  op: StackSetOperation,
  task: OperationTask,
  at: number,
): TaskOutcome {
  const instance = ss.instances.get(instanceKey(task.account, task.region))
  if (!instance) return { ok: false, reason: 'Stack instance no longer exists' }
  const unreachable = reachability(world, ss, task)
  if (unreachable) return { ok: false, reason: unreachable }
  const stack = liveStack(world, instance.stackId, at)
  if (!stack) return { ok: false, reason: `Stack [${instance.stackId ?? 'unknown'}] does not exist` }
  const results = detectStackDrift(world, stack, at)
  // Recorded under the operation's id, so ListStackInstanceResourceDrifts answers for that operation.
  stack.detections.push({ id: op.id, stackId: stack.stackId, startedAt: at, completesAt: at, results })
  instance.driftStatus = results.some((r) => r.status === 'MODIFIED' || r.status === 'DELETED')
    ? 'DRIFTED'
    : 'IN_SYNC'
  instance.lastDriftCheck = at
  return { ok: true }
}
