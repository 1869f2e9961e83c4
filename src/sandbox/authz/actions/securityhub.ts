// AWS Security Hub CSPM (prefix `securityhub`). Source: Service Authorization Reference, "Actions,
// resources, and condition keys for AWS Security Hub": resource type hub
// (`arn:${Partition}:securityhub:${Region}:${Account}:hub/default`) for the account's hub operations, and
// configuration-policy (`arn:${Partition}:securityhub:${Region}:${Account}:configuration-policy/${Id}`) for a
// named configuration policy. Operations on the organization (admin account designation) take `*`.
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { requestTags, text } from './helpers.ts'

const hub = (_input: ActionInput, scope: ActionScope) => [
  `arn:aws:securityhub:${scope.region}:${scope.account}:hub/default`,
]

/** A configuration policy named by id or ARN (the self-managed pseudo-policy is not an ARN: the hub). */
const configurationPolicy =
  (key: string) =>
  (input: ActionInput, scope: ActionScope): string[] => {
    const id = text(input, key)
    if (!id) return hub(input, scope)
    if (id.startsWith('arn:')) return [id]
    if (id === 'SELF_MANAGED_SECURITY_HUB') return hub(input, scope)
    return [`arn:aws:securityhub:${scope.region}:${scope.account}:configuration-policy/${id}`]
  }

const onHub = (action: string) => ({ action: `securityhub:${action}`, resources: hub })

export const securityHubActions: ActionTable = {
  EnableOrganizationAdminAccount: { action: 'securityhub:EnableOrganizationAdminAccount' },
  DisableOrganizationAdminAccount: { action: 'securityhub:DisableOrganizationAdminAccount' },
  ListOrganizationAdminAccounts: { action: 'securityhub:ListOrganizationAdminAccounts' },
  EnableSecurityHub: {
    action: 'securityhub:EnableSecurityHub',
    resources: hub,
    context: (input) => requestTags(input.Tags),
  },
  DescribeHub: onHub('DescribeHub'),
  DisableSecurityHub: onHub('DisableSecurityHub'),
  DescribeStandards: onHub('DescribeStandards'),
  GetEnabledStandards: onHub('GetEnabledStandards'),
  BatchEnableStandards: onHub('BatchEnableStandards'),
  BatchDisableStandards: onHub('BatchDisableStandards'),
  CreateFindingAggregator: onHub('CreateFindingAggregator'),
  ListFindingAggregators: onHub('ListFindingAggregators'),
  GetFindingAggregator: onHub('GetFindingAggregator'),
  UpdateFindingAggregator: onHub('UpdateFindingAggregator'),
  DeleteFindingAggregator: onHub('DeleteFindingAggregator'),
  DescribeOrganizationConfiguration: onHub('DescribeOrganizationConfiguration'),
  UpdateOrganizationConfiguration: onHub('UpdateOrganizationConfiguration'),
  CreateConfigurationPolicy: {
    action: 'securityhub:CreateConfigurationPolicy',
    resources: hub,
    context: (input) => requestTags(input.Tags),
  },
  ListConfigurationPolicies: onHub('ListConfigurationPolicies'),
  GetConfigurationPolicy: {
    action: 'securityhub:GetConfigurationPolicy',
    resources: configurationPolicy('Identifier'),
  },
  UpdateConfigurationPolicy: {
    action: 'securityhub:UpdateConfigurationPolicy',
    resources: configurationPolicy('Identifier'),
  },
  DeleteConfigurationPolicy: {
    action: 'securityhub:DeleteConfigurationPolicy',
    resources: configurationPolicy('Identifier'),
  },
  StartConfigurationPolicyAssociation: {
    action: 'securityhub:StartConfigurationPolicyAssociation',
    resources: configurationPolicy('ConfigurationPolicyIdentifier'),
  },
  StartConfigurationPolicyDisassociation: {
    action: 'securityhub:StartConfigurationPolicyDisassociation',
    resources: configurationPolicy('ConfigurationPolicyIdentifier'),
  },
  CreateMembers: onHub('CreateMembers'),
  ListMembers: onHub('ListMembers'),
  ListConfigurationPolicyAssociations: onHub('ListConfigurationPolicyAssociations'),
  GetConfigurationPolicyAssociation: onHub('GetConfigurationPolicyAssociation'),
}
