// Controls for tests and demos: tune simulated durations, drift a stack instance's resources or delete its
// stack out of band, and start an operation "as someone else" so the tool meets OperationInProgress.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { wireAutoDeployment } from './auto-deploy.ts'
import { submit } from './operation-factory.ts'
import { settle } from './operation-runner.ts'
import { DEFAULT_PREFERENCES } from './preferences.ts'
import { resourceProvider } from './resource-providers.ts'
import { context, deleteStack } from './stack-engine.ts'
import { isDeleted } from './stack-model.ts'
import { instanceKey, type StackSet } from './stack-set-model.ts'
import { cfnState } from './state.ts'

const bad = (message: string) => new SandboxError('InvalidControlArguments', message, 400)

function findStackSet(world: World, args: Record<string, unknown>): StackSet {
  const name = String(args.stackSetName ?? '')
  for (const ss of cfnState(world).stackSets.values()) {
    if (ss.status !== 'ACTIVE' || ss.name !== name) continue
    if (args.adminRegion !== undefined && ss.region !== args.adminRegion) continue
    return ss
  }
  throw bad(`No active stack set named ${name}`)
}

function instanceStack(world: World, args: Record<string, unknown>) {
  const ss = findStackSet(world, args)
  const instance = ss.instances.get(instanceKey(String(args.account), String(args.region)))
  if (!instance?.stackId)
    throw bad(
      `Stack set ${ss.name} has no deployed instance in ${String(args.account)}/${String(args.region)}`,
    )
  const stack = cfnState(world).stacks.get(instance.stackId)
  if (!stack || isDeleted(stack, world.clock.now())) throw bad(`The instance's stack no longer exists`)
  return { ss, instance, stack }
}

const prepare = (world: World) => {
  wireAutoDeployment(world)
  settle(world)
}

export const controls: Record<string, (world: World, args: Record<string, unknown>) => unknown> = {
  /** `{ ms?, driftMs?, stackMs? }`: simulated duration of one stack instance (and of drift checks, stacks). */
  setOperationDuration(world, args) {
    prepare(world)
    const d = cfnState(world).durations
    if (args.ms !== undefined) d.instanceMs = Number(args.ms)
    if (args.driftMs !== undefined) d.instanceDriftMs = Number(args.driftMs)
    if (args.stackMs !== undefined) d.stackMs = Number(args.stackMs)
    if (args.stackDriftMs !== undefined) d.stackDriftMs = Number(args.stackDriftMs)
    return { ...d }
  },

  /**
   * `{ stackSetName, account, region, logicalId?, properties? | deleted: true }`: changes a resource of the
   * instance's stack out of band — through its provider when there is one, else by marking it.
   */
  driftStackInstance(world, args) {
    prepare(world)
    const { stack } = instanceStack(world, args)
    const resources = [...stack.resources.values()]
    const resource = args.logicalId ? stack.resources.get(String(args.logicalId)) : resources[0]
    if (!resource) throw bad(`No resource ${String(args.logicalId)} in ${stack.name}`)
    const provider = resourceProvider(resource.type)
    const ctx = context(world, stack, resource.logicalId)
    if (args.deleted === true) {
      if (provider?.read) provider.delete(resource.physicalId, ctx)
      else resource.manualDrift = { deleted: true }
    } else {
      const properties = (args.properties ?? {}) as Record<string, unknown>
      if (provider?.read && provider.update)
        provider.update(resource.physicalId, { ...resource.expected, ...properties }, ctx)
      else
        resource.manualDrift = { properties: { ...(resource.manualDrift?.properties ?? {}), ...properties } }
    }
    return { stackId: stack.stackId, logicalId: resource.logicalId, physicalId: resource.physicalId }
  },

  /** `{ stackSetName, account, region }`: the instance's stack is deleted outside StackSets. */
  deleteStackInstanceStack(world, args) {
    prepare(world)
    const { stack } = instanceStack(world, args)
    deleteStack(world, stack, world.clock.now(), 0)
    return { stackId: stack.stackId }
  },

  /** `{ stackSetName }`: someone else starts an update of every instance now; returns its operation id. */
  startForeignOperation(world, args) {
    prepare(world)
    const ss = findStackSet(world, args)
    const op = submit(world, ss, {
      action: 'UPDATE',
      targets: [...ss.instances.values()].map((i) => ({
        target: { account: i.account, ...(i.ou ? { ou: i.ou } : {}) },
        region: i.region,
      })),
      preferences: { ...DEFAULT_PREFERENCES },
      preferencesGiven: false,
    })
    return { operationId: op.id, status: op.status }
  },

  /** How many stack set operations were ever started (auto-deployments counted apart): a no-op apply starts none. */
  countOperations(world) {
    prepare(world)
    const ops = [...cfnState(world).operations.values()]
    return {
      requested: ops.filter((op) => !op.autoDeploy).length,
      autoDeploy: ops.filter((op) => op.autoDeploy).length,
    }
  },

  /** Replays operations up to the current simulated time (reads do this anyway). */
  settle(world) {
    prepare(world)
    return {}
  },
}
