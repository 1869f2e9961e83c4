// Module `security-hub`: the delegated administrator, the administrator's hub, cross-region finding
// aggregation, and central configuration (policy `org-baseline` on the configured targets) or local
// auto-enable per region.
import type { Module } from '../../engine/module.ts'
import { applySecurityHubChange } from './apply.ts'
import { diffSecurityHub } from './diff.ts'
import { securityHubNotes } from './notes.ts'
import { observeSecurityHub } from './observe.ts'
import type { SecurityHubObserved } from './observed.ts'

export const securityHub: Module<SecurityHubObserved> = {
  name: 'security-hub',
  permissions: {
    management: [
      'securityhub:ListOrganizationAdminAccounts',
      'securityhub:EnableOrganizationAdminAccount',
      'securityhub:DisableOrganizationAdminAccount',
      'organizations:ListDelegatedAdministrators',
      'organizations:RegisterDelegatedAdministrator',
      'organizations:DeregisterDelegatedAdministrator',
      'organizations:EnableAWSServiceAccess',
      'organizations:DescribeOrganization',
      'organizations:ListAWSServiceAccessForOrganization',
      'iam:CreateServiceLinkedRole',
    ],
    member: [
      'securityhub:DescribeHub',
      'securityhub:EnableSecurityHub',
      'securityhub:DescribeStandards',
      'securityhub:GetEnabledStandards',
      'securityhub:BatchEnableStandards',
      'securityhub:BatchDisableStandards',
      'securityhub:ListFindingAggregators',
      'securityhub:GetFindingAggregator',
      'securityhub:CreateFindingAggregator',
      'securityhub:UpdateFindingAggregator',
      'securityhub:DescribeOrganizationConfiguration',
      'securityhub:UpdateOrganizationConfiguration',
      'securityhub:ListConfigurationPolicies',
      'securityhub:GetConfigurationPolicy',
      'securityhub:CreateConfigurationPolicy',
      'securityhub:UpdateConfigurationPolicy',
      'securityhub:GetConfigurationPolicyAssociation',
      'securityhub:StartConfigurationPolicyAssociation',
      'securityhub:ListConfigurationPolicyAssociations',
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListAccounts',
      'iam:CreateServiceLinkedRole',
    ],
  },
  enabled: (desired) => desired.config.securityHub.enabled,
  observe: (ctx) => observeSecurityHub(ctx.aws, ctx.desired),
  diff: diffSecurityHub,
  notes: securityHubNotes,
  apply: applySecurityHubChange,
}
