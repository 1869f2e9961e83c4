// Security Hub CSPM (restJson1, signing name `securityhub`): routes and wire names from the AWS SDK's model
// (@aws-sdk/client-securityhub: members travel under their PascalCase model names; timestamps as ISO 8601).
import type { SimulatedService } from '../service.ts'
import {
  disableOrganizationAdminAccount,
  enableOrganizationAdminAccount,
  listOrganizationAdminAccounts,
} from './admin.ts'
import {
  createConfigurationPolicy,
  deleteConfigurationPolicy,
  getConfigurationPolicy,
  listConfigurationPolicies,
  updateConfigurationPolicy,
} from './configuration-policies.ts'
import { securityHubControls } from './controls.ts'
import {
  createFindingAggregator,
  deleteFindingAggregator,
  getFindingAggregator,
  listFindingAggregators,
  updateFindingAggregator,
} from './finding-aggregator.ts'
import { describeHub, disableSecurityHub, enableSecurityHub } from './hub.ts'
import { createMembers, listMembers } from './members.ts'
import {
  describeOrganizationConfiguration,
  updateOrganizationConfiguration,
} from './organization-configuration.ts'
import {
  getConfigurationPolicyAssociation,
  listConfigurationPolicyAssociations,
  startConfigurationPolicyAssociation,
  startConfigurationPolicyDisassociation,
} from './policy-associations.ts'
import { seedSecurityHub } from './seed.ts'
import {
  batchDisableStandards,
  batchEnableStandards,
  describeStandards,
  getEnabledStandards,
} from './standards.ts'

export const securityHub: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'securityhub',
    protocol: 'restJson1',
    routes: [
      {
        operation: 'EnableOrganizationAdminAccount',
        method: 'POST',
        path: '/organization/admin/enable',
        handler: enableOrganizationAdminAccount,
      },
      {
        operation: 'DisableOrganizationAdminAccount',
        method: 'POST',
        path: '/organization/admin/disable',
        handler: disableOrganizationAdminAccount,
      },
      {
        operation: 'ListOrganizationAdminAccounts',
        method: 'GET',
        path: '/organization/admin',
        handler: listOrganizationAdminAccounts,
      },
      { operation: 'EnableSecurityHub', method: 'POST', path: '/accounts', handler: enableSecurityHub },
      { operation: 'DescribeHub', method: 'GET', path: '/accounts', handler: describeHub },
      { operation: 'DisableSecurityHub', method: 'DELETE', path: '/accounts', handler: disableSecurityHub },
      { operation: 'DescribeStandards', method: 'GET', path: '/standards', handler: describeStandards },
      {
        operation: 'GetEnabledStandards',
        method: 'POST',
        path: '/standards/get',
        handler: getEnabledStandards,
      },
      {
        operation: 'BatchEnableStandards',
        method: 'POST',
        path: '/standards/register',
        handler: batchEnableStandards,
      },
      {
        operation: 'BatchDisableStandards',
        method: 'POST',
        path: '/standards/deregister',
        handler: batchDisableStandards,
      },
      {
        operation: 'CreateFindingAggregator',
        method: 'POST',
        path: '/findingAggregator/create',
        handler: createFindingAggregator,
      },
      {
        operation: 'ListFindingAggregators',
        method: 'GET',
        path: '/findingAggregator/list',
        handler: listFindingAggregators,
      },
      {
        operation: 'GetFindingAggregator',
        method: 'GET',
        path: '/findingAggregator/get/{FindingAggregatorArn+}',
        handler: getFindingAggregator,
      },
      {
        operation: 'UpdateFindingAggregator',
        method: 'PATCH',
        path: '/findingAggregator/update',
        handler: updateFindingAggregator,
      },
      {
        operation: 'DeleteFindingAggregator',
        method: 'DELETE',
        path: '/findingAggregator/delete/{FindingAggregatorArn+}',
        handler: deleteFindingAggregator,
      },
      {
        operation: 'DescribeOrganizationConfiguration',
        method: 'GET',
        path: '/organization/configuration',
        handler: describeOrganizationConfiguration,
      },
      {
        operation: 'UpdateOrganizationConfiguration',
        method: 'POST',
        path: '/organization/configuration',
        handler: updateOrganizationConfiguration,
      },
      { operation: 'CreateMembers', method: 'POST', path: '/members', handler: createMembers },
      { operation: 'ListMembers', method: 'GET', path: '/members', handler: listMembers },
      {
        operation: 'CreateConfigurationPolicy',
        method: 'POST',
        path: '/configurationPolicy/create',
        handler: createConfigurationPolicy,
      },
      {
        operation: 'ListConfigurationPolicies',
        method: 'GET',
        path: '/configurationPolicy/list',
        handler: listConfigurationPolicies,
      },
      {
        operation: 'GetConfigurationPolicy',
        method: 'GET',
        path: '/configurationPolicy/get/{Identifier}',
        handler: getConfigurationPolicy,
      },
      {
        operation: 'UpdateConfigurationPolicy',
        method: 'PATCH',
        path: '/configurationPolicy/{Identifier}',
        handler: updateConfigurationPolicy,
      },
      {
        operation: 'DeleteConfigurationPolicy',
        method: 'DELETE',
        path: '/configurationPolicy/{Identifier}',
        handler: deleteConfigurationPolicy,
      },
      {
        operation: 'StartConfigurationPolicyAssociation',
        method: 'POST',
        path: '/configurationPolicyAssociation/associate',
        handler: startConfigurationPolicyAssociation,
      },
      {
        operation: 'StartConfigurationPolicyDisassociation',
        method: 'POST',
        path: '/configurationPolicyAssociation/disassociate',
        handler: startConfigurationPolicyDisassociation,
      },
      {
        operation: 'ListConfigurationPolicyAssociations',
        method: 'POST',
        path: '/configurationPolicyAssociation/list',
        handler: listConfigurationPolicyAssociations,
      },
      {
        operation: 'GetConfigurationPolicyAssociation',
        method: 'POST',
        path: '/configurationPolicyAssociation/get',
        handler: getConfigurationPolicyAssociation,
      },
    ],
  },
  seedKey: 'securityHub',
  seed: seedSecurityHub,
  controls: securityHubControls,
}
