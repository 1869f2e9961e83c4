// Finding and registering stacks by name or id within an account and Region.
import type { World } from '../../state.ts'
import { flat } from './generic-resources.ts'
import { validationError } from './input.ts'
import { isDeleted, type Stack } from './stack-model.ts'
import { cfnState } from './state.ts'

const nameKey = (account: string, region: string, name: string) => flat(account, '|', region, '|', name)

export function registerStack(world: World, stack: Stack): void {
  const state = cfnState(world)
  state.stacks.set(stack.stackId, stack)
  state.stackNames.set(nameKey(stack.account, stack.region, stack.name), stack.stackId)
  const location = flat(stack.account, '|', stack.region)
  const list = state.stacksByLocation.get(location)
  if (list) list.push(stack)
  else state.stacksByLocation.set(location, [stack])
}

/** The live stack with this name, or the stack with this id (deleted ones too), in the caller's account/Region. */
export function findStack(
  world: World,
  account: string,
  region: string,
  nameOrId: string,
): Stack | undefined {
  const state = cfnState(world)
  const now = world.clock.now()
  if (nameOrId.startsWith('arn:')) {
    const stack = state.stacks.get(nameOrId)
    return stack && stack.account === account && stack.region === region ? stack : undefined
  }
  const id = state.stackNames.get(nameKey(account, region, nameOrId))
  const stack = id ? state.stacks.get(id) : undefined
  if (!stack || isDeleted(stack, now)) return undefined
  return stack
}

export function getStack(world: World, account: string, region: string, nameOrId: string): Stack {
  const stack = findStack(world, account, region, nameOrId)
  if (!stack) throw validationError(`Stack with id ${nameOrId} does not exist`)
  return stack
}

export function stacksIn(world: World, account: string, region: string): Stack[] {
  return cfnState(world).stacksByLocation.get(flat(account, '|', region)) ?? []
}
