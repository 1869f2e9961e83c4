// GuardDuty (restJson1, signing name `guardduty`): routes and wire names from the AWS SDK's model
// (@aws-sdk/client-guardduty: every member travels under its camelCase jsonName).
import type { SimulatedService } from '../service.ts'
import {
  disableOrganizationAdminAccount,
  enableOrganizationAdminAccount,
  listOrganizationAdminAccounts,
} from './admin.ts'
import { guardDutyControls } from './controls.ts'
import {
  createDetector,
  deleteDetector,
  getDetector,
  listDetectors,
  updateDetector,
  updateMalwareScanSettings,
} from './detectors.ts'
import { createMembers, deleteMembers, disassociateMembers, getMembers, listMembers } from './members.ts'
import {
  describeOrganizationConfiguration,
  updateOrganizationConfiguration,
} from './organization-configuration.ts'
import { seedGuardDuty } from './seed.ts'

export const guardDuty: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'guardduty',
    protocol: 'restJson1',
    routes: [
      {
        operation: 'EnableOrganizationAdminAccount',
        method: 'POST',
        path: '/admin/enable',
        handler: enableOrganizationAdminAccount,
      },
      {
        operation: 'DisableOrganizationAdminAccount',
        method: 'POST',
        path: '/admin/disable',
        handler: disableOrganizationAdminAccount,
      },
      {
        operation: 'ListOrganizationAdminAccounts',
        method: 'GET',
        path: '/admin',
        handler: listOrganizationAdminAccounts,
      },
      { operation: 'CreateDetector', method: 'POST', path: '/detector', handler: createDetector },
      { operation: 'ListDetectors', method: 'GET', path: '/detector', handler: listDetectors },
      { operation: 'GetDetector', method: 'GET', path: '/detector/{DetectorId}', handler: getDetector },
      {
        operation: 'UpdateDetector',
        method: 'POST',
        path: '/detector/{DetectorId}',
        handler: updateDetector,
      },
      {
        operation: 'DeleteDetector',
        method: 'DELETE',
        path: '/detector/{DetectorId}',
        handler: deleteDetector,
      },
      {
        operation: 'UpdateMalwareScanSettings',
        method: 'POST',
        path: '/detector/{DetectorId}/malware-scan-settings',
        handler: updateMalwareScanSettings,
      },
      {
        operation: 'DescribeOrganizationConfiguration',
        method: 'GET',
        path: '/detector/{DetectorId}/admin',
        handler: describeOrganizationConfiguration,
      },
      {
        operation: 'UpdateOrganizationConfiguration',
        method: 'POST',
        path: '/detector/{DetectorId}/admin',
        handler: updateOrganizationConfiguration,
      },
      {
        operation: 'CreateMembers',
        method: 'POST',
        path: '/detector/{DetectorId}/member',
        handler: createMembers,
      },
      {
        operation: 'ListMembers',
        method: 'GET',
        path: '/detector/{DetectorId}/member',
        handler: listMembers,
      },
      {
        operation: 'GetMembers',
        method: 'POST',
        path: '/detector/{DetectorId}/member/get',
        handler: getMembers,
      },
      {
        operation: 'DisassociateMembers',
        method: 'POST',
        path: '/detector/{DetectorId}/member/disassociate',
        handler: disassociateMembers,
      },
      {
        operation: 'DeleteMembers',
        method: 'POST',
        path: '/detector/{DetectorId}/member/delete',
        handler: deleteMembers,
      },
    ],
  },
  seedKey: 'guardduty',
  seed: seedGuardDuty,
  controls: guardDutyControls,
}
