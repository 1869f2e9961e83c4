// What the org-policies modules call, per policy type: the SCP module's grants with the type's own policy
// ARNs (Service Authorization Reference, AWS Organizations: policy `…:policy/o-*/<type>/p-*`, awspolicy
// `…::aws:policy/<type>/*`) and the organizations:PolicyType condition.
import type { PolicyType } from '@aws-sdk/client-organizations'
import type { Permissions } from '../../engine/module.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'

export function policyTypePermissions(type: PolicyType): Permissions {
  const ofType = { StringEquals: { 'organizations:PolicyType': type } }
  const policies = () => [`arn:aws:organizations::${arn.SELF}:policy/${arn.ORG_ID}/${type.toLowerCase()}/p-*`]
  return {
    management: [
      grant(['organizations:ListPolicies'], () => ['*'], ofType),
      'organizations:ListRoots',
      grant(
        [
          'organizations:ListTagsForResource',
          'organizations:DescribePolicy',
          'organizations:ListTargetsForPolicy',
        ],
        () => [...policies(), `arn:aws:organizations::aws:policy/${type.toLowerCase()}/*`],
      ),
      grant(['organizations:ListPoliciesForTarget'], () => arn.orgTargets(), ofType),
      grant(['organizations:EnablePolicyType'], () => [arn.orgRoots()], ofType),
      grant(['organizations:CreatePolicy'], () => ['*'], {
        StringEquals: { ...ofType.StringEquals, 'aws:RequestTag/org-baseline:managed': 'true' },
      }),
      grant(
        [
          'organizations:UpdatePolicy',
          'organizations:DeletePolicy',
          'organizations:AttachPolicy',
          'organizations:DetachPolicy',
          'organizations:TagResource',
        ],
        policies,
        { StringEquals: { 'aws:ResourceTag/org-baseline:managed': 'true' } },
      ),
      grant(['organizations:AttachPolicy', 'organizations:DetachPolicy'], () => arn.orgTargets()),
    ],
    member: [],
  }
}
