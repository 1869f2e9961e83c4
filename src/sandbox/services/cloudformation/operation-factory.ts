// Creating a stack set operation: the one-operation-at-a-time rule (OperationInProgressException, or QUEUED
// under ManagedExecution), OperationId as an idempotency token, and the per-Region task lists the runner works
// through.
import { randomUUID } from 'node:crypto'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { str } from './input.ts'
import { enqueue } from './operation-runner.ts'
import { orderRegions } from './preferences.ts'
import {
  instanceKey,
  type OperationAction,
  type OperationTask,
  type Preferences,
  type RegionRun,
  type StackSet,
  type StackSetOperation,
} from './stack-set-model.ts'
import { cfnState } from './state.ts'
import type { Target } from './targets.ts'

/** The request each caller-given OperationId was first used for (operation name + input), per world. */
const requestsByWorld = new WeakMap<World, Map<string, string>>()

/** JSON with sorted keys, so the same request reads the same whatever order its members came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * OperationId "also functions as an idempotency token, to ensure that CloudFormation performs the stack set
 * operation only once, even if you retry the request multiple times" (API reference, e.g.
 * CreateStackInstances / UpdateStackSet, OperationId). So the same request with an id already used returns
 * that operation's id and does nothing; the id reused for anything else is OperationIdAlreadyExistsException
 * ("The specified operation ID already exists."). Call right after the stack set is found.
 */
export function retriedOperation(
  world: World,
  ss: StackSet,
  operationId: string | undefined,
  operation: string,
  input: Record<string, unknown>,
): string | undefined {
  if (operationId === undefined) return undefined
  let requests = requestsByWorld.get(world)
  if (!requests) {
    requests = new Map()
    requestsByWorld.set(world, requests)
  }
  const request = `${ss.key}|${operation}|${canonical(input)}`
  const earlier = cfnState(world).operations.get(operationId)
  if (!earlier) {
    // Not used yet (or used by a request that was refused): this request owns the id from now on.
    requests.set(operationId, request)
    return undefined
  }
  if (requests.get(operationId) === request) return earlier.id
  throw new SandboxError(
    'OperationIdAlreadyExistsException',
    'The specified operation ID already exists.',
    409,
  )
}

/** Throws unless a new operation may be submitted now (call before changing any state). */
export function checkCanSubmit(_world: World, ss: StackSet, _operationId: string | undefined): void {
  if (ss.activeOperationIds.length > 0 && !ss.managedExecution) {
    throw new SandboxError(
      'OperationInProgressException',
      `Another Operation on StackSet ${ss.arn} is in progress`,
      409,
    )
  }
}

export interface OperationSpec {
  action: OperationAction
  targets: { target: Target; region: string }[]
  preferences: Preferences
  preferencesGiven: boolean
  operationId?: string
  autoDeploy?: boolean
  retainStacks?: boolean
  deploymentTargets?: StackSetOperation['deploymentTargets']
  overrides?: Record<string, string>
}

export function operationIdFrom(input: Record<string, unknown>): string | undefined {
  const id = str(input, 'OperationId')
  return id === '' ? undefined : id
}

/** Builds the operation, marks its instances PENDING and queues it (it may start at once). */
export function submit(world: World, ss: StackSet, spec: OperationSpec): StackSetOperation {
  const now = world.clock.now()
  const byRegion = new Map<string, OperationTask[]>()
  for (const { target, region } of spec.targets) {
    const tasks = byRegion.get(region) ?? []
    tasks.push({ account: target.account, region, ...(target.ou ? { ou: target.ou } : {}), state: 'PENDING' })
    byRegion.set(region, tasks)
  }
  const regions: RegionRun[] = orderRegions(spec.preferences, [...byRegion.keys()]).map((region) => ({
    region,
    tasks: byRegion.get(region) ?? [],
    next: 0,
    running: [],
    failures: 0,
    failed: false,
    started: false,
  }))
  const op: StackSetOperation = {
    id: spec.operationId ?? randomUUID(),
    stackSetKey: ss.key,
    action: spec.action,
    status: 'QUEUED',
    createdAt: now,
    preferences: spec.preferences,
    preferencesGiven: spec.preferencesGiven,
    autoDeploy: spec.autoDeploy ?? false,
    regions,
    version: ss.version,
    failedCount: 0,
    ...(spec.retainStacks !== undefined ? { retainStacks: spec.retainStacks } : {}),
    ...(spec.deploymentTargets ? { deploymentTargets: spec.deploymentTargets } : {}),
    ...(spec.overrides ? { overrides: spec.overrides } : {}),
  }
  if (spec.action !== 'DETECT_DRIFT') {
    for (const { target, region } of spec.targets) {
      const key = instanceKey(target.account, region)
      const instance = ss.instances.get(key)
      if (instance) {
        instance.detailedStatus = 'PENDING'
        instance.status = 'OUTDATED'
        instance.statusReason = 'User Initiated'
        instance.lastOperationId = op.id
        if (target.ou) instance.ou = target.ou
      } else if (spec.action === 'CREATE') {
        ss.instances.set(key, {
          account: target.account,
          region,
          // Every field set (undefined when absent) keeps one object shape across many thousands of instances.
          ou: target.ou,
          stackId: undefined,
          status: 'OUTDATED',
          detailedStatus: 'PENDING',
          statusReason: 'User Initiated',
          overrides: {},
          lastOperationId: op.id,
          version: 0,
          driftStatus: 'NOT_CHECKED',
          lastDriftCheck: undefined,
        })
      }
    }
  }
  enqueue(world, ss, op)
  return op
}
