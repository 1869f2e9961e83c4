// Amazon Inspector (prefix `inspector2`). Source: Service Authorization Reference, "Actions, resources, and
// condition keys for Amazon Inspector": the organization, member and enablement actions name no resource
// type. EnableDelegatedAdminAccount lists dependent actions; the two that write — enabling trusted access and
// registering the delegated administrator in Organizations, which Inspector does with the caller's
// permissions (user guide, "Designating a delegated administrator", "Permissions required") — are authorized
// here as well, against the account and with the service principal as Organizations' own calls are.
import { accountArn } from '../../services/organizations/model.ts'
import type { ActionEntry, ActionInput, ActionScope, ActionTable } from '../types.ts'
import { key, text } from './helpers.ts'

const SERVICE_PRINCIPAL = 'inspector2.amazonaws.com'

const plain = (action: string): ActionEntry => ({ action: `inspector2:${action}` })

export const inspector2Actions: ActionTable = {
  EnableDelegatedAdminAccount: [
    plain('EnableDelegatedAdminAccount'),
    {
      action: 'organizations:EnableAWSServiceAccess',
      context: () => key('organizations:ServicePrincipal', SERVICE_PRINCIPAL),
    },
    {
      action: 'organizations:RegisterDelegatedAdministrator',
      resources: (input: ActionInput, scope: ActionScope) => [
        accountArn(scope.world, text(input, 'delegatedAdminAccountId') ?? ''),
      ],
      context: () => key('organizations:ServicePrincipal', SERVICE_PRINCIPAL),
    },
  ],
  DisableDelegatedAdminAccount: plain('DisableDelegatedAdminAccount'),
  GetDelegatedAdminAccount: plain('GetDelegatedAdminAccount'),
  ListDelegatedAdminAccounts: plain('ListDelegatedAdminAccounts'),
  DescribeOrganizationConfiguration: plain('DescribeOrganizationConfiguration'),
  UpdateOrganizationConfiguration: plain('UpdateOrganizationConfiguration'),
  Enable: plain('Enable'),
  Disable: plain('Disable'),
  BatchGetAccountStatus: plain('BatchGetAccountStatus'),
  AssociateMember: plain('AssociateMember'),
  DisassociateMember: plain('DisassociateMember'),
  GetMember: plain('GetMember'),
  ListMembers: plain('ListMembers'),
}
