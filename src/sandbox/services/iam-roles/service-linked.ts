// The service-linked roles the sandbox can create (IAM CreateServiceLinkedRole) and that services look up.
// Each service's user guide, section "Using service-linked roles for <service>", names the role and its
// policy; the role lives at `/aws-service-role/<service principal>/` (IAM User Guide, "Using service-linked
// roles"). None of these services accepts a CustomSuffix.

import type { World } from '../../state.ts'
import { putRole, type Role } from './store.ts'

export interface ServiceLinkedRoleSpec {
  principal: string
  roleName: string
  policyArn: string
}

export const SERVICE_LINKED_ROLES: readonly ServiceLinkedRoleSpec[] = [
  // AWS Config Developer Guide, "Using Service-Linked Roles for AWS Config".
  {
    principal: 'config.amazonaws.com',
    roleName: 'AWSServiceRoleForConfig',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSConfigServiceRolePolicy',
  },
  // AWS CloudTrail User Guide, "Using service-linked roles for AWS CloudTrail" (organization trails).
  {
    principal: 'cloudtrail.amazonaws.com',
    roleName: 'AWSServiceRoleForCloudTrail',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy',
  },
  // Amazon GuardDuty User Guide, "Service-linked role permissions for GuardDuty".
  {
    principal: 'guardduty.amazonaws.com',
    roleName: 'AWSServiceRoleForAmazonGuardDuty',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonGuardDutyServiceRolePolicy',
  },
  // AWS Security Hub User Guide, "Using service-linked roles for AWS Security Hub".
  {
    principal: 'securityhub.amazonaws.com',
    roleName: 'AWSServiceRoleForSecurityHub',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSSecurityHubServiceRolePolicy',
  },
  // AWS Organizations User Guide, "AWS Organizations and service-linked roles".
  {
    principal: 'organizations.amazonaws.com',
    roleName: 'AWSServiceRoleForOrganizations',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy',
  },
  // AWS Config Developer Guide, "Using service-linked roles for AWS Config" (conformance packs and rules
  // across the organization).
  {
    principal: 'config-multiaccountsetup.amazonaws.com',
    roleName: 'AWSServiceRoleForConfigMultiAccountSetup',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSConfigMultiAccountSetupPolicy',
  },
]

export const serviceLinkedRoleFor = (principal: string): ServiceLinkedRoleSpec | undefined =>
  SERVICE_LINKED_ROLES.find((s) => s.principal === principal)

export const serviceLinkedRoleNamed = (roleName: string): ServiceLinkedRoleSpec | undefined =>
  SERVICE_LINKED_ROLES.find((s) => s.roleName === roleName)

/** The role as its service creates it: at its service's path, trusted by that service, with its policy. */
export function putServiceLinkedRole(
  world: World,
  account: string,
  spec: ServiceLinkedRoleSpec,
  description?: string,
): Role {
  return putRole(world, {
    account,
    name: spec.roleName,
    path: `/aws-service-role/${spec.principal}/`,
    trustPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: spec.principal }, Action: 'sts:AssumeRole' }],
    }),
    ...(description !== undefined ? { description } : {}),
    attached: [spec.policyArn],
    serviceLinked: true,
  })
}
