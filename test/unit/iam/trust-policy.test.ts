// The trust policies iam-policy --trust prints, judged by the evaluator the sandbox uses (src/policy): who may
// assume the tool role and the member role, and who may not.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memberTrustPolicy, toolTrustPolicy } from '../../../src/iam/trust-policy.ts'
import { evaluatePolicy } from '../../../src/policy/index.ts'
import type { ContextValue, Principal } from '../../../src/policy/types.ts'

const test = suite('iam trust policies')
const MGMT = '111111111111'
const ORG = 'o-abcdefghij'
const ids = { accountId: MGMT, organizationId: ORG }

const role = (account: string, name: string): Principal => ({
  type: 'AWS',
  arn: `arn:aws:sts::${account}:assumed-role/${name}/session`,
  account,
})

function allowed(trust: object, principal: Principal, context: Record<string, ContextValue>): boolean {
  const request = {
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${MGMT}:role/org-baseline`,
    principal,
    context,
  }
  return evaluatePolicy({ name: 'trust', document: trust as never }, request).effect === 'Allow'
}

const roleKeys = (account: string, path: string, org = ORG) => ({
  'aws:PrincipalArn': `arn:aws:iam::${account}:role/${path}`,
  'aws:PrincipalAccount': account,
  'aws:PrincipalOrgID': org,
})

const SSO = 'aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OrgBaselineOperator_0123456789abcdef'
const codebuild: Principal = { type: 'Service', service: 'codebuild.amazonaws.com' }
const project = (account: string, name: string) => ({
  'aws:SourceAccount': account,
  'aws:SourceArn': `arn:aws:codebuild:eu-west-1:${account}:project/${name}`,
})

const CASES: {
  why: string
  trust: object
  principal: Principal
  context: Record<string, ContextValue>
  ok: boolean
}[] = [
  {
    why: 'member role: the tool role of the management account, in the organization',
    trust: memberTrustPolicy('org-baseline', ids),
    principal: role(MGMT, 'org-baseline'),
    context: roleKeys(MGMT, 'org-baseline'),
    ok: true,
  },
  {
    why: 'member role: another role of the management account is refused',
    trust: memberTrustPolicy('org-baseline', ids),
    principal: role(MGMT, 'Admin'),
    context: roleKeys(MGMT, 'Admin'),
    ok: false,
  },
  {
    why: 'member role: a role named org-baseline in a member account is refused',
    trust: memberTrustPolicy('org-baseline', ids),
    principal: role('222222222222', 'org-baseline'),
    context: roleKeys('222222222222', 'org-baseline'),
    ok: false,
  },
  {
    why: 'member role: the same ARN outside the organization is refused (aws:PrincipalOrgID)',
    trust: memberTrustPolicy('org-baseline', ids),
    principal: role(MGMT, 'org-baseline'),
    context: roleKeys(MGMT, 'org-baseline', 'o-otherorgid0'),
    ok: false,
  },
  {
    why: 'sso: the permission set’s reserved role in the management account',
    trust: toolTrustPolicy('sso', ids),
    principal: role(MGMT, 'AWSReservedSSO_OrgBaselineOperator_0123456789abcdef'),
    context: roleKeys(MGMT, SSO),
    ok: true,
  },
  {
    why: 'sso: another permission set is refused',
    trust: toolTrustPolicy('sso', ids),
    principal: role(MGMT, 'AWSReservedSSO_ReadOnly_0123456789abcdef'),
    context: roleKeys(MGMT, 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef'),
    ok: false,
  },
  {
    why: 'codebuild: the reconcile project of the management account',
    trust: toolTrustPolicy('codebuild', ids),
    principal: codebuild,
    context: project(MGMT, 'org-baseline-reconcile'),
    ok: true,
  },
  {
    why: 'codebuild: a project of another account is refused (confused deputy)',
    trust: toolTrustPolicy('codebuild', ids),
    principal: codebuild,
    context: project('999999999999', 'org-baseline-reconcile'),
    ok: false,
  },
  {
    why: 'codebuild: another project of the account is refused',
    trust: toolTrustPolicy('codebuild', ids),
    principal: codebuild,
    context: project(MGMT, 'anything-else'),
    ok: false,
  },
]

for (const c of CASES) {
  test(c.why, () => assert.is(allowed(c.trust, c.principal, c.context), c.ok))
}

test('github-oidc: pinned to the repository and branch (or environment), audience sts.amazonaws.com', () => {
  const branch = toolTrustPolicy('github-oidc', { ...ids, repo: 'acme/baseline' }).Statement[0]
  assert.equal(branch?.Principal, {
    Federated: `arn:aws:iam::${MGMT}:oidc-provider/token.actions.githubusercontent.com`,
  })
  assert.is(branch?.Action, 'sts:AssumeRoleWithWebIdentity')
  assert.equal(branch?.Condition, {
    StringEquals: {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:acme/baseline:ref:refs/heads/main',
    },
  })
  const env = toolTrustPolicy('github-oidc', { repo: 'acme/baseline', environment: 'prod' }).Statement[0]
  assert.is(
    env?.Condition.StringEquals?.['token.actions.githubusercontent.com:sub'],
    'repo:acme/baseline:environment:prod',
  )
  assert.throws(() => toolTrustPolicy('github-oidc', {}), /--repo owner\/name/)
})

test.run()
