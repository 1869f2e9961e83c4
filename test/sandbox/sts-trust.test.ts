// STS AssumeRole judged as AWS judges it: root may not assume roles, the role must exist, its trust policy must
// allow the caller (even within one account), and the caller's own policies — identity, boundary, session —
// must allow sts:AssumeRole unless a same-account trust names the caller itself.
import { GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { principalPolicies } from '../../src/sandbox/authz/principal-policies.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { findRole, removeRole } from '../../src/sandbox/services/iam-roles/store.ts'
import { sessions } from '../../src/sandbox/services/sts.ts'
import { actAs, asRoot, type ClientConfig, failure, management } from './helpers.ts'

let sandbox: Sandbox

const MGMT = '111111111111'
const MEMBER = '555555555555'
const OTHER = '666666666666'

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements })
const allowAssume = (resource: string) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource })
const trusting = (principal: object, extra: object = {}) =>
  doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra })

const assume = (config: ClientConfig, roleArn: string, extra: { Policy?: string } = {}) =>
  new STSClient(config).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'trust-test', ...extra }),
  )

const deniedMessage = (caller: string, role: string) =>
  `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}`

test.before(async () => {
  sandbox = await startSandbox()
})
test.after(() => sandbox.close())

test('the root user cannot assume a role: AccessDenied 403 "Roles may not be assumed by root accounts."', async () => {
  const error = await failure(
    assume(asRoot(sandbox), `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`),
  )
  assert.is(error.name, 'AccessDenied')
  assert.is(error.status, 403)
  assert.is(error.message, 'Roles may not be assumed by root accounts.')
})

test('a role that does not exist is AccessDenied with AWS’s message, as a trust refusal is', async () => {
  const role = `arn:aws:iam::${MEMBER}:role/NoSuchRole`
  const error = await failure(assume(management(sandbox), role))
  assert.is(error.name, 'AccessDenied')
  assert.is(error.message, deniedMessage(`arn:aws:sts::${MGMT}:assumed-role/org-baseline/sandbox`, role))
})

test('the role ARN must carry the role’s path', async () => {
  sandbox.control('iam', 'put-role', { account: MEMBER, name: 'Pathed', path: '/ops/' })
  const error = await failure(assume(management(sandbox), `arn:aws:iam::${MEMBER}:role/Pathed`))
  assert.is(error.name, 'AccessDenied')
  const ok = await assume(management(sandbox), `arn:aws:iam::${MEMBER}:role/ops/Pathed`)
  assert.is(ok.AssumedRoleUser?.Arn, `arn:aws:sts::${MEMBER}:assumed-role/Pathed/trust-test`)
})

test('cross-account: the caller’s identity policies must allow sts:AssumeRole on the role, resources included', async () => {
  sandbox.control('iam', 'put-role', {
    account: MGMT,
    name: 'Narrow',
    policies: { only: doc(allowAssume(`arn:aws:iam::*:role/OrganizationAccountAccessRole`)) },
  })
  // The member access roles trust the management account (its root), which delegates to identity policies.
  const narrow = actAs(sandbox, MGMT, 'Narrow')
  const ok = await assume(narrow, `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`)
  assert.ok(ok.Credentials?.SessionToken)
  sandbox.control('iam', 'put-role', { account: MEMBER, name: 'Other' })
  const role = `arn:aws:iam::${MEMBER}:role/Other`
  const error = await failure(assume(narrow, role))
  assert.is(error.name, 'AccessDenied')
  // AWS's newer messages add "because no identity-based policy allows the sts:AssumeRole action".
  assert.match(error.message, deniedMessage(`arn:aws:sts::${MGMT}:assumed-role/Narrow/sandbox-test`, role))
})

test('cross-account: the trust policy must allow — an identity policy allowing everything does not suffice', async () => {
  sandbox.control('iam', 'put-role', {
    account: OTHER,
    name: 'TrustsMemberOnly',
    trustPolicy: trusting({ AWS: `arn:aws:iam::${MEMBER}:root` }),
  })
  const error = await failure(assume(management(sandbox), `arn:aws:iam::${OTHER}:role/TrustsMemberOnly`))
  assert.is(error.name, 'AccessDenied')
  const member = actAs(sandbox, MEMBER, 'OrganizationAccountAccessRole')
  assert.ok((await assume(member, `arn:aws:iam::${OTHER}:role/TrustsMemberOnly`)).Credentials)
})

test('same account: a trust naming the caller’s role suffices without an identity policy; naming the account does not', async () => {
  sandbox.control('iam', 'put-role', { account: MEMBER, name: 'Caller', policies: {} })
  sandbox.control('iam', 'put-role', {
    account: MEMBER,
    name: 'NamesRole',
    trustPolicy: trusting({ AWS: `arn:aws:iam::${MEMBER}:role/Caller` }),
  })
  sandbox.control('iam', 'put-role', {
    account: MEMBER,
    name: 'NamesAccount',
    trustPolicy: trusting({ AWS: MEMBER }),
  })
  const caller = actAs(sandbox, MEMBER, 'Caller')
  assert.ok((await assume(caller, `arn:aws:iam::${MEMBER}:role/NamesRole`)).Credentials)
  const error = await failure(assume(caller, `arn:aws:iam::${MEMBER}:role/NamesAccount`))
  assert.is(error.name, 'AccessDenied')
})

