// Module `scp`: the root-user, leave-organization and baseline-protection SCPs (and any the config adds).
import type { Module } from '../../engine/module.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'
import { applyScpChange } from './apply.ts'
import { diffScps, scpNotes } from './diff.ts'
import { observeScps } from './observe.ts'
import type { ScpObserved } from './observed.ts'

const SCP_TYPE = { StringEquals: { 'organizations:PolicyType': 'SERVICE_CONTROL_POLICY' } }

export const scp: Module<ScpObserved> = {
  name: 'scp',
  permissions: {
    management: [
      grant(['organizations:ListPolicies'], () => ['*'], SCP_TYPE),
      'organizations:ListRoots',
      // Reading every SCP: ownership is decided from the tags read here.
      grant(
        [
          'organizations:ListTagsForResource',
          'organizations:DescribePolicy',
          'organizations:ListTargetsForPolicy',
        ],
        () => [arn.scps(), arn.awsScps()],
      ),
      grant(['organizations:ListPoliciesForTarget'], () => arn.orgTargets(), SCP_TYPE),
      grant(['organizations:EnablePolicyType'], () => [arn.orgRoots()], SCP_TYPE),
      // Created with the ownership tag, and only SCPs.
      grant(['organizations:CreatePolicy'], () => ['*'], {
        StringEquals: { ...SCP_TYPE.StringEquals, 'aws:RequestTag/org-baseline:managed': 'true' },
      }),
      // Writes reach only the SCPs the tool owns (tag org-baseline:managed=true)…
      grant(
        [
          'organizations:UpdatePolicy',
          'organizations:DeletePolicy',
          'organizations:AttachPolicy',
          'organizations:DetachPolicy',
          'organizations:TagResource',
        ],
        () => [arn.scps()],
        { StringEquals: { 'aws:ResourceTag/org-baseline:managed': 'true' } },
      ),
      // …on the organization's roots, OUs and accounts (Attach/Detach are judged on the target as well).
      grant(['organizations:AttachPolicy', 'organizations:DetachPolicy'], () => arn.orgTargets()),
    ],
    member: [],
  },
  enabled: (desired) => desired.scps.length > 0,
  observe: (ctx) => observeScps(ctx.aws, ctx.desired),
  diff: diffScps,
  notes: (desired) => scpNotes(desired),
  apply: applyScpChange,
}
