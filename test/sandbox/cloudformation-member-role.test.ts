// The shipped member-role template as the sandbox's StackSets judge it (as AWS does): a service-managed stack
// set takes it without CAPABILITY_NAMED_IAM (CreateStackSet lists no InsufficientCapabilitiesException) and
// every instance then fails with "Requires capabilities : [CAPABILITY_NAMED_IAM]"; with the capability each
// target account gets the role, trusting the management account's tool role only.
import { readFile } from 'node:fs/promises'
import {
  ActivateOrganizationsAccessCommand,
  CreateStackInstancesCommand,
} from '@aws-sdk/client-cloudformation'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { findRole } from '../../src/sandbox/services/iam-roles/store.ts'
import { type Fixture, startFixture } from './cloudformation-fixture.ts'

const test = suite('member-role template in the sandbox')
let f: Fixture

test.before(async () => {
  f = await startFixture()
  await f.cfn.send(new ActivateOrganizationsAccessCommand({}))
})
test.after(async () => {
  await f.sandbox.close()
})

const PARAMETERS = [
  { ParameterKey: 'RoleName', ParameterValue: 'org-baseline-member' },
  { ParameterKey: 'ManagementAccountId', ParameterValue: '111111111111' },
  { ParameterKey: 'ToolRoleName', ParameterValue: 'org-baseline' },
  { ParameterKey: 'OrganizationId', ParameterValue: 'o-sandbox0001' },
]

async function deploy(name: string, capabilities: string[]) {
  const body = await readFile('stacksets/member-role.yaml', 'utf8')
  await f.cfn.send(
    f.serviceManaged(name, {
      TemplateBody: body,
      Parameters: PARAMETERS,
      ...(capabilities.length > 0 ? { Capabilities: capabilities } : {}),
    }),
  )
  const { OperationId } = await f.cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: name,
      DeploymentTargets: { OrganizationalUnitIds: [f.ouId('Security')] },
      Regions: ['us-east-1'],
    }),
  )
  await f.waitFor(name, OperationId)
  return f.instances(name)
}

test('without CAPABILITY_NAMED_IAM every instance fails, and no role is made', async () => {
  const instances = await deploy('no-capability', [])
  // The first failure exceeds the default tolerance (0): the rest of the operation is cancelled.
  const failed = instances.filter((i) => i.StackInstanceStatus?.DetailedStatus === 'FAILED')
  assert.ok(failed.length > 0)
  for (const i of failed) assert.match(i.StatusReason ?? '', 'Requires capabilities : [CAPABILITY_NAMED_IAM]')
  assert.equal(
    instances.filter((i) => i.StackInstanceStatus?.DetailedStatus === 'SUCCEEDED'),
    [],
  )
  assert.not.ok(findRole(f.sandbox.world, '222222222222', 'org-baseline-member'))
})

test('with it, each account of the OU gets the role, trusting only the tool role within the organization', async () => {
  const instances = await deploy('with-capability', ['CAPABILITY_NAMED_IAM'])
  for (const i of instances) assert.is(i.StackInstanceStatus?.DetailedStatus, 'SUCCEEDED', i.StatusReason)
  const role = findRole(f.sandbox.world, '222222222222', 'org-baseline-member')
  assert.ok(role)
  assert.equal(JSON.parse(role.trustPolicy).Statement, [
    {
      Sid: 'OrgBaselineToolRole',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:role/org-baseline' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-sandbox0001' } },
    },
  ])
})

test.run()
