// IAM roles through the real SDK: the seeded access roles, the role life cycle (create, read, change, delete),
// inline and managed policies, boundaries, tags, service-linked roles, and the errors IAM's model lists.

import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation'
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { actAs, asRoot, failure, management } from './helpers.ts'

let sandbox: Sandbox
let iam: IAMClient
let memberIam: IAMClient

const MEMBER = '555555555555'
const trust = (principal: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  })
const allow = (action: string, resource = '*') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  })

test.before(async () => {
  sandbox = await startSandbox()
  iam = new IAMClient(management(sandbox))
  memberIam = new IAMClient(actAs(sandbox, MEMBER, 'OrganizationAccountAccessRole'))
})
test.after(() => sandbox.close())

test('a member account has OrganizationAccountAccessRole: trusting the management account, AdministratorAccess attached', async () => {
  const { Role } = await memberIam.send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }))
  assert.is(Role?.Arn, `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`)
  assert.match(Role?.RoleId ?? '', /^AROA[A-Z0-9]{17}$/)
  assert.is(Role?.MaxSessionDuration, 3600)
  // IAM returns documents URL-encoded (RFC 3986).
  const document = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''))
  assert.equal(document.Statement[0].Principal, { AWS: 'arn:aws:iam::111111111111:root' })
  const attached = await memberIam.send(
    new ListAttachedRolePoliciesCommand({ RoleName: 'OrganizationAccountAccessRole' }),
  )
  assert.equal(attached.AttachedPolicies, [
    { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  ])
})

test('the management account has the role org-baseline that the default credentials are a session of', async () => {
  const { Roles } = await iam.send(new ListRolesCommand({}))
  assert.equal(
    Roles?.map((r) => r.RoleName),
    ['org-baseline'],
  )
})

test('a role’s life cycle: create, inline and managed policies, boundary, tags, update, delete', async () => {
  const name = 'Auditor'
  const created = await memberIam.send(
    new CreateRoleCommand({
      RoleName: name,
      Path: '/team/',
      AssumeRolePolicyDocument: trust(`arn:aws:iam::${MEMBER}:root`),
      Tags: [{ Key: 'owner', Value: 'security' }],
    }),
  )
  assert.is(created.Role?.Arn, `arn:aws:iam::${MEMBER}:role/team/${name}`)
  assert.equal(created.Role?.Tags, [{ Key: 'owner', Value: 'security' }])

  await memberIam.send(
    new PutRolePolicyCommand({ RoleName: name, PolicyName: 'read', PolicyDocument: allow('iam:Get*') }),
  )
  const inline = await memberIam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'read' }))
  assert.is(decodeURIComponent(inline.PolicyDocument ?? ''), allow('iam:Get*'))
  assert.equal((await memberIam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames, ['read'])

  await memberIam.send(
    new AttachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
  )
  await memberIam.send(
    new PutRolePermissionsBoundaryCommand({
      RoleName: name,
      PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    }),
  )
  await memberIam.send(
    new UpdateRoleCommand({ RoleName: name, MaxSessionDuration: 7200, Description: 'audits' }),
  )
  await memberIam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'tier', Value: '1' }] }))
  await memberIam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['owner'] }))
  await memberIam.send(
    new UpdateAssumeRolePolicyCommand({
      RoleName: name,
      PolicyDocument: trust('arn:aws:iam::111111111111:root'),
    }),
  )
  const { Role } = await memberIam.send(new GetRoleCommand({ RoleName: name.toLowerCase() }))
  assert.is(Role?.RoleName, name, 'role names are unique regardless of case')
  assert.is(Role?.MaxSessionDuration, 7200)
  assert.is(Role?.Description, 'audits')
  assert.equal(Role?.Tags, [{ Key: 'tier', Value: '1' }])
  assert.is(Role?.PermissionsBoundary?.PermissionsBoundaryArn, 'arn:aws:iam::aws:policy/ReadOnlyAccess')
  assert.match(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''), '111111111111')

  // DeleteRole API reference: policies go first.
  const attachedFirst = await failure(memberIam.send(new DeleteRoleCommand({ RoleName: name })))
  assert.is(attachedFirst.name, 'DeleteConflictException')
  assert.is(attachedFirst.status, 409)
  await memberIam.send(
    new DetachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
  )
  const inlineFirst = await failure(memberIam.send(new DeleteRoleCommand({ RoleName: name })))
  assert.is(inlineFirst.name, 'DeleteConflictException')
  await memberIam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'read' }))
  await memberIam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: name }))
  await memberIam.send(new DeleteRoleCommand({ RoleName: name }))
  const gone = await failure(memberIam.send(new GetRoleCommand({ RoleName: name })))
  assert.is(gone.name, 'NoSuchEntityException')
  assert.is(gone.status, 404)
  assert.is(gone.message, `The role with name ${name} cannot be found.`)
})

