// biome-ignore-all lint/suspicious/noTemplateCurlyInString: SCP placeholders and IAM policy variables use ${…}
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { BUILTIN_SCP_DIR } from '../../../src/config/package-paths.ts'
import { policyProblems } from '../../../src/config/policy-document.ts'
import { BUILTIN_SCPS } from '../../../src/config/schema.ts'
import { SCP_MAX_CHARACTERS, substitutePlaceholders } from '../../../src/config/scps.ts'

function shipped(name: string): unknown {
  return JSON.parse(readFileSync(join(BUILTIN_SCP_DIR, `${name}.json`), 'utf8'))
}

const manyRoles = {
  ToolRoleName: 'org-baseline',
  MemberRoleName: 'org-baseline-member',
  BootstrapRoleName: 'OrganizationAccountAccessRole',
  BreakGlassRoleName: Array.from({ length: 10 }, (_, i) => `BreakGlassAdministratorRole${i}`),
}

for (const name of BUILTIN_SCPS) {
  test(`shipped SCP ${name} is a well-formed policy document`, () => {
    assert.equal(policyProblems(shipped(name)), [])
  })

  test(`shipped SCP ${name} fits 5,120 characters minified even with 10 long break-glass roles`, () => {
    const minified = JSON.stringify(substitutePlaceholders(shipped(name), manyRoles))
    assert.ok(minified.length <= SCP_MAX_CHARACTERS, `${name} is ${minified.length} characters`)
  })
}

test('deny-member-root is the AWS sample that exempts privileged root sessions (aws-facts §1)', () => {
  const document = shipped('deny-member-root') as { Statement: Record<string, unknown>[] }
  const [statement] = document.Statement
  assert.equal(
    { ...statement, Sid: undefined },
    {
      Sid: undefined,
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:root'] },
        Null: { 'aws:AssumedRoot': 'true' },
      },
    },
  )
})

test('protect-security-baseline exempts the member, bootstrap, StackSet execution and break-glass roles — never the tool role, which SCPs cannot reach', () => {
  const document = shipped('protect-security-baseline') as {
    Statement: { Sid: string; Effect: string; Condition: { ArnNotLike: { 'aws:PrincipalArn': string[] } } }[]
  }
  const exempt = [
    'arn:aws:iam::*:role/${MemberRoleName}',
    'arn:aws:iam::*:role/${BootstrapRoleName}',
    'arn:aws:iam::*:role/stacksets-exec-*',
    'arn:aws:iam::*:role/${BreakGlassRoleName}',
  ]
  for (const statement of document.Statement) {
    assert.is(statement.Effect, 'Deny')
    const principals = statement.Condition.ArnNotLike['aws:PrincipalArn']
    assert.not.ok(JSON.stringify(principals).includes('ToolRoleName'), statement.Sid)
    if (statement.Sid === 'ProtectExemptRoles') assert.equal(principals, exempt.slice(1))
    else assert.equal(principals, exempt)
  }
})

test('every exempt role name is protected from being created or changed (Control Tower CT.IAM.PV.1 pattern)', () => {
  const document = shipped('protect-security-baseline') as {
    Statement: { Sid: string; Action: string[]; Resource: string[] }[]
  }
  const roles = document.Statement.find((s) => s.Sid === 'ProtectExemptRoles')
  assert.ok(roles)
  assert.equal(roles.Resource, [
    'arn:aws:iam::*:role/${MemberRoleName}',
    'arn:aws:iam::*:role/${BootstrapRoleName}',
    'arn:aws:iam::*:role/stacksets-exec-*',
    'arn:aws:iam::*:role/${BreakGlassRoleName}',
  ])
  for (const action of [
    'CreateRole',
    'UpdateAssumeRolePolicy',
    'AttachRolePolicy',
    'PutRolePermissionsBoundary',
  ]) {
    assert.ok(roles.Action.includes(`iam:${action}`), action)
  }
})

test('the member and bootstrap roles are named once when they are one role', () => {
  const result = substitutePlaceholders(['role/${MemberRoleName}', 'role/${BootstrapRoleName}', 'x'], {
    ...manyRoles,
    MemberRoleName: 'OrganizationAccountAccessRole',
  })
  assert.equal(result, ['role/OrganizationAccountAccessRole', 'x'])
})

test('a break-glass element is dropped when no break-glass roles are configured', () => {
  const result = substitutePlaceholders(['a', 'role/${BreakGlassRoleName}', 'b'], {
    ...manyRoles,
    BreakGlassRoleName: [],
  })
  assert.equal(result, ['a', 'b'])
})

test('IAM policy variables such as ${aws:username} are left for IAM to evaluate', () => {
  const result = substitutePlaceholders({ Resource: 'arn:aws:iam::*:user/${aws:username}' }, manyRoles)
  assert.equal(result, { Resource: 'arn:aws:iam::*:user/${aws:username}' })
})

test('${BreakGlassRoleName} outside a list is refused, since it cannot expand to several roles', () => {
  assert.throws(
    () => substitutePlaceholders({ Role: '${BreakGlassRoleName}' }, manyRoles),
    /only appear inside a list/,
  )
})

test('a document whose Statement is an object rather than a list is refused, as the config contract requires', () => {
  const problems = policyProblems({
    Version: '2012-10-17',
    Statement: { Effect: 'Deny', Action: '*', Resource: '*' },
  })
  assert.equal(problems, ['Statement must be a list of statements'])
})

test.run()
