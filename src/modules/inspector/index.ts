// Module `inspector`: the security tooling account as Amazon Inspector delegated administrator in every target
// region, organization auto-enable for the configured scan types (off means off), and existing accounts
// associated and enabled, in every target region where each scan type is offered. Turning the module off
// removes it again (destructive). Always observed: with the module off, one Organizations call tells whether
// anything of it is left to remove.

import type { Module } from '../../engine/module.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'
import { REGISTER_READ } from '../delegated-registration.ts'
import { applyInspectorChange } from './apply.ts'
import { diffInspector, inspectorNotes } from './diff.ts'
import { observeInspector } from './observe.ts'
import type { InspectorObserved } from './observed.ts'

export const inspector: Module<InspectorObserved> = {
  name: 'inspector',
  permissions: {
    management: [
      'inspector2:ListDelegatedAdminAccounts',
      'inspector2:EnableDelegatedAdminAccount',
      'inspector2:DisableDelegatedAdminAccount',
      ...REGISTER_READ,
      // EnableDelegatedAdminAccount registers the administrator with the caller's permissions (Inspector
      // user guide, "Designating a delegated administrator" → "Permissions required").
      grant(
        ['organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator'],
        () => [arn.orgAccounts()],
      ),
    ],
    member: [
      grant(['account:ListRegions'], () => [arn.ownAccount()]),
      'inspector2:DescribeOrganizationConfiguration',
      'inspector2:UpdateOrganizationConfiguration',
      'inspector2:BatchGetAccountStatus',
      'inspector2:AssociateMember',
      'inspector2:Enable',
      'inspector2:Disable',
    ],
  },
  enabled: () => true,
  fingerprint: (desired) => ({ inspector: desired.config.inspector, regions: desired.regions }),
  observe: observeInspector,
  diff: diffInspector,
  notes: inspectorNotes,
  apply: applyInspectorChange,
}
