// Operation queries and control (awsQuery handlers): DescribeStackSetOperation, ListStackSetOperations,
// ListStackSetOperationResults, StopStackSetOperation, DetectStackSetDrift.
import { EVENTUAL } from '../../consistency.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { CallContext, Operation } from '../service.ts'
import { enumValue, list, requiredStr } from './input.ts'
import { checkCanSubmit, operationIdFrom, retriedOperation, submit } from './operation-factory.ts'
import { isFinished, stop } from './operation-runner.ts'
import { page } from './paging.ts'
import { parsePreferences, preferencesOutput } from './preferences.ts'
import { getStackSet } from './stack-set-access.ts'
import { driftDetails } from './stack-set-api.ts'
import type { OperationTask, StackSet, StackSetOperation } from './stack-set-model.ts'
import { cfnState } from './state.ts'

function getOperation(ss: StackSet, input: Record<string, unknown>, ctx: CallContext): StackSetOperation {
  const id = requiredStr(input, 'OperationId')
  const op = cfnState(ctx.world).operations.get(id)
  if (!op || op.stackSetKey !== ss.key)
    throw new SandboxError('OperationNotFoundException', `Operation ${id} not found`, 404)
  return op
}

function operationStatus(op: StackSetOperation): string {
  return op.status
}

export const describeStackSetOperationOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const op = getOperation(ss, input, ctx)
  return {
    StackSetOperation: {
      OperationId: op.id,
      StackSetId: ss.id,
      Action: op.action,
      Status: operationStatus(op),
      OperationPreferences: preferencesOutput(op.preferences),
      ...(op.retainStacks !== undefined ? { RetainStacks: op.retainStacks } : {}),
      ...(ss.administrationRoleArn ? { AdministrationRoleARN: ss.administrationRoleArn } : {}),
      ...(ss.executionRoleName ? { ExecutionRoleName: ss.executionRoleName } : {}),
      CreationTimestamp: new Date(op.createdAt),
      ...(op.endAt !== undefined ? { EndTimestamp: new Date(op.endAt) } : {}),
      ...(op.deploymentTargets ? { DeploymentTargets: op.deploymentTargets } : {}),
      ...(op.action === 'DETECT_DRIFT' ? { StackSetDriftDetectionDetails: driftDetails(ss) } : {}),
      ...(op.statusReason ? { StatusReason: op.statusReason } : {}),
      StatusDetails: { FailedStackInstancesCount: op.failedCount },
    },
  }
}

/**
 * Eventual mode: the list operations lag behind an operation's end for a while (README, "Eventual
 * consistency"); DescribeStackSetOperation is always current.
 */
function listsLag(world: World, op: StackSetOperation): boolean {
  if (op.endAt === undefined || !world.consistency.eventual) return false
  return world.clock.now() < op.endAt + world.consistency.delayFor(`lag:${op.id}`, EVENTUAL.operationListLag)
}

/** While the lists lag, about half of an operation's results are not listed yet (fixed per result). */
function listedYet(world: World, op: StackSetOperation, task: OperationTask): boolean {
  if (!listsLag(world, op)) return true
  world.consistency.note('operation-results-lag')
  return world.consistency.delayFor(`result:${op.id}:${task.account}:${task.region}`, [0, 1000]) < 500
}

