// The lockout guard for RCPs (DESIGN.md §8, as for SCPs): before anything is written, the RCPs on the path
// of each account whose resources the baseline depends on — everyone's, ours as they will stand after the
// plan, and RCPFullAWSAccess — must leave every such access allowed, judged by `authorize`, the evaluator the
// sandbox enforces RCPs with:
// - the log-archive writers: CloudTrail and Config delivering to the log buckets (s3:GetBucketAcl,
//   s3:ListBucket, s3:PutObject) and encrypting with the log key (kms:GenerateDataKey);
// - the alert publishers: EventBridge using the findings topic's key (kms:GenerateDataKey, kms:Decrypt);
// - the tool's own roles: the tool role (a session in the management account) assuming the member role, the
//   bootstrap role and every break-glass role in each guarded account (sts:AssumeRole).
// RCPs never apply to the management account's resources, nor to service-linked roles (StackSets' own
// role), so neither is judged (aws-facts §1 "Resource Control Policies").
import type { Desired } from '../../engine/desired.ts'
import { authorize, type ContextValue, type NamedPolicy, principalContext } from '../../policy/index.ts'
import type { OrgAccount } from '../organization/snapshot.ts'
import { guardedAccounts } from '../scp/lockout.ts'
import { configBucketName, logBucketName } from '../stacksets/catalogue.ts'
import type { OrgPolicyObserved } from './observed.ts'

// AWS's managed RCP (Organizations user guide, "RCP syntax").
const RCP_FULL_AWS_ACCESS: NamedPolicy = {
  name: 'RCPFullAWSAccess',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' } as never],
  },
}

interface Access {
  who: string
  principal: { type: 'Service'; service: string } | { type: 'AWS'; arn: string; account: string }
  action: string
  resource: string
  /** The account that owns the resource: its RCP path is judged. */
  owner: OrgAccount
  context: Record<string, ContextValue>
}

/** Target id → RCPs attached there after the plan (everyone's as now, ours as configured). */
function attachedAfterPlan(observed: OrgPolicyObserved): Map<string, NamedPolicy[]> {
  const byTarget = new Map<string, NamedPolicy[]>()
  const add = (target: string, policy: NamedPolicy) =>
    byTarget.set(target, [...(byTarget.get(target) ?? []), policy])
  for (const other of observed.others) {
    const policy = { name: `${other.name} (${other.id})`, document: other.content as never }
    for (const target of other.targets) add(target, policy)
  }
  for (const wanted of observed.wanted) {
    const policy = { name: wanted.name, document: wanted.document as never }
    for (const target of wanted.targets) add(target.id, policy)
  }
  return byTarget
}

function levelsFor(desired: Desired, after: Map<string, NamedPolicy[]>, account: OrgAccount) {
  const units = new Map(desired.org.units.map((u) => [u.id, u]))
  const path = [account.id]
  for (let id: string | undefined = account.parentId; id; id = units.get(id)?.parentId) path.unshift(id)
  if (path[0] !== desired.org.rootId) path.unshift(desired.org.rootId)
  return path.map((id) => [RCP_FULL_AWS_ACCESS, ...(after.get(id) ?? [])])
}

function serviceAccess(
  desired: Desired,
  service: string,
  action: string,
  resource: string,
  owner: OrgAccount,
  sourceAccount: string,
): Access {
  return {
    who: service,
    principal: { type: 'Service', service },
    action,
    resource,
    owner,
    context: {
      'aws:PrincipalIsAWSService': 'true',
      'aws:PrincipalServiceName': service,
      'aws:SourceAccount': sourceAccount,
      'aws:SourceOrgID': desired.org.id,
      'aws:SecureTransport': 'true',
    },
  }
}

