// The tool enters member accounts through access.memberRoleName, and through access.bootstrapRoleName
// (OrganizationAccountAccessRole, which Organizations creates) where the member role does not exist yet.
import { ListRolesCommand } from '@aws-sdk/client-iam'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../src/aws/clients.ts'
import { withSandbox } from './harness.ts'

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

test.run()
