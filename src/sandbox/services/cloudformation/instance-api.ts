// Stack instance operations (awsQuery handlers): CreateStackInstances, UpdateStackInstances,
// DeleteStackInstances, ListStackInstances (Filters, account / Region, paging), DescribeStackInstance,
// ListStackInstanceResourceDrifts.
import { SandboxError } from '../../errors.ts'
import type { Operation } from '../service.ts'
import { bool, enumValue, list, parameters, requiredStr, str, strList, validationError } from './input.ts'
import { checkCanSubmit, operationIdFrom, retriedOperation, submit } from './operation-factory.ts'
import { page } from './paging.ts'
import { parsePreferences } from './preferences.ts'
import { driftSummary } from './stack-drift-api.ts'
import { adminScope, getStackSet } from './stack-set-access.ts'
import { instanceKey, type StackInstance, type StackSet } from './stack-set-model.ts'
import { cfnState } from './state.ts'
import { readRegions, readTargets, resolveTargets, type Target } from './targets.ts'

function overridesFrom(ss: StackSet, input: Record<string, unknown>): Record<string, string> | undefined {
  if (input.ParameterOverrides === undefined) return undefined
  const out: Record<string, string> = {}
  const unknown: string[] = []
  for (const p of parameters(input.ParameterOverrides)) {
    if (!(p.key in ss.template.Parameters)) unknown.push(p.key)
    else if (!p.usePrevious && p.value !== undefined) out[p.key] = p.value
  }
  if (unknown.length > 0)
    throw validationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`)
  return out
}

function deploymentTargetsEcho(input: Record<string, unknown>) {
  const { accounts, targets } = readTargets(input)
  if (targets) return targets
  return accounts.length > 0 ? { Accounts: accounts } : undefined
}

export const createStackInstancesOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const operationId = operationIdFrom(input)
  const retried = retriedOperation(ctx.world, ss, operationId, 'CreateStackInstances', input)
  if (retried) return { OperationId: retried }
  const regions = readRegions(ctx.world, input, true)
  const targets = resolveTargets(ctx.world, ss, input)
  const overrides = overridesFrom(ss, input)
  const { preferences, given } = parsePreferences(input.OperationPreferences, ctx.world.regions)
  checkCanSubmit(ctx.world, ss, operationId)
  const { targets: dt } = readTargets(input)
  for (const ou of dt?.OrganizationalUnitIds ?? []) if (!ss.ous.includes(ou)) ss.ous.push(ou)
  for (const r of regions) if (!ss.regions.includes(r)) ss.regions.push(r)
  const echo = deploymentTargetsEcho(input)
  const op = submit(ctx.world, ss, {
    action: 'CREATE',
    targets: targets.flatMap((target) => regions.map((region) => ({ target, region }))),
    preferences,
    preferencesGiven: given,
    ...(operationId ? { operationId } : {}),
    ...(echo ? { deploymentTargets: echo } : {}),
  })
  if (overrides) applyOverrides(ss, targets, regions, overrides)
  return { OperationId: op.id }
}

function applyOverrides(
  ss: StackSet,
  targets: Target[],
  regions: string[],
  overrides: Record<string, string>,
): void {
  for (const t of targets) {
    for (const r of regions) {
      const instance = ss.instances.get(instanceKey(t.account, r))
      if (instance) instance.overrides = { ...instance.overrides, ...overrides }
    }
  }
}

export const updateStackInstancesOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const operationId = operationIdFrom(input)
  const retried = retriedOperation(ctx.world, ss, operationId, 'UpdateStackInstances', input)
  if (retried) return { OperationId: retried }
  const regions = readRegions(ctx.world, input, true)
  let targets = resolveTargets(ctx.world, ss, input)
  const overrides = overridesFrom(ss, input)
  const { preferences, given } = parsePreferences(input.OperationPreferences, ctx.world.regions)
  if (ss.permissionModel === 'SELF_MANAGED') {
    for (const t of targets) {
      for (const r of regions) {
        if (!ss.instances.has(instanceKey(t.account, r))) {
          throw new SandboxError(
            'StackInstanceNotFoundException',
            `Stack instance [${t.account}, ${r}] not found in StackSet ${ss.name}`,
            404,
          )
        }
      }
    }
  } else {
    // OU targets cover the OU's accounts that have instances.
    targets = targets.filter((t) => regions.some((r) => ss.instances.has(instanceKey(t.account, r))))
  }
  checkCanSubmit(ctx.world, ss, operationId)
  const pairs = targets
    .flatMap((target) => regions.map((region) => ({ target, region })))
    .filter((p) => ss.instances.has(instanceKey(p.target.account, p.region)))
  const echo = deploymentTargetsEcho(input)
  const op = submit(ctx.world, ss, {
    action: 'UPDATE',
    targets: pairs,
    preferences,
    preferencesGiven: given,
    ...(operationId ? { operationId } : {}),
    ...(echo ? { deploymentTargets: echo } : {}),
  })
  if (overrides) applyOverrides(ss, targets, regions, overrides)
  return { OperationId: op.id }
}

export const deleteStackInstancesOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const operationId = operationIdFrom(input)
  const retried = retriedOperation(ctx.world, ss, operationId, 'DeleteStackInstances', input)
  if (retried) return { OperationId: retried }
  const regions = readRegions(ctx.world, input, true)
  const retainStacks = bool(input.RetainStacks)
  if (retainStacks === undefined) {
    throw validationError(
      "1 validation error detected: Value null at 'retainStacks' failed to satisfy constraint: Member must not be null",
    )
  }
  const { targets: dt } = readTargets(input)
  let targets = resolveTargets(ctx.world, ss, input)
  if (ss.permissionModel === 'SERVICE_MANAGED') {
    // Instances recorded under the OU count too (their account may have moved since).
    const ous = dt?.OrganizationalUnitIds ?? []
    const known = new Set(targets.map((t) => t.account))
    for (const instance of ss.instances.values()) {
      if (instance.ou && ous.includes(instance.ou) && !known.has(instance.account)) {
        targets.push({ account: instance.account, ou: instance.ou })
        known.add(instance.account)
      }
    }
  }
  const { preferences, given } = parsePreferences(input.OperationPreferences, ctx.world.regions)
  checkCanSubmit(ctx.world, ss, operationId)
  targets = targets.filter((t) => regions.some((r) => ss.instances.has(instanceKey(t.account, r))))
  const pairs = targets
    .flatMap((target) => regions.map((region) => ({ target, region })))
    .filter((p) => ss.instances.has(instanceKey(p.target.account, p.region)))
  const echo = deploymentTargetsEcho(input)
  const op = submit(ctx.world, ss, {
    action: 'DELETE',
    targets: pairs,
    preferences,
    preferencesGiven: given,
    retainStacks,
    ...(operationId ? { operationId } : {}),
    ...(echo ? { deploymentTargets: echo } : {}),
  })
  for (const ou of dt?.OrganizationalUnitIds ?? []) {
    const stillUsed = [...ss.instances.values()].some(
      (i) => i.ou === ou && !pairs.some((p) => p.target.account === i.account && p.region === i.region),
    )
    if (!stillUsed) ss.ous = ss.ous.filter((o) => o !== ou)
  }
  return { OperationId: op.id }
}

const FILTER_NAMES = ['DETAILED_STATUS', 'LAST_OPERATION_ID', 'DRIFT_STATUS'] as const
const DETAILED = [
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'INOPERABLE',
  'SKIPPED_SUSPENDED_ACCOUNT',
  'FAILED_IMPORT',
]
const DRIFT = ['DRIFTED', 'IN_SYNC', 'UNKNOWN', 'NOT_CHECKED']

function instanceFilter(input: Record<string, unknown>): (i: StackInstance) => boolean {
  const filters = list<Record<string, unknown>>(input.Filters).map((f) => ({
    name: enumValue(
      String(f.Name ?? ''),
      FILTER_NAMES,
      'filters.member.name',
    ) as (typeof FILTER_NAMES)[number],
    value: String(f.Values ?? ''),
  }))
  if (filters.length > 3) {
    throw validationError(
      "1 validation error detected: Value at 'filters' failed to satisfy constraint: Member must have length less than or equal to 3",
    )
  }
  for (const f of filters) {
    if (f.value.length < 6) {
      // AWS's StackInstanceFilter.Values has a minimum length of 6.
      throw validationError(
        `1 validation error detected: Value '${f.value}' at 'filters.member.values' failed to satisfy constraint: Member must have length greater than or equal to 6`,
      )
    }
    if (f.name === 'DETAILED_STATUS' && !DETAILED.includes(f.value))
      throw validationError(`Invalid value ${f.value} for filter DETAILED_STATUS`)
    if (f.name === 'DRIFT_STATUS' && !DRIFT.includes(f.value))
      throw validationError(`Invalid value ${f.value} for filter DRIFT_STATUS`)
  }
  const account = str(input, 'StackInstanceAccount')
  const region = str(input, 'StackInstanceRegion')
  return (i) =>
    (!account || i.account === account) &&
    (!region || i.region === region) &&
    filters.every((f) =>
      f.name === 'DETAILED_STATUS'
        ? i.detailedStatus === f.value
        : f.name === 'LAST_OPERATION_ID'
          ? i.lastOperationId === f.value
          : i.driftStatus === f.value,
    )
}

function instanceSummary(ss: StackSet, i: StackInstance): Record<string, unknown> {
  return {
    StackSetId: ss.id,
    Region: i.region,
    Account: i.account,
    ...(i.stackId ? { StackId: i.stackId } : {}),
    Status: i.status,
    ...(i.statusReason ? { StatusReason: i.statusReason } : {}),
    StackInstanceStatus: { DetailedStatus: i.detailedStatus },
    ...(i.ou ? { OrganizationalUnitId: i.ou } : {}),
    DriftStatus: i.driftStatus,
    ...(i.lastDriftCheck !== undefined ? { LastDriftCheckTimestamp: new Date(i.lastDriftCheck) } : {}),
    ...(i.lastOperationId ? { LastOperationId: i.lastOperationId } : {}),
  }
}

export const listStackInstancesOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const matches = [...ss.instances.values()].filter(instanceFilter(input))
  const { items, nextToken } = page(matches, input, ctx, `Instances:${ss.id}`, 100)
  return {
    Summaries: items.map((i) => instanceSummary(ss, i)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}

function getInstance(ss: StackSet, input: Record<string, unknown>): StackInstance {
  const account = requiredStr(input, 'StackInstanceAccount')
  const region = requiredStr(input, 'StackInstanceRegion')
  const instance = ss.instances.get(instanceKey(account, region))
  if (!instance) {
    throw new SandboxError(
      'StackInstanceNotFoundException',
      `Stack instance [${account}, ${region}] not found in StackSet ${ss.name}`,
      404,
    )
  }
  return instance
}

export const describeStackInstanceOp: Operation = (input, ctx) => {
  const ss = getStackSet(input, ctx)
  const i = getInstance(ss, input)
  return {
    StackInstance: {
      ...instanceSummary(ss, i),
      ParameterOverrides: Object.entries(i.overrides).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
    },
  }
}

export const listStackInstanceResourceDriftsOp: Operation = (input, ctx) => {
  const scope = adminScope(input, ctx)
  const ss = getStackSet(input, ctx, scope)
  const instance = getInstance(ss, input)
  const operationId = requiredStr(input, 'OperationId')
  const op = cfnState(ctx.world).operations.get(operationId)
  if (!op || op.stackSetKey !== ss.key) {
    throw new SandboxError('OperationNotFoundException', `Operation ${operationId} not found`, 404)
  }
  const statuses = strList(input, 'StackInstanceResourceDriftStatuses')
  for (const s of statuses)
    enumValue(
      s,
      ['IN_SYNC', 'MODIFIED', 'DELETED', 'NOT_CHECKED'] as const,
      'stackInstanceResourceDriftStatuses',
    )
  const stack = instance.stackId ? cfnState(ctx.world).stacks.get(instance.stackId) : undefined
  const detection = stack?.detections.find((d) => d.id === operationId)
  const results = (detection?.results ?? []).filter(
    (r) => statuses.length === 0 || statuses.includes(r.status),
  )
  const { items, nextToken } = page(
    results,
    input,
    ctx,
    `InstanceDrifts:${ss.id}:${instance.account}:${instance.region}`,
    100,
  )
  return {
    Summaries: items.map((r) => {
      const full = driftSummary(stack?.stackId ?? '', r)
      delete full.ExpectedProperties
      delete full.ActualProperties
      return full
    }),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}