function accesses(desired: Desired): Access[] {
  const { logArchive, securityTooling, management } = desired
  const region = desired.config.homeRegion
  const out: Access[] = []
  const trailBucket = `arn:aws:s3:::${logBucketName(desired)}`
  const configBucket = `arn:aws:s3:::${configBucketName(desired)}`
  const logKey = `arn:aws:kms:${region}:${logArchive.id}:key/*`
  const writers: [string, string, string[]][] = [
    ['cloudtrail.amazonaws.com', trailBucket, ['s3:GetBucketAcl']],
    ['config.amazonaws.com', configBucket, ['s3:GetBucketAcl', 's3:ListBucket']],
  ]
  for (const [service, bucket, bucketActions] of writers) {
    for (const action of bucketActions)
      out.push(serviceAccess(desired, service, action, bucket, logArchive, management.id))
    out.push(
      serviceAccess(desired, service, 's3:PutObject', `${bucket}/AWSLogs/*`, logArchive, management.id),
      serviceAccess(desired, service, 'kms:GenerateDataKey', logKey, logArchive, management.id),
    )
  }
  const findingsKey = `arn:aws:kms:${region}:${securityTooling.id}:key/*`
  for (const action of ['kms:GenerateDataKey', 'kms:Decrypt'])
    out.push(
      serviceAccess(
        desired,
        'events.amazonaws.com',
        action,
        findingsKey,
        securityTooling,
        securityTooling.id,
      ),
    )

  const { toolRoleName, memberRoleName, bootstrapRoleName, breakGlassRoles } = desired.config.access
  const tool = {
    type: 'AWS' as const,
    arn: `arn:aws:sts::${management.id}:assumed-role/${toolRoleName}/org-baseline`,
    account: management.id,
  }
  const roles = [...new Set([memberRoleName, bootstrapRoleName, ...breakGlassRoles])]
  for (const account of guardedAccounts(desired)) {
    for (const role of roles) {
      out.push({
        who: `the tool role ${toolRoleName}`,
        principal: tool,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${account.id}:role/${role}`,
        owner: account,
        context: {
          ...principalContext(tool, {
            roleArn: `arn:aws:iam::${management.id}:role/${toolRoleName}`,
            orgId: desired.org.id,
          }),
          'aws:PrincipalType': 'AssumedRole',
          'aws:SecureTransport': 'true',
        },
      })
    }
  }
  return out
}

/** Every access an RCP would deny, as a refusal with its fix; empty when none. */
export function rcpLockoutProblems(desired: Desired, observed: OrgPolicyObserved): string[] {
  if (observed.wanted.length === 0 && !observed.typeEnabled) return []
  const after = attachedAfterPlan(observed)
  const problems = new Map<string, string[]>()
  const levelCache = new Map<string, NamedPolicy[][]>()
  for (const access of accesses(desired)) {
    if (access.owner.id === desired.management.id) continue
    const levels = levelCache.get(access.owner.id) ?? levelsFor(desired, after, access.owner)
    levelCache.set(access.owner.id, levels)
    const decision = authorize(
      { rcps: levels },
      {
        action: access.action,
        resource: access.resource,
        principal: access.principal,
        context: {
          ...access.context,
          'aws:ResourceAccount': access.owner.id,
          'aws:ResourceOrgID': desired.org.id,
        },
      },
    )
    if (decision.allowed) continue
    const by = decision.match ? `RCP ${decision.match.policy}` : 'no RCP allowing it'
    const key = `${by}|${access.who}|${access.action}`
    problems.set(key, [...(problems.get(key) ?? []), `${access.owner.id} (${access.owner.name})`])
  }
  return [...problems].map(([key, accounts]) => {
    const [by, who, action] = key.split('|')
    const shown =
      accounts.slice(0, 3).join(', ') + (accounts.length > 3 ? ` and ${accounts.length - 3} more` : '')
    return `lockout: ${by} denies ${who} ${action} on resources of ${shown} — exempt it (aws:PrincipalIsAWSService for AWS services, aws:PrincipalOrgID for the organization's roles) or detach the RCP there`
  })
}
