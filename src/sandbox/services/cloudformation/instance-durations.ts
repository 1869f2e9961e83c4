// How long one stack instance task takes: the fixed `durations` by default, or under the `aws` timing profile
// the instance's template and the work it has to do (timing/resource-durations.ts).
import type { World } from '../../state.ts'
import { type InstanceWork, instanceDurationMs } from '../../timing/resource-durations.ts'
import { isDeleted } from './stack-model.ts'
import { instanceKey, type OperationTask, type StackSet, type StackSetOperation } from './stack-set-model.ts'
import { cfnState } from './state.ts'

/** Whether the instance's stack already runs this template with these parameter values. */
function unchanged(world: World, ss: StackSet, task: OperationTask, at: number): boolean | undefined {
  const instance = ss.instances.get(instanceKey(task.account, task.region))
  const stack = instance?.stackId ? cfnState(world).stacks.get(instance.stackId) : undefined
  if (!instance || !stack || isDeleted(stack, at)) return undefined
  if (stack.templateBody !== ss.templateBody) return false
  const values = { ...ss.parameters, ...instance.overrides }
  return Object.entries(values).every(([key, value]) => stack.parameters.values[key] === value)
}

function work(
  world: World,
  ss: StackSet,
  op: StackSetOperation,
  task: OperationTask,
  at: number,
): InstanceWork {
  switch (op.action) {
    case 'DETECT_DRIFT':
      return 'drift'
    case 'DELETE':
      return 'delete'
    default: {
      const same = unchanged(world, ss, task, at)
      return same === undefined ? 'create' : same ? 'unchanged' : 'update'
    }
  }
}

export function taskDurationMs(
  world: World,
  ss: StackSet,
  op: StackSetOperation,
  task: OperationTask,
  at: number,
): number {
  const { durations: d, durationModel } = cfnState(world)
  if (durationModel === 'aws') return instanceDurationMs(ss.template, work(world, ss, op, task, at))
  return op.action === 'DETECT_DRIFT' ? d.instanceDriftMs : d.instanceMs
}