export const listStackSetOperationsOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const ops = cfnState(ctx.world).operations
  const all = [...ss.operationIds].reverse().flatMap((id) => {
    const op = ops.get(id)
    return op ? [op] : []
  })
  const { items, nextToken } = page(all, input, ctx, `Operations:${ss.id}`, 100)
  return {
    Summaries: items.map((op) => listedOperation(ctx.world, op)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}

function listedOperation(world: World, op: StackSetOperation) {
  if (listsLag(world, op)) {
    world.consistency.note('operation-list-lag')
    return {
      OperationId: op.id,
      Action: op.action,
      Status: 'RUNNING',
      CreationTimestamp: new Date(op.createdAt),
      StatusDetails: { FailedStackInstancesCount: 0 },
      OperationPreferences: preferencesOutput(op.preferences),
    }
  }
  return {
    OperationId: op.id,
    Action: op.action,
    Status: operationStatus(op),
    CreationTimestamp: new Date(op.createdAt),
    ...(op.endAt !== undefined ? { EndTimestamp: new Date(op.endAt) } : {}),
    ...(op.statusReason ? { StatusReason: op.statusReason } : {}),
    StatusDetails: { FailedStackInstancesCount: op.failedCount },
    OperationPreferences: preferencesOutput(op.preferences),
  }
}

/** Result statuses are PENDING | RUNNING | SUCCEEDED | FAILED | CANCELLED; a skipped suspended account is CANCELLED. */
function resultStatus(task: OperationTask): string {
  return task.state === 'SKIPPED' ? 'CANCELLED' : task.state
}

export const listStackSetOperationResultsOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const op = getOperation(ss, input, ctx)
  const filters = list<Record<string, unknown>>(input.Filters).map((f) => ({
    name: enumValue(String(f.Name ?? ''), ['OPERATION_RESULT_STATUS'] as const, 'filters.member.name'),
    value: String(f.Values ?? ''),
  }))
  const tasks = op.regions
    .flatMap((r) => r.tasks)
    .filter((t) => filters.every((f) => resultStatus(t) === f.value))
    .filter((t) => listedYet(ctx.world, op, t))
  const { items, nextToken } = page(tasks, input, ctx, `Results:${op.id}`, 100)
  return {
    Summaries: items.map((t) => ({
      Account: t.account,
      Region: t.region,
      Status: resultStatus(t),
      ...(t.reason ? { StatusReason: t.reason } : {}),
      ...accountGate(t),
      ...(t.ou ? { OrganizationalUnitId: t.ou } : {}),
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}

/**
 * Without an AWSCloudFormationStackSetAccountGate function in the target account, AWS reports the gate as
 * SKIPPED with this reason; the sandbox has no Lambda, so every attempted instance reads the same.
 */
function accountGate(t: OperationTask): Record<string, unknown> {
  if (t.state === 'PENDING' || t.state === 'CANCELLED') return {}
  if (t.state === 'SKIPPED') return { AccountGateResult: { Status: 'SKIPPED', StatusReason: t.reason } }
  return {
    AccountGateResult: {
      Status: 'SKIPPED',
      StatusReason: `Function not found: arn:aws:lambda:${t.region}:${t.account}:function:AWSCloudFormationStackSetAccountGate`,
    },
  }
}

export const stopStackSetOperationOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const op = getOperation(ss, input, ctx)
  if (isFinished(op)) {
    throw new SandboxError(
      'InvalidOperationException',
      `Operation ${op.id} has already completed and cannot be stopped`,
      400,
    )
  }
  if (op.status !== 'STOPPING') stop(ctx.world, ss, op, ctx.world.clock.now())
  return {}
}

export const detectStackSetDriftOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const operationId = operationIdFrom(input)
  const retried = retriedOperation(ctx.world, ss, operationId, 'DetectStackSetDrift', input)
  if (retried) return { OperationId: retried }
  const { preferences, given } = parsePreferences(input.OperationPreferences, ctx.world.regions)
  checkCanSubmit(ctx.world, ss, operationId)
  const targets = [...ss.instances.values()]
    .filter((i) => i.status !== 'INOPERABLE')
    .map((i) => ({ target: { account: i.account, ...(i.ou ? { ou: i.ou } : {}) }, region: i.region }))
  const op = submit(ctx.world, ss, {
    action: 'DETECT_DRIFT',
    targets,
    preferences,
    preferencesGiven: given,
    ...(operationId ? { operationId } : {}),
  })
  return { OperationId: op.id }
}
