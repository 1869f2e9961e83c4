// Runs stack set operations on simulated time, lazily: nothing happens on a timer; every CloudFormation
// request first calls `settle`, which replays all events up to `clock.now()` in time order — instance tasks
// finishing (their stacks are created through the stack engine at that moment), new tasks starting as the
// operation preferences allow, Regions failing when their failure tolerance is exceeded, operations ending
// and the next queued one starting.
import type { World } from '../../state.ts'
import { taskDurationMs } from './instance-durations.ts'
import { isSuspended, runTask } from './instance-tasks.ts'
import { concurrency, failureTolerance } from './preferences.ts'
import { countRunning, freeSlots } from './quotas.ts'
import {
  instanceKey,
  type OperationTask,
  type RegionRun,
  type StackSet,
  type StackSetOperation,
} from './stack-set-model.ts'
import { cfnState } from './state.ts'

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'STOPPED'])

export function isFinished(op: StackSetOperation): boolean {
  return FINISHED.has(op.status)
}

/** Adds an operation to its stack set's queue; it starts now when nothing else is active. */
export function enqueue(world: World, ss: StackSet, op: StackSetOperation): void {
  const state = cfnState(world)
  state.operations.set(op.id, op)
  ss.operationIds.push(op.id)
  ss.activeOperationIds.push(op.id)
  if (ss.activeOperationIds.length === 1) start(world, ss, op, op.createdAt)
}

function start(world: World, ss: StackSet, op: StackSetOperation, at: number): void {
  op.status = 'RUNNING'
  op.startedAt = at
  if (op.action === 'DETECT_DRIFT') {
    ss.drift = {
      ...ss.drift,
      detectionStatus: 'IN_PROGRESS',
      inProgress: op.regions.reduce((n, r) => n + r.tasks.length, 0),
    }
  }
  fill(world, ss, op, at)
}

function activeRegions(op: StackSetOperation): RegionRun[] {
  if (op.preferences.regionConcurrency === 'PARALLEL') return op.regions
  const current = op.regions.find((r) => r.next < r.tasks.length || r.running.length > 0)
  return current ? [current] : []
}

/** Starts as many pending tasks as the preferences allow at time `at`. */
function fill(world: World, ss: StackSet, op: StackSetOperation, at: number): void {
  const regions = activeRegions(op)
  cfnState(world).starved.delete(op.id)
  for (const run of regions) {
    if (run.failed) continue
    run.started = true
    const limit = concurrency(op.preferences, run.tasks.length, run.failures)
    while (run.next < run.tasks.length && run.running.length < limit) {
      if (freeSlots(world, ss) <= 0) {
        cfnState(world).starved.add(op.id)
        break
      }
      const task = run.tasks[run.next++] as OperationTask
      if (task.state !== 'PENDING') continue
      if (isSuspended(world, task.account) && !(op.action === 'DELETE' && op.retainStacks)) {
        task.state = 'SKIPPED'
        task.reason = `Account ${task.account} is suspended`
        task.startAt = at
        task.endAt = at
        setInstance(ss, op, task, 'SKIPPED_SUSPENDED_ACCOUNT', task.reason)
        continue
      }
      task.state = 'RUNNING'
      task.startAt = at
      task.endAt = at + taskDurationMs(world, ss, op, task, at)
      run.running.push(task)
      countRunning(world, ss, 1)
      setInstance(ss, op, task, 'RUNNING')
    }
  }
  // With SEQUENTIAL Regions, a Region whose tasks were all skipped hands over to the next one at once.
  if (op.preferences.regionConcurrency === 'SEQUENTIAL') {
    const current = activeRegions(op)[0]
    if (current && current !== regions[0]) {
      fill(world, ss, op, at)
      return
    }
  }
  if (op.regions.every((r) => r.running.length === 0 && (r.next >= r.tasks.length || r.failed)))
    finish(world, ss, op, at)
}

function nextEventAt(op: StackSetOperation): number | undefined {
  let next: number | undefined
  for (const run of op.regions)
    for (const t of run.running) if (next === undefined || (t.endAt ?? 0) < next) next = t.endAt
  return next
}

function completeDue(world: World, ss: StackSet, op: StackSetOperation, at: number): void {
  for (const run of op.regions) {
    const due = run.running.filter((t) => t.endAt === at)
    if (due.length === 0) continue
    run.running = run.running.filter((t) => t.endAt !== at)
    countRunning(world, ss, -due.length)
    for (const task of due) {
      const outcome = safeRun(world, ss, op, task, at)
      if (outcome.ok) {
        task.state = 'SUCCEEDED'
        setInstance(ss, op, task, 'SUCCEEDED')
      } else {
        task.state = 'FAILED'
        task.reason = outcome.reason
        op.failedCount += 1
        run.failures += 1
        setInstance(ss, op, task, op.action === 'DELETE' ? 'INOPERABLE' : 'FAILED', outcome.reason)
      }
    }
    if (run.failures > failureTolerance(op.preferences, run.tasks.length)) {
      run.failed = true
      cancelPending(ss, op, run, 'Cancelled since failure tolerance has exceeded')
      // Once a Region exceeds its tolerance, the Regions not yet done are cancelled too (aws-facts §8).
      for (const other of op.regions)
        if (other !== run) cancelPending(ss, op, other, 'Cancelled since failure tolerance has exceeded')
    }
  }
  if (op.stopRequestedAt === undefined) fill(world, ss, op, at)
  else if (op.regions.every((r) => r.running.length === 0)) finish(world, ss, op, at)
  feedStarved(world, at)
}

