// DescribeEffectivePolicy for the management policy types: "the aggregation of any policies of the specified
// type that the account inherits, plus any policy of that type that is directly attached to the account"
// (API reference). Inheritance (Organizations user guide, "Inheritance operators"): levels are merged from
// the root down; a child's `@@assign` replaces the parent's value unless the parent limits the child with
// `@@operators_allowed_for_child_policies` (`@@none` locks the subtree); the effective policy shows plain
// values, operators resolved. `@@append` / `@@remove` on lists are merged as sets. Sources for the errors:
// API model — a root or OU target "is not supported" (InvalidInputException, reason
// TARGET_NOT_SUPPORTED, the enum's closest), no policy of the type on the path or the type not enabled → EffectivePolicyNotFoundException
// (message crafted). Callable "from any account in a organization": a member only for itself (crafted:
// AccessDeniedException for another account's target).
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { Operation } from '../service.ts'
import { ACCOUNT_ID, checkId, invalidInput, optionalString, requiredString, TARGET_ID } from './common.ts'

type Node = Record<string, unknown>
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Where a child may no longer change anything: the path keys under a `@@none` (or assign-less) limit. */
function childMayAssign(limits: Map<string, unknown>, path: string): boolean {
  for (const [prefix, allowed] of limits) {
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue
    const list = Array.isArray(allowed) ? allowed : []
    if (!list.includes('@@assign') && !list.includes('@@all')) return false
  }
  return true
}

function mergeLevel(effective: Node, document: Node, limits: Map<string, unknown>, path = ''): void {
  const newLimits: [string, unknown][] = []
  for (const [key, value] of Object.entries(document)) {
    if (key === '@@operators_allowed_for_child_policies') {
      newLimits.push([path, value])
      continue
    }
    const here = path ? `${path}/${key}` : key
    if (!isNode(value)) continue
    if ('@@assign' in value || '@@append' in value || '@@remove' in value) {
      if (!childMayAssign(limits, here)) continue
      const current = effective[key]
      if ('@@assign' in value) effective[key] = value['@@assign']
      const list = new Set(Array.isArray(current) ? current : [])
      for (const v of (value['@@append'] as unknown[]) ?? []) list.add(v)
      for (const v of (value['@@remove'] as unknown[]) ?? []) list.delete(v)
      if (!('@@assign' in value)) effective[key] = [...list]
      if (isNode(value) && '@@operators_allowed_for_child_policies' in value)
        newLimits.push([here, value['@@operators_allowed_for_child_policies']])
      continue
    }
    const child = isNode(effective[key]) ? (effective[key] as Node) : {}
    effective[key] = child
    mergeLevel(child, value, limits, here)
  }
  // Limits a level sets bind the levels below it, not its own siblings.
  for (const [prefix, allowed] of newLimits) if (!limits.has(prefix)) limits.set(prefix, allowed)
}

export function effectivePolicy(world: World, accountId: string, type: string): Node | undefined {
  const path = [...world.ancestors(accountId).reverse(), accountId]
  const effective: Node = {}
  const limits = new Map<string, unknown>()
  let found = false
  for (const level of path) {
    for (const policy of world.policies.values()) {
      if (policy.type !== type || !policy.targets.has(level)) continue
      found = true
      mergeLevel(effective, JSON.parse(policy.content) as Node, limits)
    }
  }
  return found ? effective : undefined
}

const notFound = () =>
  new SandboxError(
    'EffectivePolicyNotFoundException',
    'We can’t find an effective policy of that type for the account that you specified.',
    400,
  )

export const describeEffectivePolicy: Operation = (input, ctx) => {
  const { world } = ctx
  const type = requiredString(input, 'PolicyType')
  const given = optionalString(input, 'TargetId')
  const targetId = given === undefined ? ctx.account : checkId(given, TARGET_ID, 'TargetId')
  if (!ACCOUNT_ID.test(targetId)) {
    throw invalidInput(
      'TARGET_NOT_SUPPORTED',
      'Specifying an organization root or OU as the target is not supported.',
    )
  }
  if (ctx.account !== world.managementAccountId && targetId !== ctx.account) {
    throw new SandboxError(
      'AccessDeniedException',
      'You don’t have permissions to access this resource.',
      403,
    )
  }
  if (!world.accounts.has(targetId)) {
    throw new SandboxError(
      'TargetNotFoundException',
      'We can’t find a root, OU, account, or policy with the TargetId that you specified.',
      404,
    )
  }
  if (!world.enabledPolicyTypes.has(type)) throw notFound()
  const content = effectivePolicy(world, targetId, type)
  if (!content) throw notFound()
  return {
    EffectivePolicy: {
      PolicyContent: JSON.stringify(content),
      LastUpdatedTimestamp: new Date(world.clock.now()),
      TargetId: targetId,
      PolicyType: type,
    },
  }
}
