// Amazon GuardDuty (prefix `guardduty`). Source: Service Authorization Reference, "Actions, resources, and
// condition keys for Amazon GuardDuty": resource type detector
// (`arn:${Partition}:guardduty:${Region}:${Account}:detector/${DetectorId}`) for the operations on a
// detector; the organization-admin operations, CreateDetector and ListDetectors have none.
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { requestTags, text } from './helpers.ts'

const detector = (input: ActionInput, scope: ActionScope) => [
  `arn:aws:guardduty:${scope.region}:${scope.account}:detector/${text(input, 'DetectorId') ?? ''}`,
]

const onDetector = (action: string) => ({ action: `guardduty:${action}`, resources: detector })

export const guardDutyActions: ActionTable = {
  EnableOrganizationAdminAccount: { action: 'guardduty:EnableOrganizationAdminAccount' },
  DisableOrganizationAdminAccount: { action: 'guardduty:DisableOrganizationAdminAccount' },
  ListOrganizationAdminAccounts: { action: 'guardduty:ListOrganizationAdminAccounts' },
  CreateDetector: { action: 'guardduty:CreateDetector', context: (input) => requestTags(input.tags) },
  ListDetectors: { action: 'guardduty:ListDetectors' },
  GetDetector: onDetector('GetDetector'),
  UpdateDetector: onDetector('UpdateDetector'),
  DeleteDetector: onDetector('DeleteDetector'),
  DescribeOrganizationConfiguration: onDetector('DescribeOrganizationConfiguration'),
  UpdateOrganizationConfiguration: onDetector('UpdateOrganizationConfiguration'),
  UpdateMalwareScanSettings: onDetector('UpdateMalwareScanSettings'),
  CreateMembers: onDetector('CreateMembers'),
  ListMembers: onDetector('ListMembers'),
  GetMembers: onDetector('GetMembers'),
  DisassociateMembers: onDetector('DisassociateMembers'),
  DeleteMembers: onDetector('DeleteMembers'),
}
