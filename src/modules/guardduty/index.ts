// Module `guardduty`: the security tooling account as GuardDuty organization admin in every target region,
// its detector, the organization configuration (auto-enable and features, off means off), the features of
// the admin's own detector (auto-enable never covers it) and the management account as a member.

import type { Module } from '../../engine/module.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'
import { REGISTER_READ } from '../delegated-registration.ts'
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
      ...REGISTER_READ,
      grant(
        ['organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator'],
        () => [arn.orgAccounts()],
      ),
      'organizations:EnableAWSServiceAccess',
      'organizations:DescribeOrganization',
      'organizations:ListAWSServiceAccessForOrganization',
      grant(['iam:CreateServiceLinkedRole'], () => [arn.serviceLinkedRoles()], {
        StringEquals: {
          'iam:AWSServiceName': ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'],
        },
      }),
    ],
    member: [
      grant(['account:ListRegions'], () => [arn.ownAccount()]),
      'guardduty:ListDetectors',
      'guardduty:CreateDetector',
      grant(
        [
          'guardduty:GetDetector',
          'guardduty:UpdateDetector',
          'guardduty:DescribeOrganizationConfiguration',
          'guardduty:UpdateOrganizationConfiguration',
          'guardduty:GetMembers',
          'guardduty:CreateMembers',
          'guardduty:DisassociateMembers',
          'guardduty:DeleteMembers',
          'guardduty:ListMembers',
        ],
        () => [arn.detectors()],
      ),
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
