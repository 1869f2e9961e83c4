// Trust policies for the tool's role (who may run org-baseline) and the member role (only the tool's role,
// only from within the organization). Principals cannot hold policy variables, so the management account and
// organization ids are given (--account-id, --organization-id) or printed as placeholders to replace.
// Sources: IAM guide "Configuring a role for GitHub OIDC identity provider" (aud sts.amazonaws.com, sub
// repo:<owner>/<repo>:ref:refs/heads/<branch> or :environment:<name>); "The confused deputy problem"
// (aws:SourceAccount / aws:SourceArn for service principals such as codebuild.amazonaws.com); IAM Identity
// Center guide "Referencing permission sets in resource policies" (roles under
// role/aws-reserved/sso.amazonaws.com/, named AWSReservedSSO_<permission set>_<suffix>).
import { UsageError } from '../errors.ts'

export type TrustKind = 'github-oidc' | 'codebuild' | 'sso'
export const TRUST_KINDS = ['github-oidc', 'codebuild', 'sso'] as const

export const ACCOUNT_PLACEHOLDER = '<management-account-id>'
export const ORG_PLACEHOLDER = '<organization-id>'

export interface TrustOptions {
  accountId?: string
  organizationId?: string
  /** github-oidc: owner/name. */
  repo?: string
  /** github-oidc: the branch the workflow runs on (default main), or a deployment environment instead. */
  branch?: string
  environment?: string
  /** codebuild: the project (examples/codebuild: org-baseline-reconcile). */
  project?: string
  /** sso: the permission set's name. */
  permissionSet?: string
}

interface TrustStatement {
  Sid: string
  Effect: 'Allow'
  Principal: Record<string, string>
  Action: string | string[]
  Condition: Record<string, Record<string, string>>
}

export interface TrustPolicy {
  Version: '2012-10-17'
  Statement: TrustStatement[]
}

const policy = (statement: TrustStatement): TrustPolicy => ({ Version: '2012-10-17', Statement: [statement] })

const GITHUB = 'token.actions.githubusercontent.com'

/** The tool role's trust for one way of running it. */
export function toolTrustPolicy(kind: TrustKind, options: TrustOptions): TrustPolicy {
  const account = options.accountId ?? ACCOUNT_PLACEHOLDER
  if (kind === 'github-oidc') {
    if (!options.repo || !/^[\w.-]+\/[\w.-]+$/.test(options.repo))
      throw new UsageError('--trust github-oidc needs --repo owner/name')
    const subject = options.environment
      ? `repo:${options.repo}:environment:${options.environment}`
      : `repo:${options.repo}:ref:refs/heads/${options.branch ?? 'main'}`
    return policy({
      Sid: 'GitHubActionsOidc',
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${GITHUB}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: subject } },
    })
  }
  if (kind === 'codebuild') {
    const project = options.project ?? 'org-baseline-reconcile'
    return policy({
      Sid: 'CodeBuildProject',
      Effect: 'Allow',
      Principal: { Service: 'codebuild.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': `arn:aws:codebuild:*:${account}:project/${project}` },
      },
    })
  }
  const permissionSet = options.permissionSet ?? 'OrgBaselineOperator'
  return policy({
    Sid: 'IdentityCenterPermissionSet',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'sts:AssumeRole',
    Condition: {
      ArnLike: {
        'aws:PrincipalArn': `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_${permissionSet}_*`,
      },
    },
  })
}

/** The member role's trust: the tool's role in the management account, and only within the organization. */
export function memberTrustPolicy(toolRoleName: string, options: TrustOptions): TrustPolicy {
  const account = options.accountId ?? ACCOUNT_PLACEHOLDER
  return policy({
    Sid: 'OrgBaselineToolRole',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:role/${toolRoleName}` },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': options.organizationId ?? ORG_PLACEHOLDER } },
  })
}
