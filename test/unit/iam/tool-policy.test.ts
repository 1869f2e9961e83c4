// The generated policies: every action left on `Resource: "*"` is in the documented allow-list (it supports no
// resource type, or creates its resource), no allow-list entry is stale, and every module's declared action
// reaches the policy.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ORG_ID, SELF } from '../../../src/iam/arns.ts'
import { actionsOf } from '../../../src/iam/grant.ts'
import { STAR_ACTIONS } from '../../../src/iam/star-actions.ts'
import { buildPolicy, permissionsFor, toolActions } from '../../../src/iam/tool-policy.ts'
import { MODULES } from '../../../src/modules/index.ts'

const test = suite('iam tool policy')
const ROLES = ['tool', 'member'] as const

const policyOf = (role: (typeof ROLES)[number]) =>
  buildPolicy(toolActions(MODULES, undefined, role), 'org-baseline-member', role)

const onStar = (role: (typeof ROLES)[number]) =>
  policyOf(role)
    .Statement.filter((s) => [s.Resource].flat().includes('*'))
    .flatMap((s) => s.Action)

for (const role of ROLES) {
  test(`${role}: every action on Resource "*" is in the allow-list with its reason`, () => {
    const unexplained = onStar(role).filter((a) => !STAR_ACTIONS[a])
    assert.equal(unexplained, [], 'actions granted on * that support resource-level permissions')
  })

  test(`${role}: every declared action is granted`, () => {
    const granted = new Set(policyOf(role).Statement.flatMap((s) => s.Action))
    const declared = permissionsFor(MODULES, role).flatMap(actionsOf)
    assert.equal(
      declared.filter((a) => !granted.has(a)),
      [],
    )
  })
}

test('the allow-list names only actions the policies grant on *', () => {
  const used = new Set([...onStar('tool'), ...onStar('member')])
  assert.equal(
    Object.keys(STAR_ACTIONS).filter((a) => !used.has(a)),
    [],
    'stale entries',
  )
})

test('each allow-list entry gives a reason', () => {
  for (const [action, why] of Object.entries(STAR_ACTIONS)) assert.ok(why.length > 10, action)
})

// Statements the review asked for, each with where it comes from.
const STATEMENTS: {
  why: string
  role: (typeof ROLES)[number]
  action: string
  resource: string
  condition?: string
}[] = [
  {
    why: 'sts:AssumeRole only to the member role, inside the organization',
    role: 'tool',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::*:role/org-baseline-member',
    condition: `{"StringEquals":{"aws:ResourceOrgID":"${ORG_ID}"}}`,
  },
  {
    why: 'iam:PassRole only for AWS Config’s service-linked role, only to Config',
    role: 'tool',
    action: 'iam:PassRole',
    resource: `arn:aws:iam::${SELF}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    condition: '{"StringEquals":{"iam:PassedToService":"config.amazonaws.com"}}',
  },
  {
    why: 'SCP writes reach only the SCPs the tool owns (Organizations supports aws:ResourceTag on policies)',
    role: 'tool',
    action: 'organizations:DeletePolicy',
    resource: `arn:aws:organizations::${SELF}:policy/${ORG_ID}/service_control_policy/p-*`,
    condition: '{"StringEquals":{"aws:ResourceTag/org-baseline:managed":"true"}}',
  },
  {
    why: 'CreatePolicy has no resource: the request must carry the ownership tag and be an SCP',
    role: 'tool',
    action: 'organizations:CreatePolicy',
    resource: '*',
    condition:
      '{"StringEquals":{"organizations:PolicyType":"SERVICE_CONTROL_POLICY","aws:RequestTag/org-baseline:managed":"true"}}',
  },
  {
    why: 'stacks by the catalogue’s names org-baseline-<template>',
    role: 'tool',
    action: 'cloudformation:DeleteStack',
    resource: `arn:aws:cloudformation:*:${SELF}:stack/org-baseline-*/*`,
  },
  {
    why: 'a delegated administrator’s stack sets live in the management account',
    role: 'member',
    action: 'cloudformation:CreateStackSet',
    resource: 'arn:aws:cloudformation:*:*:stackset/org-baseline-*:*',
  },
]

for (const c of STATEMENTS) {
  test(c.why, () => {
    const found = policyOf(c.role).Statement.filter((s) => s.Action.includes(c.action))
    assert.ok(
      found.some(
        (s) =>
          [s.Resource].flat().includes(c.resource) &&
          JSON.stringify(s.Condition ?? null) === (c.condition ?? 'null'),
      ),
      JSON.stringify(found),
    )
  })
}

test('buildPolicy keeps its call shape: (actions, memberRoleName, role)', () => {
  const policy = buildPolicy(['sts:AssumeRole', 'iam:GetAccountSummary'], 'X', 'tool')
  assert.equal(policy.Statement.flatMap((s) => s.Action).sort(), ['iam:GetAccountSummary', 'sts:AssumeRole'])
})

test.run()
