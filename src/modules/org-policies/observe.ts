// Reads one policy type: one ListPolicies, then tags, content and targets of each customer policy (the SCP
// module's listing, by type), and how many policies each target the config names carries now. With the
// type not enabled and nothing wanted, nothing can be ours: no call at all.
import { paginateListPoliciesForTarget } from '@aws-sdk/client-organizations'
import { collect } from '../../aws/paginate.ts'
import type { Context } from '../../engine/module.ts'
import { listScps } from '../scp/observe.ts'
import type { PolicyKind, WantedPolicy } from './kind.ts'
import type { OrgPolicyObserved } from './observed.ts'

export async function observeOrgPolicies(
  kind: PolicyKind,
  ctx: Context,
  wanted: WantedPolicy[],
): Promise<OrgPolicyObserved> {
  const typeEnabled = ctx.desired.org.enabledPolicyTypes.includes(kind.type)
  if (!typeEnabled && wanted.length === 0)
    return { typeEnabled, owned: [], others: [], attachedCount: new Map(), wanted }
  const { owned, others } = await listScps(ctx.aws, kind.type)
  const targetIds = [...new Set(wanted.flatMap((w) => w.targets.map((t) => t.id)))]
  const counts = await Promise.all(
    targetIds.map(async (id) => {
      // Enabling the type attaches the AWS-managed policy (if the type has one) everywhere.
      if (!typeEnabled) return kind.managedEverywhere ? 1 : 0
      const pages = paginateListPoliciesForTarget(
        { client: ctx.aws.organizations(), pageSize: 20 },
        { TargetId: id, Filter: kind.type },
      )
      return (await collect(pages, (p) => p.Policies)).length
    }),
  )
  return {
    typeEnabled,
    owned,
    others,
    attachedCount: new Map(targetIds.map((id, i) => [id, counts[i] ?? 0])),
    wanted,
  }
}
