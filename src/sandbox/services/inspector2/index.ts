// Amazon Inspector (restJson1, signing name `inspector2`): the organization operations org-baseline uses.
// Routes from the botocore model (botocore/data/inspector2/2020-06-08/service-2.json): every one is a POST
// with a JSON body, wire names as in the model.
import type { RestRoute, SimulatedService } from '../service.ts'
import {
  disableDelegatedAdminAccount,
  enableDelegatedAdminAccount,
  getDelegatedAdminAccount,
  listDelegatedAdminAccounts,
} from './admin.ts'
import { associateMember, disassociateMember, getMember, listMembers } from './members.ts'
import {
  describeOrganizationConfiguration,
  updateOrganizationConfiguration,
} from './organization-configuration.ts'
import { batchGetAccountStatus, disable, enable } from './scanning.ts'

const post = (operation: string, path: string, handler: RestRoute['handler']): RestRoute => ({
  operation,
  method: 'POST',
  path,
  handler,
})

export const inspector2: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'inspector2',
    protocol: 'restJson1',
    routes: [
      post('EnableDelegatedAdminAccount', '/delegatedadminaccounts/enable', enableDelegatedAdminAccount),
      post('DisableDelegatedAdminAccount', '/delegatedadminaccounts/disable', disableDelegatedAdminAccount),
      post('GetDelegatedAdminAccount', '/delegatedadminaccounts/get', getDelegatedAdminAccount),
      post('ListDelegatedAdminAccounts', '/delegatedadminaccounts/list', listDelegatedAdminAccounts),
      post(
        'DescribeOrganizationConfiguration',
        '/organizationconfiguration/describe',
        describeOrganizationConfiguration,
      ),
      post(
        'UpdateOrganizationConfiguration',
        '/organizationconfiguration/update',
        updateOrganizationConfiguration,
      ),
      post('Enable', '/enable', enable),
      post('Disable', '/disable', disable),
      post('BatchGetAccountStatus', '/status/batch/get', batchGetAccountStatus),
      post('AssociateMember', '/members/associate', associateMember),
      post('DisassociateMember', '/members/disassociate', disassociateMember),
      post('GetMember', '/members/get', getMember),
      post('ListMembers', '/members/list', listMembers),
    ],
  },
}
