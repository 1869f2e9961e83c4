// ClientRequestToken on CreateStack / UpdateStack / DeleteStack. AWS: "Specify this token if you plan to
// retry requests so that CloudFormation knows that you're not attempting to create a stack with the same
// name. You might retry CreateStack requests to ensure that CloudFormation successfully received them"
// (API reference, CreateStack). So a request repeated with its token answers what the first one did and
// starts nothing new. What AWS answers for a token reused on another stack or operation is not documented
// beyond the model's TokenAlreadyExistsException ("A client request token already exists."): crafted here.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { isDeleted } from './stack-model.ts'
import { cfnState } from './state.ts'

interface TokenUse {
  operation: 'CreateStack' | 'UpdateStack' | 'DeleteStack'
  stackName: string
  stackId: string
}

const uses = (world: World) =>
  world.slice<Map<string, TokenUse>>('cloudformation-request-tokens', () => new Map())
const key = (account: string, region: string, token: string) => `${account}|${region}|${token}`

/**
 * The answer of the first request that carried `token`, when this one repeats it; undefined when the token
 * is new (or absent). A CreateStack token whose stack is gone again is free: the stack it made no longer
 * exists to be answered for (crafted).
 */
export function replay(
  world: World,
  ctx: { account: string; region: string },
  operation: TokenUse['operation'],
  token: string | undefined,
  stackName: string,
): { StackId: string } | undefined {
  if (!token) return undefined
  const use = uses(world).get(key(ctx.account, ctx.region, token))
  if (!use) return undefined
  const stack = cfnState(world).stacks.get(use.stackId)
  if (use.operation === 'CreateStack' && (!stack || isDeleted(stack, world.clock.now()))) return undefined
  if (use.operation === operation && (use.stackName === stackName || use.stackId === stackName))
    return { StackId: use.stackId }
  throw new SandboxError(
    'TokenAlreadyExistsException',
    `ClientRequestToken ${token} was already used for ${use.operation} of stack ${use.stackName}`,
    400,
  )
}

export function remember(
  world: World,
  ctx: { account: string; region: string },
  operation: TokenUse['operation'],
  token: string | undefined,
  stack: { name: string; stackId: string },
): void {
  if (token)
    uses(world).set(key(ctx.account, ctx.region, token), {
      operation,
      stackName: stack.name,
      stackId: stack.stackId,
    })
}
