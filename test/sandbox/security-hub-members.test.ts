// Security Hub members as the delegated administrator reads them (ListMembers) and adds them (CreateMembers),
// through the real SDK client: auto-enable reaches only accounts that join later, CreateMembers reaches the
// others, and both operations keep the service model's limits.
import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import {
  CreateMembersCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  GetEnabledStandardsCommand,
  ListMembersCommand,
  paginateListMembers,
  SecurityHubClient,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

const ADMIN = '222222222222'
const NETWORK = '444444444444'
const MANAGEMENT = '111111111111'

const test = suite<{ sandbox: Sandbox; admin: SecurityHubClient }>('security-hub members')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
  await new SecurityHubClient(management(ctx.sandbox)).send(
    new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }),
  )
  ctx.admin = new SecurityHubClient(await member(ctx.sandbox, ADMIN))
  await ctx.admin.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }))
})
test.after.each(async ({ sandbox }) => {
  await sandbox.close()
})

const memberIds = async (admin: SecurityHubClient) =>
  ((await admin.send(new ListMembersCommand({ OnlyAssociated: true }))).Members ?? []).map((m) => m.AccountId)

async function newAccount(sandbox: Sandbox): Promise<string> {
  const org = new OrganizationsClient(management(sandbox))
  const { CreateAccountStatus } = await org.send(
    new CreateAccountCommand({ Email: 'aws+joined@example.com', AccountName: 'Joined' }),
  )
  sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
  const done = await org.send(
    new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus?.Id ?? '' }),
  )
  return done.CreateAccountStatus?.AccountId ?? ''
}

test('auto-enable reaches accounts that join later, not existing ones (API reference, UpdateOrganizationConfiguration AutoEnable)', async ({
  sandbox,
  admin,
}) => {
  assert.equal(await memberIds(admin), [], 'no member before anything is done')
  await admin.send(
    new UpdateOrganizationConfigurationCommand({ AutoEnable: true, AutoEnableStandards: 'DEFAULT' }),
  )
  assert.equal(await memberIds(admin), [], 'existing accounts are not reached')
  const joined = await newAccount(sandbox)
  const listed = (await admin.send(new ListMembersCommand({}))).Members ?? []
  assert.equal(
    listed.map((m) => [m.AccountId, m.MemberStatus, m.AdministratorId]),
    [[joined, 'Enabled', ADMIN]],
  )
  const own = new SecurityHubClient(await member(sandbox, joined))
  const standards = await own.send(new GetEnabledStandardsCommand({}))
  assert.is(standards.StandardsSubscriptions?.length, 2, 'its hub is on with the default standards (DEFAULT)')
  const east2 = new SecurityHubClient(await member(sandbox, ADMIN, 'us-east-2'))
  const refused = await failure(east2.send(new ListMembersCommand({})))
  assert.is(refused.name, 'InvalidAccessException', 'a region where the caller has no hub: not subscribed')
})

test('CreateMembers adds an existing account with a hub and the default standards; the management account needs its own hub first (API reference, CreateMembers)', async ({
  sandbox,
  admin,
}) => {
  const out = await admin.send(
    new CreateMembersCommand({ AccountDetails: [{ AccountId: NETWORK }, { AccountId: MANAGEMENT }] }),
  )
  assert.equal(
    out.UnprocessedAccounts?.map((u) => u.AccountId),
    [MANAGEMENT],
  )
  assert.equal(await memberIds(admin), [NETWORK])
  const own = new SecurityHubClient(await member(sandbox, NETWORK))
  const standards = await own.send(new GetEnabledStandardsCommand({}))
  assert.is(standards.StandardsSubscriptions?.length, 2, 'FSBP and CIS 1.2.0, the defaults')
  const again = await admin.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: NETWORK }] }))
  assert.is(again.UnprocessedAccounts?.length, 1, 'already a member')
})

test('limits: MaxResults 1–50, AccountDetails 1–50, only the administrator adds members (service model)', async ({
  sandbox,
  admin,
}) => {
  const cases: [string, Promise<unknown>, string][] = [
    [
      'MaxResults 51 (CrossAccountMaxResults)',
      admin.send(new ListMembersCommand({ MaxResults: 51 })),
      'InvalidInputException',
    ],
    [
      'no AccountDetails (AccountDetailsList min 1)',
      admin.send(new CreateMembersCommand({ AccountDetails: [] })),
      'InvalidInputException',
    ],
    [
      '51 AccountDetails (AccountDetailsList max 50)',
      admin.send(
        new CreateMembersCommand({
          AccountDetails: Array.from({ length: 51 }, (_, i) => ({ AccountId: String(100000000000 + i) })),
        }),
      ),
      'InvalidInputException',
    ],
  ]
  for (const [reason, call, name] of cases) assert.is((await failure(call)).name, name, reason)
  const network = new SecurityHubClient(await member(sandbox, NETWORK))
  await network.send(new EnableSecurityHubCommand({}))
  const notAdmin = await failure(
    network.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: ADMIN }] })),
  )
  assert.is(notAdmin.name, 'InvalidAccessException', 'a member is not the administrator')
})

test('ListMembers pages 50 at a time (paginator, NextToken)', async ({ sandbox, admin }) => {
  await admin.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: true }))
  for (let i = 0; i < 60; i++) sandbox.control('sandbox', 'createAccount', { name: `Joined ${i}` })
  const pages: number[] = []
  for await (const page of paginateListMembers({ client: admin, pageSize: 50 }, {}))
    pages.push(page.Members?.length ?? 0)
  assert.equal(pages, [50, 10])
})

test.run()