test('ListRoles pages with Marker / MaxItems and filters by PathPrefix', async () => {
  for (const n of [1, 2, 3]) {
    await memberIam.send(
      new CreateRoleCommand({
        RoleName: `Paged${n}`,
        Path: '/paged/',
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${MEMBER}:root`),
      }),
    )
  }
  const first = await memberIam.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2 }))
  assert.equal(
    first.Roles?.map((r) => r.RoleName),
    ['Paged1', 'Paged2'],
  )
  assert.is(first.IsTruncated, true)
  const second = await memberIam.send(new ListRolesCommand({ PathPrefix: '/paged/', Marker: first.Marker }))
  assert.equal(
    second.Roles?.map((r) => r.RoleName),
    ['Paged3'],
  )
  assert.is(second.IsTruncated, false)
})

const ERRORS: {
  why: string
  call: () => Promise<unknown>
  name: string
  status: number
  message?: string
}[] = [
  {
    why: 'CreateRole of an existing name (any case) is EntityAlreadyExists 409',
    call: () =>
      memberIam.send(
        new CreateRoleCommand({
          RoleName: 'organizationaccountaccessrole',
          AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root'),
        }),
      ),
    name: 'EntityAlreadyExistsException',
    status: 409,
  },
  {
    why: 'a trust policy that is not JSON is MalformedPolicyDocument 400',
    call: () => memberIam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: '{nope' })),
    name: 'MalformedPolicyDocumentException',
    status: 400,
  },
  {
    why: 'a trust policy without a Principal is malformed (resource policies need one)',
    call: () =>
      memberIam.send(
        new CreateRoleCommand({
          RoleName: 'Bad',
          AssumeRolePolicyDocument: allow('sts:AssumeRole').replace(',"Resource":"*"', ''),
        }),
      ),
    name: 'MalformedPolicyDocumentException',
    status: 400,
  },
  {
    why: 'an identity policy naming a Principal is malformed ("Has prohibited field Principal")',
    call: () =>
      memberIam.send(
        new PutRolePolicyCommand({
          RoleName: 'OrganizationAccountAccessRole',
          PolicyName: 'p',
          PolicyDocument: trust('*'),
        }),
      ),
    name: 'MalformedPolicyDocumentException',
    status: 400,
  },
  {
    why: 'a role name outside [\\w+=,.@-]{1,64} is ValidationError (model constraint)',
    call: () =>
      memberIam.send(new CreateRoleCommand({ RoleName: 'has space', AssumeRolePolicyDocument: trust('*') })),
    name: 'ValidationError',
    status: 400,
  },
  {
    why: 'MaxSessionDuration below 3600 is ValidationError (roleMaxSessionDurationType)',
    call: () =>
      memberIam.send(
        new UpdateRoleCommand({ RoleName: 'OrganizationAccountAccessRole', MaxSessionDuration: 60 }),
      ),
    name: 'ValidationError',
    status: 400,
  },
  {
    why: 'GetRolePolicy of a missing inline policy is NoSuchEntity 404',
    call: () =>
      memberIam.send(
        new GetRolePolicyCommand({ RoleName: 'OrganizationAccountAccessRole', PolicyName: 'none' }),
      ),
    name: 'NoSuchEntityException',
    status: 404,
    message: 'The role policy with name none cannot be found.',
  },
  {
    why: 'attaching a policy IAM does not know is NoSuchEntity 404',
    call: () =>
      memberIam.send(
        new AttachRolePolicyCommand({
          RoleName: 'OrganizationAccountAccessRole',
          PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy',
        }),
      ),
    name: 'NoSuchEntityException',
    status: 404,
  },
  {
    why: 'a malformed policy ARN is InvalidInput 400',
    call: () =>
      memberIam.send(
        new AttachRolePolicyCommand({
          RoleName: 'OrganizationAccountAccessRole',
          PolicyArn: 'not-an-arn-at-all-really',
        }),
      ),
    name: 'InvalidInputException',
    status: 400,
  },
  {
    why: 'a service-role policy cannot be attached to a customer role: PolicyNotAttachable 400',
    call: () =>
      memberIam.send(
        new AttachRolePolicyCommand({
          RoleName: 'OrganizationAccountAccessRole',
          PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSConfigServiceRolePolicy',
        }),
      ),
    name: 'PolicyNotAttachableException',
    status: 400,
  },
  {
    why: 'detaching a policy that is not attached is NoSuchEntity 404',
    call: () =>
      memberIam.send(
        new DetachRolePolicyCommand({
          RoleName: 'OrganizationAccountAccessRole',
          PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
    name: 'NoSuchEntityException',
    status: 404,
  },
  {
    why: 'an unknown service principal gets no service-linked role: InvalidInput 400 (crafted text)',
    call: () =>
      memberIam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'nosuch.amazonaws.com' })),
    name: 'InvalidInputException',
    status: 400,
  },
  {
    why: 'Config takes no custom suffix (AWS: "Custom suffix is not allowed for …")',
    call: () =>
      memberIam.send(
        new CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com', CustomSuffix: 'x' }),
      ),
    name: 'InvalidInputException',
    status: 400,
    message: 'Custom suffix is not allowed for config.amazonaws.com',
  },
]

for (const c of ERRORS) {
  test(c.why, async () => {
    const error = await failure(c.call())
    assert.is(error.name, c.name)
    assert.is(error.status, c.status)
    if (c.message) assert.is(error.message, c.message)
  })
}

test('a service-linked role lives under /aws-service-role/<service>/, exists once, and only AWS may change it', async () => {
  const { Role } = await memberIam.send(
    new CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com' }),
  )
  assert.is(
    Role?.Arn,
    `arn:aws:iam::${MEMBER}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
  )
  const again = await failure(
    memberIam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com' })),
  )
  assert.is(again.name, 'InvalidInputException')
  assert.is(
    again.message,
    'Service role name AWSServiceRoleForConfig has been taken in this account, please try a different suffix.',
  )
  for (const call of [
    memberIam.send(new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForConfig' })),
    memberIam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'AWSServiceRoleForConfig', PolicyDocument: trust('*') }),
    ),
    memberIam.send(
      new PutRolePolicyCommand({
        RoleName: 'AWSServiceRoleForConfig',
        PolicyName: 'p',
        PolicyDocument: allow('s3:*'),
      }),
    ),
  ]) {
    const error = await failure(call)
    assert.is(error.name, 'UnmodifiableEntityException')
    assert.is(error.status, 400)
  }
})

test('the iam/put-role control creates or replaces a role; the seed section `iam` does the same', async () => {
  sandbox.control('iam', 'put-role', {
    account: MEMBER,
    name: 'Limited',
    policies: {
      only: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }] },
    },
  })
  const { Role } = await memberIam.send(new GetRoleCommand({ RoleName: 'Limited' }))
  assert.match(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''), 'arn:aws:iam::111111111111:root')
  const seeded = await startSandbox({
    seed: {
      organization: { managementAccount: { id: '111111111111', name: 'M' } },
      iam: {
        roles: [
          {
            account: '111111111111',
            name: 'org-baseline',
            policies: {
              narrow: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }],
              },
            },
          },
        ],
      },
    },
  })
  try {
    // Read as root: the narrowed role itself may now only list roles.
    const client = new IAMClient(asRoot(seeded))
    const attached = await client.send(new ListAttachedRolePoliciesCommand({ RoleName: 'org-baseline' }))
    assert.equal(
      attached.AttachedPolicies,
      [],
      'a seeded org-baseline replaces the default AdministratorAccess one',
    )
    assert.equal((await client.send(new ListRolePoliciesCommand({ RoleName: 'org-baseline' }))).PolicyNames, [
      'narrow',
    ])
    const narrowed = new IAMClient(management(seeded))
    assert.ok((await narrowed.send(new ListRolesCommand({}))).Roles)
    const denied = await failure(narrowed.send(new GetRoleCommand({ RoleName: 'org-baseline' })))
    assert.is(denied.name, 'AccessDenied')
  } finally {
    await seeded.close()
  }
})