/** Operations held back by the concurrent-instance quota take the slots that just freed up. */
function feedStarved(world: World, at: number): void {
  const state = cfnState(world)
  for (const id of [...state.starved]) {
    const op = state.operations.get(id)
    const ss = op && state.stackSets.get(op.stackSetKey)
    if (!op || !ss || op.status !== 'RUNNING' || op.stopRequestedAt !== undefined) state.starved.delete(id)
    else if (freeSlots(world, ss) > 0) fill(world, ss, op, at)
  }
}

/** A provider bug must not break every later request: an unexpected error fails just this instance. */
function safeRun(world: World, ss: StackSet, op: StackSetOperation, task: OperationTask, at: number) {
  try {
    return runTask(world, ss, op, task, at)
  } catch (error) {
    return { ok: false as const, reason: error instanceof Error ? error.message : String(error) }
  }
}

function cancelPending(ss: StackSet, op: StackSetOperation, run: RegionRun, reason: string): void {
  for (; run.next < run.tasks.length; run.next++) {
    const task = run.tasks[run.next] as OperationTask
    if (task.state !== 'PENDING') continue
    task.state = 'CANCELLED'
    task.reason = reason
    setInstance(ss, op, task, 'CANCELLED', reason)
  }
}

function finish(world: World, ss: StackSet, op: StackSetOperation, at: number): void {
  if (isFinished(op)) return
  op.endAt = at
  const regionFailed = op.regions.some((r) => r.failed)
  if (op.stopRequestedAt !== undefined) op.status = 'STOPPED'
  else if (regionFailed) {
    op.status = 'FAILED'
    op.statusReason = 'The Operation failed since the failure tolerance was exceeded in one or more regions.'
  } else op.status = 'SUCCEEDED'
  if (op.action === 'DETECT_DRIFT') finishDrift(ss, op, at)
  if (op.action === 'DELETE' && !op.autoDeploy) {
    // A Region left without instances is no longer one of the stack set's Regions (nor auto-deployed to).
    const used = new Set([...ss.instances.values()].map((i) => i.region))
    ss.regions = ss.regions.filter((r) => used.has(r) || !op.regions.some((run) => run.region === r))
  }
  ss.activeOperationIds = ss.activeOperationIds.filter((id) => id !== op.id)
  const nextId = ss.activeOperationIds[0]
  const next = nextId ? cfnState(world).operations.get(nextId) : undefined
  if (next && next.status === 'QUEUED') start(world, ss, next, at)
}

function finishDrift(ss: StackSet, op: StackSetOperation, at: number): void {
  const tasks = op.regions.flatMap((r) => r.tasks)
  const instances = tasks.map((t) => ss.instances.get(instanceKey(t.account, t.region)))
  const drifted = tasks.filter(
    (t, i) => t.state === 'SUCCEEDED' && instances[i]?.driftStatus === 'DRIFTED',
  ).length
  const inSync = tasks.filter(
    (t, i) => t.state === 'SUCCEEDED' && instances[i]?.driftStatus === 'IN_SYNC',
  ).length
  const failed = tasks.filter((t) => t.state === 'FAILED').length
  const detectionStatus =
    op.status === 'STOPPED'
      ? 'STOPPED'
      : failed === 0
        ? 'COMPLETED'
        : failed === tasks.length
          ? 'FAILED'
          : 'PARTIAL_SUCCESS'
  ss.drift = {
    status: drifted > 0 ? 'DRIFTED' : inSync > 0 ? 'IN_SYNC' : ss.drift.status,
    detectionStatus,
    lastCheck: at,
    total: tasks.length,
    drifted,
    inSync,
    inProgress: 0,
    failed,
  }
}

/** Reflects a task's progress on its stack instance (drift checks leave the deployment status alone). */
function setInstance(
  ss: StackSet,
  op: StackSetOperation,
  task: OperationTask,
  detailed: string,
  reason?: string,
): void {
  if (op.action === 'DETECT_DRIFT') return
  const instance = ss.instances.get(instanceKey(task.account, task.region))
  if (!instance) return
  instance.detailedStatus = detailed
  instance.lastOperationId = op.id
  if (reason) instance.statusReason = reason
  else instance.statusReason = undefined
  if (detailed === 'SUCCEEDED') {
    instance.status = 'CURRENT'
    instance.version = op.version
  } else if (detailed === 'INOPERABLE') instance.status = 'INOPERABLE'
  else if (detailed !== 'RUNNING' && detailed !== 'PENDING') instance.status = 'OUTDATED'
}

/** Replays every operation event up to now, across stack sets, in time order. */
export function settle(world: World): void {
  const state = cfnState(world)
  const now = world.clock.now()
  for (;;) {
    let best: { op: StackSetOperation; ss: StackSet; at: number } | undefined
    for (const ss of state.stackSets.values()) {
      const headId = ss.activeOperationIds[0]
      const op = headId ? state.operations.get(headId) : undefined
      if (!op || op.status === 'QUEUED') continue
      const at = nextEventAt(op)
      if (at !== undefined && at <= now && (!best || at < best.at)) best = { op, ss, at }
    }
    if (!best) return
    completeDue(world, best.ss, best.op, best.at)
  }
}

/** StopStackSetOperation: queued operations stop at once; running ones stop starting tasks and end when the running ones finish. */
export function stop(world: World, ss: StackSet, op: StackSetOperation, at: number): void {
  op.stopRequestedAt = at
  if (op.status === 'QUEUED') {
    for (const run of op.regions) cancelPending(ss, op, run, 'User initiated stop')
    op.status = 'STOPPED'
    op.endAt = at
    ss.activeOperationIds = ss.activeOperationIds.filter((id) => id !== op.id)
    return
  }
  op.status = 'STOPPING'
  for (const run of op.regions) cancelPending(ss, op, run, 'User initiated stop')
  if (op.regions.every((r) => r.running.length === 0)) {
    op.status = 'RUNNING'
    finish(world, ss, op, at)
  }
}
