// Organizations: the organization's shape, accounts, OUs and who may read them, through the real SDK.
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListParentsCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let org: OrganizationsClient
let rootId: string

test.before(async () => {
  sandbox = await startSandbox({ pageSizeCap: 2 })
  org = new OrganizationsClient(management(sandbox))
  rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? ''
})
test.after(() => sandbox.close())

async function ouId(parentId: string, name: string): Promise<string> {
  for await (const page of paginateListOrganizationalUnitsForParent(
    { client: org },
    { ParentId: parentId },
  )) {
    const found = page.OrganizationalUnits?.find((ou) => ou.Name === name)
    if (found?.Id) return found.Id
  }
  throw new Error(`no OU ${name}`)
}

test('ListAccounts pages of 2 with NextToken add up to every seeded account, so missing pagination shows', async () => {
  const first = await org.send(new ListAccountsCommand({}))
  assert.is(first.Accounts?.length, 2)
  assert.ok(first.NextToken)
  const ids: string[] = []
  for await (const page of paginateListAccounts({ client: org }, {}))
    ids.push(...(page.Accounts ?? []).map((a) => a.Id ?? ''))
  assert.is(ids.length, 10)
  assert.is(new Set(ids).size, 10)
  assert.ok(ids.includes('111111111111'))
})

test('accounts carry AWS shapes: status, joined timestamp as a Date, ARN under the organization', async () => {
  const { Account } = await org.send(new DescribeAccountCommand({ AccountId: '777777777777' }))
  assert.is(Account?.Status, 'SUSPENDED')
  assert.is(Account?.Name, 'Old Experiment')
  assert.instance(Account?.JoinedTimestamp, Date)
  assert.is(Account?.Arn, 'arn:aws:organizations::111111111111:account/o-sandbox0001/777777777777')
})

test('DescribeOrganization names the management account and the ALL feature set', async () => {
  const { Organization } = await org.send(new DescribeOrganizationCommand({}))
  assert.is(Organization?.MasterAccountId, '111111111111')
  assert.is(Organization?.FeatureSet, 'ALL')
  assert.is(Organization?.Id, 'o-sandbox0001')
})

test('MaxResults above 20 is refused with InvalidInputException, as the API model bounds it 1–20', async () => {
  const error = await failure(org.send(new ListAccountsCommand({ MaxResults: 21 })))
  assert.is(error.name, 'InvalidInputException')
  assert.is(error.status, 400)
  assert.is(error.error.Reason, 'MAX_VALUE_EXCEEDED')
})

test('a NextToken from another listing is refused rather than silently restarting', async () => {
  const page = await org.send(new ListAccountsCommand({}))
  const error = await failure(
    org.send(new ListAccountsForParentCommand({ ParentId: rootId, NextToken: page.NextToken })),
  )
  assert.is(error.name, 'InvalidInputException')
  assert.is(error.error.Reason, 'INVALID_NEXT_TOKEN')
})

test('the OU tree reads back through ListOrganizationalUnitsForParent, ListChildren and ListParents', async () => {
  const workloads = await ouId(rootId, 'Workloads')
  const prod = await ouId(workloads, 'Prod')
  const children = await org.send(new ListChildrenCommand({ ParentId: prod, ChildType: 'ACCOUNT' }))
  assert.equal(children.Children?.map((c) => c.Id).sort(), ['555555555555', '555555555556'])
  const parents = await org.send(new ListParentsCommand({ ChildId: prod }))
  assert.equal(parents.Parents, [{ Id: workloads, Type: 'ORGANIZATIONAL_UNIT' }])
  const forParent = await org.send(new ListAccountsForParentCommand({ ParentId: prod }))
  assert.is(forParent.Accounts?.length, 2)
})

test('an unknown parent is ParentNotFoundException 404', async () => {
  const error = await failure(org.send(new ListAccountsForParentCommand({ ParentId: 'ou-sb01-zzzzzzzz' })))
  assert.is(error.name, 'ParentNotFoundException')
  assert.is(error.status, 404)
})

