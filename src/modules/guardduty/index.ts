// Module `guardduty`: the security tooling account as GuardDuty organization admin in every target region,
// its detector, the organization configuration (auto-enable and features, off means off), the features of
// the admin's own detector (auto-enable never covers it) and the management account as a member.
import type { Module } from '../../engine/module.ts'
import { applyGuardDutyChange } from './apply.ts'
import { diffGuardDuty, guardDutyNotes } from './diff.ts'
import { observeGuardDuty } from './observe.ts'
import type { GuardDutyObserved } from './observed.ts'

export const guardDuty: Module<GuardDutyObserved> = {
  name: 'guardduty',
  permissions: {
    management: [
      'guardduty:ListOrganizationAdminAccounts',
      'guardduty:EnableOrganizationAdminAccount',
      'guardduty:DisableOrganizationAdminAccount',
      'organizations:ListDelegatedAdministrators',
      'organizations:RegisterDelegatedAdministrator',
      'organizations:DeregisterDelegatedAdministrator',
      'organizations:EnableAWSServiceAccess',
      'organizations:DescribeOrganization',
      'organizations:ListAWSServiceAccessForOrganization',
      'iam:CreateServiceLinkedRole',
    ],
    member: [
      'account:ListRegions',
      'guardduty:ListDetectors',
      'guardduty:GetDetector',
      'guardduty:UpdateDetector',
      'guardduty:CreateDetector',
      'guardduty:DescribeOrganizationConfiguration',
      'guardduty:UpdateOrganizationConfiguration',
      'guardduty:GetMembers',
      'guardduty:CreateMembers',
      'guardduty:DisassociateMembers',
      'guardduty:DeleteMembers',
      'guardduty:ListMembers',
      'organizations:DescribeOrganization',
      'organizations:ListAccounts',
    ],
  },
  enabled: (desired) => desired.config.guardDuty.enabled,
  observe: observeGuardDuty,
  diff: diffGuardDuty,
  notes: guardDutyNotes,
  apply: applyGuardDutyChange,
}
