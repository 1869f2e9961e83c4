// AWS Organizations (service prefix `organizations`). Source: Service Authorization Reference, "Actions,
// resources, and condition keys for AWS Organizations" (resource ARN formats: account, organizationalunit,
// root, policy, awspolicy — awsdocs/iam-user-guide list_awsorganizations.md). Actions without a resource
// type are evaluated against `*`.
import { accountArn, ouArn, policyArn } from '../../services/organizations/model.ts'
import type { ActionEntry, ActionInput, ActionScope, ActionTable } from '../types.ts'
import { key, requestTags, tagKeys, text, texts } from './helpers.ts'

/** The ARN of a root, OU or account by its id's shape (AWS authorizes before it looks the target up). */
export function targetArn(scope: ActionScope, id: string): string {
  const { world } = scope
  if (id.startsWith('r-'))
    return `arn:aws:organizations::${world.managementAccountId}:root/${world.organizationId}/${id}`
  if (id.startsWith('ou-')) return ouArn(world, id)
  return accountArn(world, id)
}

function policyArnOf(scope: ActionScope, id: string): string {
  const policy = scope.world.policies.get(id)
  return policyArn(scope.world, id, policy?.type)
}

const byId =
  (...keys: string[]) =>
  (input: ActionInput, scope: ActionScope) =>
    keys.flatMap((key) => {
      const id = text(input, key)
      return id ? [targetArn(scope, id)] : []
    })

const policyAnd =
  (...targets: string[]) =>
  (input: ActionInput, scope: ActionScope) => {
    const id = text(input, 'PolicyId')
    return [...(id ? [policyArnOf(scope, id)] : []), ...byId(...targets)(input, scope)]
  }

/** organizations:PolicyType: the policy type the request names or the policy it names has. */
function policyType(input: ActionInput, scope: ActionScope) {
  const id = text(input, 'PolicyId')
  const type = text(input, 'Type') ?? text(input, 'PolicyType') ?? text(input, 'Filter')
  return key('organizations:PolicyType', type ?? (id ? scope.world.policies.get(id)?.type : undefined))
}

const servicePrincipal = (input: ActionInput) =>
  key('organizations:ServicePrincipal', text(input, 'ServicePrincipal'))

const tagResource = (input: ActionInput, scope: ActionScope) => {
  const id = text(input, 'ResourceId')
  if (!id) return []
  return [id.startsWith('p-') ? policyArnOf(scope, id) : targetArn(scope, id)]
}

const plain = (action: string): ActionEntry => ({ action: `organizations:${action}` })

export const organizationsActions: ActionTable = {
  DescribeOrganization: plain('DescribeOrganization'),
  ListRoots: plain('ListRoots'),
  ListOrganizationalUnitsForParent: {
    action: 'organizations:ListOrganizationalUnitsForParent',
    resources: byId('ParentId'),
  },
  DescribeOrganizationalUnit: {
    action: 'organizations:DescribeOrganizationalUnit',
    resources: byId('OrganizationalUnitId'),
  },
  CreateOrganizationalUnit: {
    action: 'organizations:CreateOrganizationalUnit',
    resources: byId('ParentId'),
    context: (input) => requestTags(input.Tags),
  },
  UpdateOrganizationalUnit: {
    action: 'organizations:UpdateOrganizationalUnit',
    resources: byId('OrganizationalUnitId'),
  },
  DeleteOrganizationalUnit: {
    action: 'organizations:DeleteOrganizationalUnit',
    resources: byId('OrganizationalUnitId'),
  },
  ListParents: { action: 'organizations:ListParents', resources: byId('ChildId') },
  ListChildren: { action: 'organizations:ListChildren', resources: byId('ParentId') },
  LeaveOrganization: plain('LeaveOrganization'),
  ListAccounts: plain('ListAccounts'),
  ListAccountsForParent: { action: 'organizations:ListAccountsForParent', resources: byId('ParentId') },
  DescribeAccount: { action: 'organizations:DescribeAccount', resources: byId('AccountId') },
  CreateAccount: { action: 'organizations:CreateAccount', context: (input) => requestTags(input.Tags) },
  DescribeCreateAccountStatus: plain('DescribeCreateAccountStatus'),
  ListCreateAccountStatus: plain('ListCreateAccountStatus'),
  MoveAccount: {
    action: 'organizations:MoveAccount',
    resources: byId('AccountId', 'SourceParentId', 'DestinationParentId'),
  },
  EnablePolicyType: {
    action: 'organizations:EnablePolicyType',
    resources: byId('RootId'),
    context: policyType,
  },
  DisablePolicyType: {
    action: 'organizations:DisablePolicyType',
    resources: byId('RootId'),
    context: policyType,
  },
  ListPolicies: { action: 'organizations:ListPolicies', context: policyType },
  ListPoliciesForTarget: {
    action: 'organizations:ListPoliciesForTarget',
    resources: byId('TargetId'),
    context: policyType,
  },
  ListTargetsForPolicy: {
    action: 'organizations:ListTargetsForPolicy',
    resources: policyAnd(),
    context: policyType,
  },
  DescribePolicy: { action: 'organizations:DescribePolicy', resources: policyAnd(), context: policyType },
  DescribeEffectivePolicy: {
    action: 'organizations:DescribeEffectivePolicy',
    resources: byId('TargetId'),
    context: policyType,
  },
  CreatePolicy: {
    action: 'organizations:CreatePolicy',
    context: (input, scope) => ({ ...policyType(input, scope), ...requestTags(input.Tags) }),
  },
  UpdatePolicy: { action: 'organizations:UpdatePolicy', resources: policyAnd(), context: policyType },
  DeletePolicy: { action: 'organizations:DeletePolicy', resources: policyAnd(), context: policyType },
  AttachPolicy: {
    action: 'organizations:AttachPolicy',
    resources: policyAnd('TargetId'),
    context: policyType,
  },
  DetachPolicy: {
    action: 'organizations:DetachPolicy',
    resources: policyAnd('TargetId'),
    context: policyType,
  },
  TagResource: {
    action: 'organizations:TagResource',
    resources: tagResource,
    context: (input) => requestTags(input.Tags),
  },
  UntagResource: {
    action: 'organizations:UntagResource',
    resources: tagResource,
    context: (input) => tagKeys(texts(input, 'TagKeys')),
  },
  ListTagsForResource: { action: 'organizations:ListTagsForResource', resources: tagResource },
  EnableAWSServiceAccess: { action: 'organizations:EnableAWSServiceAccess', context: servicePrincipal },
  DisableAWSServiceAccess: { action: 'organizations:DisableAWSServiceAccess', context: servicePrincipal },
  ListAWSServiceAccessForOrganization: plain('ListAWSServiceAccessForOrganization'),
  RegisterDelegatedAdministrator: {
    action: 'organizations:RegisterDelegatedAdministrator',
    resources: byId('AccountId'),
    context: servicePrincipal,
  },
  DeregisterDelegatedAdministrator: {
    action: 'organizations:DeregisterDelegatedAdministrator',
    resources: byId('AccountId'),
    context: servicePrincipal,
  },
  ListDelegatedAdministrators: {
    action: 'organizations:ListDelegatedAdministrators',
    context: servicePrincipal,
  },
  ListDelegatedServicesForAccount: {
    action: 'organizations:ListDelegatedServicesForAccount',
    resources: byId('AccountId'),
  },
}