test('a trust policy’s conditions and explicit denies are evaluated', async () => {
  sandbox.control('iam', 'put-role', {
    account: OTHER,
    name: 'OrgOnly',
    trustPolicy: trusting(
      { AWS: '*' },
      { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-sandbox0001' } } },
    ),
  })
  assert.ok((await assume(management(sandbox), `arn:aws:iam::${OTHER}:role/OrgOnly`)).Credentials)
  sandbox.control('iam', 'put-role', {
    account: OTHER,
    name: 'DeniesOrgBaseline',
    trustPolicy: doc(
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'sts:AssumeRole' },
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${MGMT}:role/org-baseline` } },
      },
    ),
  })
  const error = await failure(assume(management(sandbox), `arn:aws:iam::${OTHER}:role/DeniesOrgBaseline`))
  assert.is(error.name, 'AccessDenied')
})

test('a permissions boundary without sts:AssumeRole stops the caller', async () => {
  sandbox.control('iam', 'put-policy', {
    account: MGMT,
    name: 'read-only-boundary',
    document: doc({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }),
  })
  sandbox.control('iam', 'put-role', {
    account: MGMT,
    name: 'Bounded',
    managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    boundary: `arn:aws:iam::${MGMT}:policy/read-only-boundary`,
  })
  const error = await failure(
    assume(actAs(sandbox, MGMT, 'Bounded'), `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`),
  )
  assert.is(error.name, 'AccessDenied')
})

test('session policies are recorded for the session and narrow it: the session may not assume further', async () => {
  const policy = JSON.stringify(doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }))
  const { Credentials } = await assume(
    management(sandbox),
    `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
    { Policy: policy },
  )
  const config: ClientConfig = {
    ...management(sandbox),
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    },
  }
  const session = sessions(sandbox.world).get(config.credentials.accessKeyId)
  assert.ok(session)
  const policies = principalPolicies(sandbox.world, session)
  assert.equal(
    policies.session?.map((p) => p.document),
    [policy],
  )
  assert.equal(
    policies.identity?.map((p) => p.name),
    ['arn:aws:iam::aws:policy/AdministratorAccess'],
  )
  const error = await failure(assume(config, `arn:aws:iam::${OTHER}:role/OrgOnly`))
  assert.is(error.name, 'AccessDenied')
})

test('every later call of the session is judged by the role’s policies and the session policy together', async () => {
  const policy = JSON.stringify(doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }))
  const { Credentials } = await assume(
    management(sandbox),
    `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
    { Policy: policy },
  )
  const iam = new IAMClient({
    ...management(sandbox),
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    },
  })
  assert.ok((await iam.send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }))).Role)
  const denied = await failure(iam.send(new ListRolesCommand({})))
  assert.is(denied.name, 'AccessDenied')
  assert.is(denied.status, 403)
  // The role's own policy narrows too: with only iam:ListRoles left, GetRole is refused.
  sandbox.control('iam', 'put-role', {
    account: MEMBER,
    name: 'ListOnly',
    policies: { list: doc({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }) },
  })
  const listOnly = new IAMClient(actAs(sandbox, MEMBER, 'ListOnly'))
  assert.ok((await listOnly.send(new ListRolesCommand({}))).Roles)
  assert.is((await failure(listOnly.send(new GetRoleCommand({ RoleName: 'ListOnly' })))).name, 'AccessDenied')
})

test('a malformed session policy is MalformedPolicyDocument 400', async () => {
  const error = await failure(
    assume(management(sandbox), `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, { Policy: '{' }),
  )
  assert.is(error.name, 'MalformedPolicyDocumentException')
  assert.is(error.status, 400)
})

test('principalPolicies: root has none (every permission in its account); a deleted role’s session has none that allow', async () => {
  const root = sessions(sandbox.world).get(sandbox.rootCredentials.accessKeyId)
  assert.ok(root)
  assert.equal(principalPolicies(sandbox.world, root), {})
  sandbox.control('iam', 'put-role', {
    account: MEMBER,
    name: 'Doomed',
    managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  })
  const doomed = actAs(sandbox, MEMBER, 'Doomed')
  const session = sessions(sandbox.world).get(doomed.credentials.accessKeyId)
  assert.ok(session)
  assert.is(principalPolicies(sandbox.world, session).identity?.length, 1)
  // Deleted through the store (as IAM DeleteRole does).
  const role = findRole(sandbox.world, MEMBER, 'Doomed')
  assert.ok(role)
  removeRole(sandbox.world, role)
  assert.equal(principalPolicies(sandbox.world, session), { identity: [] })
})

test('removing an account’s access role (control removeAccessRole) removes the role; AssumeRole is then denied', async () => {
  sandbox.control('sandbox', 'removeAccessRole', { accountId: OTHER, role: 'OrganizationAccountAccessRole' })
  const error = await failure(
    assume(management(sandbox), `arn:aws:iam::${OTHER}:role/OrganizationAccountAccessRole`),
  )
  assert.is(error.name, 'AccessDenied')
  const identity = await new STSClient(actAs(sandbox, MEMBER, 'OrganizationAccountAccessRole')).send(
    new GetCallerIdentityCommand({}),
  )
  assert.is(identity.Arn, `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/sandbox-test`)
})

test.run()
