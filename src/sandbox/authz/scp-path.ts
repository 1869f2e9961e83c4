// The SCPs that govern a member-account principal: those attached to the root, each OU on the path down,
// and the account, one list per level (a request must be allowed at every level). Sources: aws-facts §1
// "SCP semantics" (FullAWSAccess is an ordinary attached SCP; the management account and service-linked roles
// are never restricted); Organizations user guide, "SCP evaluation" (every level from the root to the account
// must allow). Only while the SCP policy type is enabled on the root: with it disabled no SCP is attached and
// none applies (Organizations API reference, DisablePolicyType: "all policies of that type are
// automatically detached from every entity in the root"; user guide: SCPs take effect only once the type is
// enabled). The evaluator parses each SCP's text once; a request costs a walk of ≤ 6 levels.
import type { NamedPolicy } from '../../policy/types.ts'
import { SCP } from '../services/organizations/model.ts'
import type { Policy, World } from '../state.ts'

const named = new WeakMap<Policy, { content: string; policy: NamedPolicy }>()

export function namedPolicy(policy: Policy): NamedPolicy {
  const cached = named.get(policy)
  if (cached && cached.content === policy.content) return cached.policy
  const result: NamedPolicy = {
    name: `${policy.name} (${policy.id})`,
    document: policy.content,
    arn: policy.arn,
  }
  named.set(policy, { content: policy.content, policy: result })
  return result
}

/** Root first, then each OU down to the account's parent, then the account. */
export function pathOf(world: World, accountId: string): string[] {
  return [...world.ancestors(accountId).reverse(), accountId]
}

/**
 * The SCP levels for a principal of `accountId`, or undefined when SCPs take no part: the management account,
 * an account outside the organization, or the SCP policy type not enabled.
 */
export function scpLevels(world: World, accountId: string): NamedPolicy[][] | undefined {
  if (accountId === world.managementAccountId) return undefined
  if (!world.accounts.has(accountId)) return undefined
  if (!world.enabledPolicyTypes.has(SCP)) return undefined
  return policyLevels(world, accountId, SCP)
}

/** The policies of `type` attached at each level of the account's path, root first. */
export function policyLevels(world: World, accountId: string, type: string): NamedPolicy[][] {
  const path = pathOf(world, accountId)
  const levels: NamedPolicy[][] = path.map(() => [])
  for (const policy of world.policies.values()) {
    if (policy.type !== type) continue
    for (let i = 0; i < path.length; i++) {
      if (policy.targets.has(path[i] ?? '')) levels[i]?.push(namedPolicy(policy))
    }
  }
  return levels
}
