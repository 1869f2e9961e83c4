// Every remaining operation of the framework engineer's services through its SDK command at least once,
// so no answer shape is silently read as empty by the SDK's deserializers.
import { AccountClient, DisableRegionCommand, GetRegionOptStatusCommand } from '@aws-sdk/client-account'
import {
  DisableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  IAMClient,
  ListOrganizationsFeaturesCommand,
} from '@aws-sdk/client-iam'
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DeleteOrganizationalUnitCommand,
  DescribeOrganizationalUnitCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListCreateAccountStatusCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let org: OrganizationsClient

test.before(async () => {
  sandbox = await startSandbox()
  org = new OrganizationsClient(management(sandbox))
})
test.after(() => sandbox.close())

test('an OU is created, described with its path, renamed, tagged, untagged and deleted', async () => {
  const rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? ''
  const { OrganizationalUnit } = await org.send(
    new CreateOrganizationalUnitCommand({
      ParentId: rootId,
      Name: 'Temp',
      Tags: [{ Key: 'team', Value: 'sec' }],
    }),
  )
  const id = OrganizationalUnit?.Id ?? ''
  assert.match(id, /^ou-sb01-[a-z0-9]{8}$/)
  await org.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: id, Name: 'Renamed' }))
  const described = await org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id }))
  assert.is(described.OrganizationalUnit?.Name, 'Renamed')
  assert.is(described.OrganizationalUnit?.Path, `o-sandbox0001/${rootId}/${id}/`)
  assert.equal((await org.send(new ListTagsForResourceCommand({ ResourceId: id }))).Tags, [
    { Key: 'team', Value: 'sec' },
  ])
  await org.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'owner', Value: 'me' }] }))
  await org.send(new UntagResourceCommand({ ResourceId: id, TagKeys: ['team'] }))
  assert.equal((await org.send(new ListTagsForResourceCommand({ ResourceId: id }))).Tags, [
    { Key: 'owner', Value: 'me' },
  ])
  await org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: id }))
  const gone = await failure(org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id })))
  assert.is(gone.name, 'OrganizationalUnitNotFoundException')
})

test('a non-empty OU cannot be deleted (OrganizationalUnitNotEmptyException)', async () => {
  const prod = [...sandbox.world.ous.values()].find((ou) => ou.name === 'Prod')
  const error = await failure(
    org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: prod?.id ?? '' })),
  )
  assert.is(error.name, 'OrganizationalUnitNotEmptyException')
})

test('ListCreateAccountStatus filters by state', async () => {
  await org.send(new CreateAccountCommand({ Email: 'aws+pending@example.com', AccountName: 'Pending' }))
  const { CreateAccountStatuses } = await org.send(
    new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'] }),
  )
  assert.equal(
    CreateAccountStatuses?.map((s) => s.AccountName),
    ['Pending'],
  )
  assert.instance(CreateAccountStatuses?.[0]?.RequestedTimestamp, Date)
})

test('trusted access is disabled again; IAM features can be switched off', async () => {
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }))
  const iam = new IAMClient(management(sandbox))
  await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}))
  const off = await iam.send(new DisableOrganizationsRootCredentialsManagementCommand({}))
  assert.equal(off.EnabledFeatures, [])
  await org.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }))
  const { EnabledServicePrincipals } = await org.send(new ListAWSServiceAccessForOrganizationCommand({}))
  assert.equal(EnabledServicePrincipals, [])
  const error = await failure(iam.send(new ListOrganizationsFeaturesCommand({})))
  assert.is(error.name, 'ServiceAccessNotEnabledException')
})

test('a member disables its opt-in region, and its status reads DISABLED', async () => {
  const account = new AccountClient(await member(sandbox, '555555555555'))
  await account.send(new DisableRegionCommand({ RegionName: 'ap-southeast-4' }))
  const { RegionOptStatus } = await account.send(
    new GetRegionOptStatusCommand({ RegionName: 'ap-southeast-4' }),
  )
  assert.is(RegionOptStatus, 'DISABLED')
})

test.run()
