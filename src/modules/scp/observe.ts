// Reads SCPs: one list of every SCP, the tags of each customer-managed one (ownership is a tag), the
// content and attachments of the owned ones, and the SCP count of each target the config names.
import {
  DescribePolicyCommand,
  ListTagsForResourceCommand,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations'
import type { AwsClients } from '../../aws/clients.ts'
import { collect } from '../../aws/paginate.ts'
import type { Desired } from '../../engine/desired.ts'
import { CONTENT_TAG, MANAGED_TAG, type OwnedScp, SCP_TYPE, type ScpObserved } from './observed.ts'

const PAGE = 20

export async function listScps(aws: AwsClients): Promise<{ owned: OwnedScp[]; unowned: string[] }> {
  const org = aws.organizations()
  const policies = await collect(
    paginateListPolicies({ client: org, pageSize: PAGE }, { Filter: SCP_TYPE }),
    (p) => p.Policies,
  )
  const customer = policies.filter((p) => !p.AwsManaged)
  const tagged = await Promise.all(
    customer.map(async (p) => {
      const { Tags } = await org.send(new ListTagsForResourceCommand({ ResourceId: p.Id }))
      return { policy: p, tags: new Map((Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) }
    }),
  )
  const owned = await Promise.all(
    tagged
      .filter((t) => t.tags.get(MANAGED_TAG) === 'true')
      .map(async ({ policy, tags }) => {
        const [described, targets] = await Promise.all([
          org.send(new DescribePolicyCommand({ PolicyId: policy.Id })),
          collect(
            paginateListTargetsForPolicy({ client: org, pageSize: PAGE }, { PolicyId: policy.Id }),
            (p) => p.Targets,
          ),
        ])
        return {
          id: policy.Id ?? '',
          name: policy.Name ?? '',
          content: JSON.parse(described.Policy?.Content ?? 'null'),
          contentHash: tags.get(CONTENT_TAG),
          targets: targets.map((t) => t.TargetId ?? '').sort(),
        }
      }),
  )
  const unowned = tagged.filter((t) => t.tags.get(MANAGED_TAG) !== 'true').map((t) => t.policy.Name ?? '')
  return { owned: owned.sort((a, b) => a.name.localeCompare(b.name)), unowned: unowned.sort() }
}

/** One SCP by name, as apply re-reads it: absent, someone else's, or ours with content and attachments. */
export async function readScp(
  aws: AwsClients,
  name: string,
): Promise<{ owned?: OwnedScp; unowned?: true } | undefined> {
  const org = aws.organizations()
  const policies = await collect(
    paginateListPolicies({ client: org, pageSize: PAGE }, { Filter: SCP_TYPE }),
    (p) => p.Policies,
  )
  const policy = policies.find((p) => p.Name === name && !p.AwsManaged)
  if (!policy) return undefined
  const { Tags } = await org.send(new ListTagsForResourceCommand({ ResourceId: policy.Id }))
  const tags = new Map((Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))
  if (tags.get(MANAGED_TAG) !== 'true') return { unowned: true }
  const [described, targets] = await Promise.all([
    org.send(new DescribePolicyCommand({ PolicyId: policy.Id })),
    collect(
      paginateListTargetsForPolicy({ client: org, pageSize: PAGE }, { PolicyId: policy.Id }),
      (p) => p.Targets,
    ),
  ])
  return {
    owned: {
      id: policy.Id ?? '',
      name,
      content: JSON.parse(described.Policy?.Content ?? 'null'),
      contentHash: tags.get(CONTENT_TAG),
      targets: targets.map((t) => t.TargetId ?? '').sort(),
    },
  }
}

export async function observeScps(aws: AwsClients, desired: Desired): Promise<ScpObserved> {
  const typeEnabled = desired.org.enabledPolicyTypes.includes(SCP_TYPE)
  const { owned, unowned } = await listScps(aws)
  const targetIds = [...new Set(desired.scps.flatMap((s) => s.targets.map((t) => t.id)))]
  const counts = await Promise.all(
    targetIds.map(async (id) => {
      // Enabling the policy type attaches FullAWSAccess everywhere: that is the count to plan against.
      if (!typeEnabled) return 1
      const pages = paginateListPoliciesForTarget(
        { client: aws.organizations(), pageSize: PAGE },
        { TargetId: id, Filter: SCP_TYPE },
      )
      return (await collect(pages, (p) => p.Policies)).length
    }),
  )
  return {
    typeEnabled,
    owned,
    unowned,
    attachedCount: new Map(targetIds.map((id, i) => [id, counts[i] ?? 0])),
  }
}