test('CreateAccount is asynchronous: IN_PROGRESS, then SUCCEEDED once simulated minutes pass, and the account joins the root', async () => {
  const { CreateAccountStatus } = await org.send(
    new CreateAccountCommand({ Email: 'aws+new@example.com', AccountName: 'New Workload' }),
  )
  assert.is(CreateAccountStatus?.State, 'IN_PROGRESS')
  const id = CreateAccountStatus?.Id ?? ''
  sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
  const done = await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id }))
  assert.is(done.CreateAccountStatus?.State, 'SUCCEEDED')
  const accountId = done.CreateAccountStatus?.AccountId ?? ''
  const parents = await org.send(new ListParentsCommand({ ChildId: accountId }))
  assert.is(parents.Parents?.[0]?.Id, rootId)
})

test('CreateAccount with an email already in the organization fails through its status, EMAIL_ALREADY_EXISTS', async () => {
  const { CreateAccountStatus } = await org.send(
    new CreateAccountCommand({ Email: 'aws+network@example.com', AccountName: 'Copy' }),
  )
  assert.is(CreateAccountStatus?.State, 'FAILED')
  assert.is(CreateAccountStatus?.FailureReason, 'EMAIL_ALREADY_EXISTS')
})

test('MoveAccount checks the source parent and moves the account', async () => {
  const infrastructure = await ouId(rootId, 'Infrastructure')
  const security = await ouId(rootId, 'Security')
  const wrongSource = await failure(
    org.send(
      new MoveAccountCommand({
        AccountId: '444444444444',
        SourceParentId: security,
        DestinationParentId: rootId,
      }),
    ),
  )
  assert.is(wrongSource.name, 'SourceParentNotFoundException')
  await org.send(
    new MoveAccountCommand({
      AccountId: '444444444444',
      SourceParentId: infrastructure,
      DestinationParentId: security,
    }),
  )
  const parents = await org.send(new ListParentsCommand({ ChildId: '444444444444' }))
  assert.is(parents.Parents?.[0]?.Id, security)
  await org.send(
    new MoveAccountCommand({
      AccountId: '444444444444',
      SourceParentId: security,
      DestinationParentId: infrastructure,
    }),
  )
})

test('OUs nest at most five levels under the root: the sixth is OU_DEPTH_LIMIT_EXCEEDED', async () => {
  let parent = rootId
  for (let depth = 1; depth <= 5; depth++) {
    const { OrganizationalUnit } = await org.send(
      new CreateOrganizationalUnitCommand({ ParentId: parent, Name: `Level${depth}` }),
    )
    parent = OrganizationalUnit?.Id ?? ''
  }
  const error = await failure(
    org.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: 'Level6' })),
  )
  assert.is(error.name, 'ConstraintViolationException')
  assert.is(error.status, 409)
  assert.is(error.error.Reason, 'OU_DEPTH_LIMIT_EXCEEDED')
})

test('a duplicate OU name under one parent is DuplicateOrganizationalUnitException', async () => {
  const error = await failure(
    org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Security' })),
  )
  assert.is(error.name, 'DuplicateOrganizationalUnitException')
})

test('a member account that is no delegated admin cannot list the organization (AccessDeniedException 403)', async () => {
  const memberOrg = new OrganizationsClient(await member(sandbox, '555555555555'))
  const error = await failure(memberOrg.send(new ListAccountsCommand({})))
  assert.is(error.name, 'AccessDeniedException')
  assert.is(error.status, 403)
  const write = await failure(
    memberOrg.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Nope' })),
  )
  assert.is(write.name, 'AccessDeniedException')
})

test('any member may DescribeOrganization, as AWS allows', async () => {
  const memberOrg = new OrganizationsClient(await member(sandbox, '666666666666'))
  const { Organization } = await memberOrg.send(new DescribeOrganizationCommand({}))
  assert.is(Organization?.MasterAccountId, '111111111111')
})

test.run()
