// AWS Account Management (prefix `account`). Source: Service Authorization Reference, "Actions, resources,
// and condition keys for AWS Account Management": resource types `account`
// (`arn:${Partition}:account::${Account}:account`) for the caller's own account and `accountInOrganization`
// (`arn:${Partition}:account::${ManagementAccountId}:account/o-${OrganizationId}/${MemberAccountId}`) when the
// request names another account of the organization; condition key account:TargetRegion for the Region
// operations, account:AlternateContactTypes for the alternate-contact ones.
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { key, text } from './helpers.ts'

function accountResource(input: ActionInput, scope: ActionScope): string[] {
  const target = text(input, 'AccountId')
  if (!target || target === scope.account) return [`arn:aws:account::${scope.account}:account`]
  const { world } = scope
  return [`arn:aws:account::${world.managementAccountId}:account/${world.organizationId}/${target}`]
}

const targetRegion = (input: ActionInput) => key('account:TargetRegion', text(input, 'RegionName'))
const contactType = (input: ActionInput) =>
  key('account:AlternateContactTypes', text(input, 'AlternateContactType'))

export const accountActions: ActionTable = {
  ListRegions: { action: 'account:ListRegions', resources: accountResource },
  GetRegionOptStatus: {
    action: 'account:GetRegionOptStatus',
    resources: accountResource,
    context: targetRegion,
  },
  EnableRegion: { action: 'account:EnableRegion', resources: accountResource, context: targetRegion },
  DisableRegion: { action: 'account:DisableRegion', resources: accountResource, context: targetRegion },
  GetAlternateContact: {
    action: 'account:GetAlternateContact',
    resources: accountResource,
    context: contactType,
  },
  PutAlternateContact: {
    action: 'account:PutAlternateContact',
    resources: accountResource,
    context: contactType,
  },
  DeleteAlternateContact: {
    action: 'account:DeleteAlternateContact',
    resources: accountResource,
    context: contactType,
  },
}
