// Reads SCPs: one list of every SCP, the tags of each customer-managed one (ownership is a tag), the
// content and attachments of the owned ones, and the SCP count of each target the config names.
import {
  DescribePolicyCommand,
  type ListPoliciesResponse,
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

type Organizations = ReturnType<AwsClients['organizations']>
type PolicySummary = NonNullable<ListPoliciesResponse['Policies']>[number]

/** Every customer-managed SCP (FullAWSAccess and other AWS-managed ones are never ours). */
async function customerScps(org: Organizations): Promise<PolicySummary[]> {
  const pages = paginateListPolicies({ client: org, pageSize: PAGE }, { Filter: SCP_TYPE })
  return (await collect(pages, (p) => p.Policies)).filter((p) => !p.AwsManaged)
}

async function tagsOf(org: Organizations, policy: PolicySummary): Promise<Map<string, string>> {
  const { Tags } = await org.send(new ListTagsForResourceCommand({ ResourceId: policy.Id }))
  return new Map((Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))
}

const isOwned = (tags: Map<string, string>) => tags.get(MANAGED_TAG) === 'true'

/** Content and attachments of one of our policies. */
async function describeOwned(
  org: Organizations,
  policy: PolicySummary,
  tags: Map<string, string>,
): Promise<OwnedScp> {
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
}

export async function listScps(aws: AwsClients): Promise<{ owned: OwnedScp[]; unowned: string[] }> {
  const org = aws.organizations()
  const tagged = await Promise.all(
    (await customerScps(org)).map(async (policy) => ({ policy, tags: await tagsOf(org, policy) })),
  )
  const owned = await Promise.all(
    tagged.filter((t) => isOwned(t.tags)).map(({ policy, tags }) => describeOwned(org, policy, tags)),
  )
  const unowned = tagged.filter((t) => !isOwned(t.tags)).map((t) => t.policy.Name ?? '')
  return { owned: owned.sort((a, b) => a.name.localeCompare(b.name)), unowned: unowned.sort() }
}

/** One SCP by name, as apply re-reads it: absent, someone else's, or ours with content and attachments. */
export async function readScp(
  aws: AwsClients,
  name: string,
): Promise<{ owned?: OwnedScp; unowned?: true } | undefined> {
  const org = aws.organizations()
  const policy = (await customerScps(org)).find((p) => p.Name === name)
  if (!policy) return undefined
  const tags = await tagsOf(org, policy)
  return isOwned(tags) ? { owned: await describeOwned(org, policy, tags) } : { unowned: true }
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
