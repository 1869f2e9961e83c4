// AWS STS (prefix `sts`). Source: Service Authorization Reference, "Actions, resources, and condition keys
// for AWS Security Token Service" (AssumeRole: resource type role, `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`;
// condition key sts:RoleSessionName). GetCallerIdentity needs no permission: "No permissions are required to
// perform this operation. If an administrator attaches a policy to your identity that explicitly denies
// access to the sts:GetCallerIdentity action, you can still perform this operation" (STS API reference,
// GetCallerIdentity) — so it is not authorized at all.
import { roleByArn } from '../../services/iam-roles/store.ts'
import type { ActionTable } from '../types.ts'
import { key, requestTags, text } from './helpers.ts'

export const stsActions: ActionTable = {
  AssumeRole: {
    action: 'sts:AssumeRole',
    resources: (input) => [text(input, 'RoleArn') ?? '*'],
    context: (input) => ({
      ...key('sts:RoleSessionName', text(input, 'RoleSessionName')),
      ...requestTags(input.Tags),
    }),
    // The role's trust policy takes part: it must allow, and a same-account trust naming the caller itself
    // needs no identity policy (README, "STS"); STS AssumeRole judges the same way.
    resourcePolicy: (input, scope) => {
      const role = roleByArn(scope.world, text(input, 'RoleArn') ?? '')
      return (
        role && {
          policies: [{ name: `${role.name} trust policy`, document: role.trustPolicy }],
          mustAllow: true,
        }
      )
    },
  },
  GetCallerIdentity: [],
}
