// Stack drift operations: DetectStackDrift, DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts.
// Detection is computed when requested and revealed once its simulated duration has passed.
import { randomUUID } from 'node:crypto'
import type { Operation } from '../service.ts'
import { detectStackDrift } from './drift.ts'
import { enumValue, requiredStr, strList, validationError } from './input.ts'
import { page } from './paging.ts'
import { isInProgress, type ResourceDriftResult, type StackDriftDetection } from './stack-model.ts'
import { getStack, stacksIn } from './stack-store.ts'
import { cfnState } from './state.ts'

export const detectStackDriftOp: Operation = (input, ctx) => {
  const stack = getStack(ctx.world, ctx.account, ctx.region, requiredStr(input, 'StackName'))
  const now = ctx.world.clock.now()
  if (isInProgress(stack, now)) {
    throw validationError(`Drift detection is not supported while the stack ${stack.name} is in progress`)
  }
  const logicalIds = strList(input, 'LogicalResourceIds')
  let results = detectStackDrift(ctx.world, stack, now)
  if (logicalIds.length > 0) results = results.filter((r) => logicalIds.includes(r.logicalId))
  const detection: StackDriftDetection = {
    id: randomUUID(),
    stackId: stack.stackId,
    startedAt: now,
    completesAt: now + cfnState(ctx.world).durations.stackDriftMs,
    results,
  }
  stack.detections.push(detection)
  return { StackDriftDetectionId: detection.id }
}

export const describeStackDriftDetectionStatusOp: Operation = (input, ctx) => {
  const id = requiredStr(input, 'StackDriftDetectionId')
  const now = ctx.world.clock.now()
  for (const stack of stacksIn(ctx.world, ctx.account, ctx.region)) {
    const detection = stack.detections.find((d) => d.id === id)
    if (!detection) continue
    const done = now >= detection.completesAt
    const drifted = detection.results.filter(isDrifted).length
    return {
      StackId: stack.stackId,
      StackDriftDetectionId: id,
      DetectionStatus: done ? 'DETECTION_COMPLETE' : 'DETECTION_IN_PROGRESS',
      ...(done
        ? { StackDriftStatus: drifted > 0 ? 'DRIFTED' : 'IN_SYNC', DriftedStackResourceCount: drifted }
        : {}),
      Timestamp: new Date(done ? detection.completesAt : detection.startedAt),
    }
  }
  throw validationError(`Drift detection with id ${id} does not exist`)
}

const isDrifted = (r: ResourceDriftResult) => r.status === 'MODIFIED' || r.status === 'DELETED'

export function driftSummary(stackId: string, r: ResourceDriftResult): Record<string, unknown> {
  return {
    StackId: stackId,
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    ExpectedProperties: JSON.stringify(r.expected),
    ...(r.actual ? { ActualProperties: JSON.stringify(r.actual) } : {}),
    PropertyDifferences: r.differences,
    StackResourceDriftStatus: r.status,
    Timestamp: new Date(r.at),
  }
}

export const describeStackResourceDriftsOp: Operation = (input, ctx) => {
  const stack = getStack(ctx.world, ctx.account, ctx.region, requiredStr(input, 'StackName'))
  const statuses = strList(input, 'StackResourceDriftStatusFilters')
  for (const s of statuses)
    enumValue(
      s,
      ['IN_SYNC', 'MODIFIED', 'DELETED', 'NOT_CHECKED'] as const,
      'stackResourceDriftStatusFilters',
    )
  const now = ctx.world.clock.now()
  const latest = [...stack.detections].reverse().find((d) => d.completesAt <= now)
  const results = (latest?.results ?? []).filter((r) => statuses.length === 0 || statuses.includes(r.status))
  const { items, nextToken } = page(results, input, ctx, `Drifts:${stack.stackId}`, 100)
  return {
    StackResourceDrifts: items.map((r) => driftSummary(stack.stackId, r)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}
