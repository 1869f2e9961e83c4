// Amazon Inspector in the sandbox, through the real SDK: who may do what, auto-enable reaching only accounts
// that join later, and the model's constraints. Each case names its source (src/sandbox/README.md).
import {
  AssociateMemberCommand,
  BatchGetAccountStatusCommand,
  DescribeOrganizationConfigurationCommand,
  DisableDelegatedAdminAccountCommand,
  EnableCommand,
  EnableDelegatedAdminAccountCommand,
  Inspector2Client,
  ListMembersCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-inspector2'
import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

const ADMIN = '222222222222'
const OTHER = '444444444444'

let sandbox: Sandbox
let admin: Inspector2Client

test.before(async () => {
  sandbox = await startSandbox()
  const fromManagement = new Inspector2Client(management(sandbox))
  await fromManagement.send(new EnableDelegatedAdminAccountCommand({ delegatedAdminAccountId: ADMIN }))
  admin = new Inspector2Client(await member(sandbox, ADMIN))
})
test.after(() => sandbox.close())

test('only the management account designates; designating registers the account and enables trusted access (Inspector user guide, Designating a delegated administrator)', async () => {
  const other = new Inspector2Client(await member(sandbox, OTHER))
  const refused = await failure(
    other.send(new EnableDelegatedAdminAccountCommand({ delegatedAdminAccountId: OTHER })),
  )
  assert.equal([refused.name, refused.status], ['AccessDeniedException', 403])
  const org = new OrganizationsClient(management(sandbox))
  const registered = await org.send(
    new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'inspector2.amazonaws.com' }),
  )
  assert.equal(
    registered.DelegatedAdministrators?.map((a) => a.Id),
    [ADMIN],
  )
  const second = await failure(
    new Inspector2Client(management(sandbox, 'eu-west-1')).send(
      new EnableDelegatedAdminAccountCommand({ delegatedAdminAccountId: OTHER }),
    ),
  )
  assert.is(second.name, 'ConflictException', 'one administrator per organization, in every region')
})

test("a non-administrator reading the organization configuration gets AWS's own refusal (terraform-provider-aws#27000)", async () => {
  const other = new Inspector2Client(await member(sandbox, OTHER))
  const refused = await failure(other.send(new DescribeOrganizationConfigurationCommand({})))
  assert.equal(
    [refused.name, refused.message],
    [
      'AccessDeniedException',
      'Invoking account does not have access to describe the organization configuration.',
    ],
  )
})

test('existing accounts are neither associated nor enabled until the administrator does it; then Enable takes them 100 at a time', async () => {
  const before = await admin.send(new BatchGetAccountStatusCommand({ accountIds: [OTHER] }))
  assert.equal(
    before.failedAccounts?.map((f) => f.errorCode),
    ['ACCESS_DENIED'],
  )
  await admin.send(new AssociateMemberCommand({ accountId: OTHER }))
  const enabled = await admin.send(new EnableCommand({ accountIds: [OTHER], resourceTypes: ['EC2', 'ECR'] }))
  assert.equal(enabled.failedAccounts, [])
  const after = await admin.send(new BatchGetAccountStatusCommand({ accountIds: [OTHER] }))
  assert.is(after.accounts?.[0]?.resourceState?.ec2?.status, 'ENABLED')
  assert.is(after.accounts?.[0]?.resourceState?.lambda?.status, 'DISABLED')
  const tooMany = Array.from({ length: 101 }, (_, i) => String(100000000000 + i))
  const refused = await failure(
    admin.send(new EnableCommand({ accountIds: tooMany, resourceTypes: ['EC2'] })),
  )
  assert.is(refused.name, 'ValidationException', 'AccountIdSet: at most 100 (botocore model)')
})

test('auto-enable reaches accounts that join later, with the types it holds then (API reference, UpdateOrganizationConfiguration)', async () => {
  await admin.send(
    new UpdateOrganizationConfigurationCommand({ autoEnable: { ec2: true, ecr: false, lambda: true } }),
  )
  const org = new OrganizationsClient(management(sandbox))
  const { CreateAccountStatus } = await org.send(
    new CreateAccountCommand({ Email: 'aws+inspected@example.com', AccountName: 'Inspected' }),
  )
  sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
  const done = await org.send(
    new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus?.Id ?? '' }),
  )
  const id = done.CreateAccountStatus?.AccountId ?? ''
  const status = await admin.send(new BatchGetAccountStatusCommand({ accountIds: [id] }))
  assert.equal(status.failedAccounts, [], 'associated on joining')
  assert.is(status.accounts?.[0]?.resourceState?.ec2?.status, 'ENABLED')
  assert.is(status.accounts?.[0]?.resourceState?.ecr?.status, 'DISABLED')
  const members = await admin.send(new ListMembersCommand({}))
  assert.ok(members.members?.some((m) => m.accountId === id))
})

test('Lambda code scanning cannot be auto-enabled without Lambda standard scanning (user guide, Scanning AWS Lambda functions)', async () => {
  const refused = await failure(
    admin.send(
      new UpdateOrganizationConfigurationCommand({ autoEnable: { ec2: true, ecr: true, lambdaCode: true } }),
    ),
  )
  assert.is(refused.name, 'ValidationException')
})

test('removing the administrator leaves members standalone with their scan types (user guide, Removing the delegated administrator)', async () => {
  const fromManagement = new Inspector2Client(management(sandbox))
  await fromManagement.send(new DisableDelegatedAdminAccountCommand({ delegatedAdminAccountId: ADMIN }))
  const own = new Inspector2Client(await member(sandbox, OTHER))
  const status = await own.send(new BatchGetAccountStatusCommand({}))
  assert.is(status.accounts?.[0]?.resourceState?.ec2?.status, 'ENABLED')
  const refused = await failure(admin.send(new DescribeOrganizationConfigurationCommand({})))
  assert.is(refused.name, 'AccessDeniedException')
})

test.run()
