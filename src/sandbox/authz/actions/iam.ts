// AWS IAM (prefix `iam`). Source: Service Authorization Reference, "Actions, resources, and condition keys
// for AWS Identity and Access Management (IAM)": the organization-features actions, GetAccountSummary and
// ListRoles have no resource type (evaluated against `*`); the role actions take resource type role,
// `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`, with `aws:ResourceTag/…` (resourceKeys),
// `aws:RequestTag/…` / `aws:TagKeys` on CreateRole / TagRole / UntagRole, `iam:PolicyARN` on
// Attach/DetachRolePolicy, `iam:PermissionsBoundary` on the actions that change a role's permissions, and
// `iam:AWSServiceName` on CreateServiceLinkedRole.
import type { ContextValue } from '../../../policy/types.ts'
import { serviceLinkedRoleFor } from '../../services/iam-roles/service-linked.ts'
import { findRole, roleArn } from '../../services/iam-roles/store.ts'
import type { ActionEntry, ActionInput, ActionScope, ActionTable } from '../types.ts'
import { key, requestTags, tagKeys, text, texts } from './helpers.ts'

const plain = (action: string) => ({ action: `iam:${action}` })

/** The role the request names, with its path when the role exists (else at `/`). */
function roleResource(input: ActionInput, scope: ActionScope): string[] {
  const name = text(input, 'RoleName')
  if (!name) return ['*']
  return [findRole(scope.world, scope.account, name)?.arn ?? roleArn(scope.account, '/', name)]
}

/** `iam:PermissionsBoundary`: the boundary the request sets, else the role's current one. */
function boundaryKey(input: ActionInput, scope: ActionScope): Record<string, ContextValue> {
  const name = text(input, 'RoleName')
  const current = name ? findRole(scope.world, scope.account, name)?.boundary : undefined
  return key('iam:PermissionsBoundary', text(input, 'PermissionsBoundary') ?? current)
}

const onRole = (action: string, context?: ActionEntry['context']): ActionEntry => ({
  action: `iam:${action}`,
  resources: roleResource,
  ...(context ? { context } : {}),
})

export const iamActions: ActionTable = {
  ListOrganizationsFeatures: plain('ListOrganizationsFeatures'),
  EnableOrganizationsRootCredentialsManagement: plain('EnableOrganizationsRootCredentialsManagement'),
  DisableOrganizationsRootCredentialsManagement: plain('DisableOrganizationsRootCredentialsManagement'),
  EnableOrganizationsRootSessions: plain('EnableOrganizationsRootSessions'),
  DisableOrganizationsRootSessions: plain('DisableOrganizationsRootSessions'),
  GetAccountSummary: plain('GetAccountSummary'),
  ListRoles: plain('ListRoles'),
  CreateRole: {
    action: 'iam:CreateRole',
    resources: (input, scope) => {
      const name = text(input, 'RoleName')
      return name ? [roleArn(scope.account, text(input, 'Path') ?? '/', name)] : ['*']
    },
    context: (input, scope) => ({ ...requestTags(input.Tags), ...boundaryKey(input, scope) }),
  },
  GetRole: onRole('GetRole'),
  DeleteRole: onRole('DeleteRole', boundaryKey),
  UpdateAssumeRolePolicy: onRole('UpdateAssumeRolePolicy'),
  UpdateRole: onRole('UpdateRole'),
  UpdateRoleDescription: onRole('UpdateRoleDescription'),
  PutRolePolicy: onRole('PutRolePolicy', boundaryKey),
  GetRolePolicy: onRole('GetRolePolicy'),
  DeleteRolePolicy: onRole('DeleteRolePolicy', boundaryKey),
  ListRolePolicies: onRole('ListRolePolicies'),
  AttachRolePolicy: onRole('AttachRolePolicy', (input, scope) => ({
    ...key('iam:PolicyARN', text(input, 'PolicyArn')),
    ...boundaryKey(input, scope),
  })),
  DetachRolePolicy: onRole('DetachRolePolicy', (input, scope) => ({
    ...key('iam:PolicyARN', text(input, 'PolicyArn')),
    ...boundaryKey(input, scope),
  })),
  ListAttachedRolePolicies: onRole('ListAttachedRolePolicies'),
  PutRolePermissionsBoundary: onRole('PutRolePermissionsBoundary', boundaryKey),
  DeleteRolePermissionsBoundary: onRole('DeleteRolePermissionsBoundary', boundaryKey),
  TagRole: onRole('TagRole', (input) => requestTags(input.Tags)),
  UntagRole: onRole('UntagRole', (input) => tagKeys(texts(input, 'TagKeys'))),
  CreateServiceLinkedRole: {
    action: 'iam:CreateServiceLinkedRole',
    resources: (input, scope) => {
      const service = text(input, 'AWSServiceName')
      const spec = service ? serviceLinkedRoleFor(service) : undefined
      return spec ? [roleArn(scope.account, `/aws-service-role/${spec.principal}/`, spec.roleName)] : ['*']
    },
    context: (input) => key('iam:AWSServiceName', text(input, 'AWSServiceName')),
  },
}
