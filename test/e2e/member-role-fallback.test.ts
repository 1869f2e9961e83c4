// The tool enters member accounts through access.memberRoleName (org-baseline-member, made by the member-role
// stack set), and through access.bootstrapRoleName (OrganizationAccountAccessRole, which Organizations creates)
// where the member role does not exist yet.
import { readFile } from 'node:fs/promises'
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeStackSetOperationCommand,
} from '@aws-sdk/client-cloudformation'
import { GetAccountSummaryCommand, ListRolesCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../src/aws/clients.ts'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { loadConfig } from '../../src/config/load.ts'
import { renderTemplate } from '../../src/modules/stacksets/member-role.ts'
import { management } from '../sandbox/helpers.ts'
import { EXAMPLE, withSandbox } from './harness.ts'

const test = suite('member role and its bootstrap fallback')
const MEMBER = '222222222222'

function clients(sandbox: { endpoint: string; credentials: never }, bootstrapRoleName?: string) {
  return new AwsClients({
    region: 'us-east-1',
    memberRoleName: 'org-baseline-member',
    ...(bootstrapRoleName ? { bootstrapRoleName } : {}),
    endpointUrl: sandbox.endpoint,
    credentials: async () => sandbox.credentials,
  })
}

test('the member role when it exists (its own narrow policy answers, not the bootstrap role)', async () => {
  await withSandbox({}, async (sandbox) => {
    sandbox.control('iam', 'put-role', {
      account: MEMBER,
      name: 'org-baseline-member',
      policies: {
        narrow: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }],
        },
      },
    })
    const iam = clients(sandbox as never, 'OrganizationAccountAccessRole').iam(MEMBER)
    const error = await iam.send(new ListRolesCommand({})).then(
      () => undefined,
      (thrown: Error) => thrown,
    )
    assert.ok(error, 'the narrow member role may not list roles')
    assert.match(error.message, ':assumed-role/org-baseline-member/')
  })
})

test('the bootstrap role where the member role is not there yet', async () => {
  await withSandbox({}, async (sandbox) => {
    const iam = clients(sandbox as never, 'OrganizationAccountAccessRole').iam(MEMBER)
    const { Roles } = await iam.send(new ListRolesCommand({}))
    assert.ok(Roles?.some((role) => role.RoleName === 'OrganizationAccountAccessRole'))
  })
})

test('no fallback configured: the missing member role is the error', async () => {
  await withSandbox({}, async (sandbox) => {
    const error = await clients(sandbox as never)
      .iam(MEMBER)
      .send(new ListRolesCommand({}))
      .then(
        () => undefined,
        (thrown: Error) => thrown,
      )
    assert.ok(error)
    assert.match(error.message, 'org-baseline-member')
  })
})

test('the shipped member role where its stack set reached, the bootstrap role elsewhere', async () => {
  await withSandbox({}, async (sandbox) => {
    // The member-role stack set as the tool deploys it (the example config's policy), to the Security OU only.
    const cfn = new CloudFormationClient(management(sandbox))
    await cfn.send(new ActivateOrganizationsAccessCommand({}))
    const body = renderTemplate(
      'member-role',
      await readFile('stacksets/member-role.yaml', 'utf8'),
      await loadConfig(EXAMPLE),
    )
    await cfn.send(
      new CreateStackSetCommand({
        StackSetName: 'org-baseline-member-role',
        TemplateBody: await body,
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
        Parameters: [
          { ParameterKey: 'RoleName', ParameterValue: 'org-baseline-member' },
          { ParameterKey: 'ManagementAccountId', ParameterValue: '111111111111' },
          { ParameterKey: 'ToolRoleName', ParameterValue: 'org-baseline' },
          { ParameterKey: 'OrganizationId', ParameterValue: 'o-sandbox0001' },
        ],
      }),
    )
    const security = [...sandbox.world.ous.values()].find((o) => o.name === 'Security')?.id ?? ''
    // Under the soak's faults mode this out-of-band write may meet another operation in progress, which the
    // SDK does not retry.
    const { OperationId } = await retryConflicts(() =>
      cfn.send(
        new CreateStackInstancesCommand({
          StackSetName: 'org-baseline-member-role',
          DeploymentTargets: { OrganizationalUnitIds: [security] },
          Regions: ['us-east-1'],
        }),
      ),
    )
    for (let status = ''; status !== 'SUCCEEDED'; ) {
      const out = await cfn.send(
        new DescribeStackSetOperationCommand({ StackSetName: 'org-baseline-member-role', OperationId }),
      )
      status = out.StackSetOperation?.Status ?? ''
      assert.not.ok(['FAILED', 'STOPPED'].includes(status), status)
      sandbox.world.clock.advance(10_000)
    }
    const aws = clients(sandbox as never, 'OrganizationAccountAccessRole')
    const whoIn = async (account: string) =>
      (
        await new STSClient({ ...management(sandbox), credentials: await credentialsIn(aws, account) }).send(
          new GetCallerIdentityCommand({}),
        )
      ).Arn ?? ''
    assert.match(
      await whoIn(MEMBER),
      ':assumed-role/org-baseline-member/',
      'Security Tooling: the member role',
    )
    assert.match(
      await whoIn('666666666666'),
      ':assumed-role/OrganizationAccountAccessRole/',
      'not reached: bootstrap',
    )
    // The member role's own narrow policy answers: root posture yes, listing roles no.
    await aws.iam(MEMBER).send(new GetAccountSummaryCommand({}))
    const error = await aws
      .iam(MEMBER)
      .send(new ListRolesCommand({}))
      .then(
        () => undefined,
        (thrown: Error) => thrown,
      )
    assert.match(error?.message ?? '', 'not authorized to perform: iam:ListRoles')
  })
})

/** The credentials the tool's client factory resolves for `account` (member role, else bootstrap role). */
async function credentialsIn(aws: AwsClients, account: string) {
  return aws.iam(account).config.credentials()
}

test.run()
