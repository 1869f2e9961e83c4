// Module `security-hub`: the delegated administrator, the administrator's hub, cross-region finding
// aggregation, and central configuration (policy `org-baseline` on the configured targets) or local
// auto-enable per region.
import type { Module } from '../../engine/module.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'
import { applySecurityHubChange } from './apply.ts'
import { diffSecurityHub } from './diff.ts'
import { securityHubNotes } from './notes.ts'
import { observeSecurityHub } from './observe.ts'
import type { SecurityHubObserved } from './observed.ts'

const SECURITY_HUB_ROLE = grant(['iam:CreateServiceLinkedRole'], () => [arn.serviceLinkedRoles()], {
  StringEquals: { 'iam:AWSServiceName': 'securityhub.amazonaws.com' },
})

export const securityHub: Module<SecurityHubObserved> = {
  name: 'security-hub',
  permissions: {
    management: [
      'securityhub:ListOrganizationAdminAccounts',
      'securityhub:EnableOrganizationAdminAccount',
      'securityhub:DisableOrganizationAdminAccount',
      'organizations:ListDelegatedAdministrators',
      grant(
        ['organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator'],
        () => [arn.orgAccounts()],
      ),
      'organizations:EnableAWSServiceAccess',
      'organizations:DescribeOrganization',
      'organizations:ListAWSServiceAccessForOrganization',
      SECURITY_HUB_ROLE,
    ],
    member: [
      grant(
        [
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
          'securityhub:CreateConfigurationPolicy',
          'securityhub:GetConfigurationPolicyAssociation',
          'securityhub:ListConfigurationPolicyAssociations',
          // status: which accounts are members under local configuration.
          'securityhub:ListMembers',
        ],
        () => [arn.hub()],
      ),
      // A configuration policy by id, or the hub for the self-managed pseudo-policy.
      grant(
        [
          'securityhub:GetConfigurationPolicy',
          'securityhub:UpdateConfigurationPolicy',
          'securityhub:StartConfigurationPolicyAssociation',
        ],
        () => [arn.configurationPolicies(), arn.hub()],
      ),
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      // The delegated administrator walks the organization's tree (its ARNs name the management account).
      grant(['organizations:ListOrganizationalUnitsForParent'], () => [arn.orgRoots('*'), arn.orgOus('*')]),
      'organizations:ListAccounts',
      SECURITY_HUB_ROLE,
    ],
  },
  enabled: (desired) => desired.config.securityHub.enabled,
  observe: (ctx) => observeSecurityHub(ctx.aws, ctx.desired),
  diff: diffSecurityHub,
  notes: securityHubNotes,
  apply: applySecurityHubChange,
}
