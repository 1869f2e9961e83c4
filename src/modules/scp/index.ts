// Module `scp`: the root-user, leave-organization and baseline-protection SCPs (and any the config adds).
import type { Module } from '../../engine/module.ts'
import { applyScpChange } from './apply.ts'
import { diffScps, scpNotes } from './diff.ts'
import { observeScps } from './observe.ts'
import type { ScpObserved } from './observed.ts'

export const scp: Module<ScpObserved> = {
  name: 'scp',
  permissions: {
    management: [
      'organizations:ListPolicies',
      'organizations:ListTagsForResource',
      'organizations:DescribePolicy',
      'organizations:ListTargetsForPolicy',
      'organizations:ListPoliciesForTarget',
      'organizations:ListRoots',
      'organizations:EnablePolicyType',
      'organizations:CreatePolicy',
      'organizations:UpdatePolicy',
      'organizations:DeletePolicy',
      'organizations:AttachPolicy',
      'organizations:DetachPolicy',
      'organizations:TagResource',
    ],
    member: [],
  },
  enabled: (desired) => desired.scps.length > 0,
  observe: (ctx) => observeScps(ctx.aws, ctx.desired),
  diff: diffScps,
  notes: (desired) => scpNotes(desired),
  apply: applyScpChange,
}
