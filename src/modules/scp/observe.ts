// Reads SCPs: one list of every SCP, the tags of each customer-managed one (ownership is a tag), the
// content and attachments of every customer SCP (ours to plan, everyone else's for the lockout guard), and
// the SCPs attached to each target the config names or a customer SCP is attached to. Every other entity
// carries FullAWSAccess alone (each entity keeps at least one SCP, aws-facts §1): no per-account sweep.
import {
  DescribePolicyCommand,
  type ListPoliciesResponse,
  type PolicyType,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations'
import type { AwsClients } from '../../aws/clients.ts'
import { readOrganizationTags } from '../../aws/organization-tags.ts'
import { collect } from '../../aws/paginate.ts'
import { pollUntil } from '../../aws/poll.ts'
import type { Desired } from '../../engine/desired.ts'
import { plannedStackSets, plannedStacks } from '../stacksets/catalogue.ts'
import { readTemplates } from '../stacksets/observe.ts'
import {
  type AttachedSummary,
  CONTENT_TAG,
  MANAGED_TAG,
  type OtherScp,
  type OwnedScp,
  POLICY_DESCRIPTION,
  SCP_TYPE,
  type ScpObserved,
} from './observed.ts'

const PAGE = 20
const FULL_AWS_ACCESS: AttachedSummary = { id: 'p-FullAWSAccess', name: 'FullAWSAccess', awsManaged: true }

type Organizations = ReturnType<AwsClients['organizations']>
type PolicySummary = NonNullable<ListPoliciesResponse['Policies']>[number]

/**
 * Every customer-managed policy of the type, SCPs by default (FullAWSAccess and other AWS-managed ones are
 * never ours). The org-policies module reads RCPs and declarative policies with the same functions.
 */
async function customerScps(org: Organizations, type: PolicyType = SCP_TYPE): Promise<PolicySummary[]> {
  const pages = paginateListPolicies({ client: org, pageSize: PAGE }, { Filter: type })
  return (await collect(pages, (p) => p.Policies)).filter((p) => !p.AwsManaged)
}

const isOwned = (tags: Map<string, string>) => tags.get(MANAGED_TAG) === 'true'

/** How long tags that contradict the description are re-read (ListTagsForResource is eventually consistent). */
const TAG_SETTLE_MS = 5_000

/**
 * Ownership is the tag, never the description. But a policy that describes itself as ours while its tags say
 * otherwise was most likely just created with them, and tags read back stale for a moment: re-read a few
 * times before calling it someone else's.
 */
async function tagsOf(org: Organizations, policy: PolicySummary): Promise<Map<string, string>> {
  const read = () => readOrganizationTags(org, policy.Id ?? '')
  if (policy.Description !== POLICY_DESCRIPTION) return read()
  const { value } = await pollUntil(read, isOwned, { readFirst: true, deadline: Date.now() + TAG_SETTLE_MS })
  return value
}

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

export async function listScps(
  aws: AwsClients,
  type: PolicyType = SCP_TYPE,
): Promise<{ owned: OwnedScp[]; unowned: string[]; others: OtherScp[] }> {
  const org = aws.organizations()
  const tagged = await Promise.all(
    (await customerScps(org, type)).map(async (policy) => ({ policy, tags: await tagsOf(org, policy) })),
  )
  const owned = await Promise.all(
    tagged.filter((t) => isOwned(t.tags)).map(({ policy, tags }) => describeOwned(org, policy, tags)),
  )
  const others = await Promise.all(
    tagged
      .filter((t) => !isOwned(t.tags))
      .map(async ({ policy, tags }) => {
        const { id, name, content, targets } = await describeOwned(org, policy, tags)
        return { id, name, content, targets }
      }),
  )
  return {
    owned: owned.sort((a, b) => a.name.localeCompare(b.name)),
    unowned: others.map((o) => o.name).sort(),
    others: others.sort((a, b) => a.name.localeCompare(b.name)),
  }
}

/** One SCP by name, as apply re-reads it: absent, someone else's, or ours with content and attachments. */
export async function readScp(
  aws: AwsClients,
  name: string,
  type: PolicyType = SCP_TYPE,
): Promise<{ owned?: OwnedScp; unowned?: true } | undefined> {
  const org = aws.organizations()
  const policy = (await customerScps(org, type)).find((p) => p.Name === name)
  if (!policy) return undefined
  const tags = await tagsOf(org, policy)
  return isOwned(tags) ? { owned: await describeOwned(org, policy, tags) } : { unowned: true }
}

export async function observeScps(aws: AwsClients, desired: Desired): Promise<ScpObserved> {
  const typeEnabled = desired.org.enabledPolicyTypes.includes(SCP_TYPE)
  const [{ owned, unowned, others }, templates] = await Promise.all([
    listScps(aws),
    readTemplates(
      desired.baseline.templateDir,
      [...plannedStackSets(desired).map((s) => s.template), ...plannedStacks(desired).map((s) => s.template)],
      desired.baseline,
    ),
  ])
  const targetIds = [
    ...new Set([
      ...desired.scps.flatMap((s) => s.targets.map((t) => t.id)),
      ...owned.flatMap((p) => p.targets),
      ...others.flatMap((p) => p.targets),
    ]),
  ]
  const lists = await Promise.all(
    targetIds.map(async (id): Promise<AttachedSummary[]> => {
      // Enabling the policy type attaches FullAWSAccess everywhere: that is what to plan against.
      if (!typeEnabled) return [FULL_AWS_ACCESS]
      const pages = paginateListPoliciesForTarget(
        { client: aws.organizations(), pageSize: PAGE },
        { TargetId: id, Filter: SCP_TYPE },
      )
      return (await collect(pages, (p) => p.Policies)).map((p) => ({
        id: p.Id ?? '',
        name: p.Name ?? '',
        awsManaged: p.AwsManaged === true,
      }))
    }),
  )
  const attached = new Map(targetIds.map((id, i) => [id, lists[i] ?? []]))
  return {
    typeEnabled,
    owned,
    unowned,
    others,
    attached,
    templates,
    attachedCount: new Map([...attached].map(([id, list]) => [id, list.length])),
  }
}
