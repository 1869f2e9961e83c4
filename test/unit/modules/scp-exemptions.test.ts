import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PolicyDocument } from '../../../src/config/policy-document.ts'
import { substitutePlaceholders } from '../../../src/config/scps.ts'
import { exemptionNote } from '../../../src/modules/scp/exemptions.ts'

const test = suite('SCP exemption notes')
const access = {
  memberRoleName: 'OrganizationAccountAccessRole',
  bootstrapRoleName: 'OrganizationAccountAccessRole',
  breakGlassRoles: ['BreakGlassAdmin'],
}
const shipped = substitutePlaceholders(
  JSON.parse(readFileSync(new URL('../../../scps/protect-security-baseline.json', import.meta.url), 'utf8')),
  {
    ToolRoleName: 'org-baseline',
    MemberRoleName: access.memberRoleName,
    BootstrapRoleName: access.bootstrapRoleName,
    BreakGlassRoleName: access.breakGlassRoles,
  },
) as PolicyDocument

test('the shipped SCP: each exemption explained, every name protected (issue 11: the plan explains each exemption)', () => {
  const note = exemptionNote('protect-security-baseline', shipped, access)
  assert.is(note.level, 'info')
  assert.match(note.message, 'OrganizationAccountAccessRole: the role the tool acts through')
  assert.match(note.message, 'stacksets-exec-*: StackSets')
  assert.match(note.message, 'BreakGlassAdmin: a break-glass role')
  assert.match(note.message, 'Each name is protected')
})

test('an exemption whose name nobody protects is a warning naming it (CT.IAM.PV.1: protect the exempt roles)', () => {
  const document: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: 'cloudtrail:StopLogging',
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Ops' } },
      },
    ],
  } as PolicyDocument
  const note = exemptionNote('custom', document, access)
  assert.is(note.level, 'warning')
  assert.match(note.message, 'Ops: named in the policy file')
  assert.match(note.message, 'Not protected by this SCP: Ops')
})

test('an SCP without exceptions says so', () => {
  const document = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
  } as PolicyDocument
  assert.is(
    exemptionNote('deny-leave-organization', document, access).message,
    'SCP deny-leave-organization exempts no role.',
  )
})

test.run()
