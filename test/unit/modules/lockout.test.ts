import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PolicyDocument } from '../../../src/config/policy-document.ts'
import { lockoutProblems, protectedRoles } from '../../../src/modules/scp/lockout.ts'

const test = suite('SCP lockout guard')
const roles = protectedRoles({
  memberRoleName: 'org-baseline-member',
  bootstrapRoleName: 'OrganizationAccountAccessRole',
  breakGlassRoles: ['BreakGlass'],
})
const doc = (statement: Record<string, unknown>): PolicyDocument =>
  ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Resource: '*', ...statement }] }) as PolicyDocument

const cases: { reason: string; statement: Record<string, unknown>; locked: string[] }[] = [
  {
    reason: 'deny-member-root only matches root principals',
    statement: {
      Action: '*',
      Condition: {
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' },
        Null: { 'aws:AssumedRoot': 'true' },
      },
    },
    locked: [],
  },
  {
    reason: 'denying leaving the organization takes nothing the roles need',
    statement: { Action: 'organizations:LeaveOrganization' },
    locked: [],
  },
  {
    reason: 'a blanket iam:* deny locks out the break-glass role',
    statement: { Action: 'iam:*' },
    locked: ['BreakGlass', 'org-baseline-member', 'OrganizationAccountAccessRole', 'stacksets-exec-*'],
  },
  {
    reason: 'an ArnNotLike exception for every protected role makes it safe',
    statement: {
      Action: 'guardduty:*',
      Condition: {
        ArnNotLike: {
          'aws:PrincipalArn': [
            'arn:aws:iam::*:role/org-baseline-member',
            'arn:aws:iam::*:role/stacksets-exec-*',
            'arn:aws:iam::*:role/BreakGlass',
            'arn:aws:iam::*:role/OrganizationAccountAccessRole',
          ],
        },
      },
    },
    locked: [],
  },
  {
    reason: 'NotAction that leaves out what the roles need is safe',
    statement: {
      NotAction: [
        'guardduty:*',
        'securityhub:*',
        'config:*',
        'cloudtrail:*',
        'cloudformation:*',
        'events:*',
        'sns:*',
        'iam:*',
        'sts:*',
      ],
    },
    locked: [],
  },
  {
    reason: 'a condition the guard cannot evaluate counts as denying',
    statement: {
      Action: 'cloudtrail:StopLogging',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } },
    },
    locked: ['BreakGlass', 'stacksets-exec-*'],
  },
  {
    reason: 'a region deny that allows every target region is safe',
    statement: {
      Action: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
    },
    locked: [],
  },
]

for (const c of cases) {
  test(c.reason, () => {
    const problems = lockoutProblems('p', doc(c.statement), roles, ['us-east-1', 'eu-west-1'])
    const locked = roles.filter((r) => problems.some((p) => p.includes(`(${r.name})`))).map((r) => r.name)
    assert.equal(locked.sort(), [...c.locked].sort())
  })
}

test('a region deny that blocks a target region locks the roles out there', () => {
  const problems = lockoutProblems(
    'p',
    doc({ Action: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } }),
    roles,
    ['us-east-1', 'eu-west-1'],
  )
  assert.ok(problems.length > 0)
  assert.match(problems[0] ?? '', 'ArnNotLike')
})

test.run()