test('a malformed seed or control policy is refused with the document problem', () => {
  assert.throws(
    () => sandbox.control('iam', 'put-role', { account: MEMBER, name: 'X', policies: { p: '{' } }),
    /invalid Json/,
  )
})

test('a stack’s AWS::IAM::Role, ManagedPolicy and Policy exist in IAM, and go with the stack', async () => {
  const cfn = new CloudFormationClient(actAs(sandbox, MEMBER, 'OrganizationAccountAccessRole'))
  const template = {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'FromStack',
          AssumeRolePolicyDocument: JSON.parse(trust(`arn:aws:iam::${MEMBER}:root`)),
          Policies: [{ PolicyName: 'inline', PolicyDocument: JSON.parse(allow('iam:GetRole')) }],
        },
      },
      Managed: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: JSON.parse(allow('iam:ListRoles')), Roles: [{ Ref: 'Role' }] },
      },
      Extra: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'extra',
          PolicyDocument: JSON.parse(allow('iam:ListRolePolicies')),
          Roles: [{ Ref: 'Role' }],
        },
      },
    },
  }
  await cfn.send(
    new CreateStackCommand({
      StackName: 'roles',
      TemplateBody: JSON.stringify(template),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  )
  sandbox.control('sandbox', 'advanceClock', { ms: 600_000 })
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'roles' }))
  assert.is(Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE', Stacks?.[0]?.StackStatusReason)
  assert.equal((await memberIam.send(new ListRolePoliciesCommand({ RoleName: 'FromStack' }))).PolicyNames, [
    'extra',
    'inline',
  ])
  const attached = await memberIam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'FromStack' }))
  assert.match(
    attached.AttachedPolicies?.[0]?.PolicyArn ?? '',
    `arn:aws:iam::${MEMBER}:policy/roles-Managed-`,
  )
  await cfn.send(new DeleteStackCommand({ StackName: 'roles' }))
  sandbox.control('sandbox', 'advanceClock', { ms: 600_000 })
  const gone = await failure(memberIam.send(new GetRoleCommand({ RoleName: 'FromStack' })))
  assert.is(gone.name, 'NoSuchEntityException')
})

test.run()
