// GuardDuty in the sandbox, through the real SDK client: admin designation per region, detectors, the
// organization configuration with features, and auto-enable membership derived from the organization.
import {
  CreateDetectorCommand,
  CreateMembersCommand,
  DeleteMembersCommand,
  DescribeOrganizationConfigurationCommand,
  DisableOrganizationAdminAccountCommand,
  DisassociateMembersCommand,
  EnableOrganizationAdminAccountCommand,
  GetDetectorCommand,
  GetMembersCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListOrganizationAdminAccountsCommand,
  paginateListMembers,
  UpdateDetectorCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-guardduty'
import {
  EnableAWSServiceAccessCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_SEED_FILE, type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { guardDutyState } from '../../src/sandbox/services/guardduty/state.ts'
import { failure, management, member } from './helpers.ts'

const ADMIN = '222222222222'
const OTHER = '333333333333'
const MANAGEMENT = '111111111111'
const SUSPENDED = '777777777777'
const OPT_IN_ACCOUNT = '555555555555'

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('guardduty')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

const gd = (sandbox: Sandbox, region = 'us-east-1') => new GuardDutyClient(management(sandbox, region))
const gdAs = async (sandbox: Sandbox, account: string, region = 'us-east-1') =>
  new GuardDutyClient(await member(sandbox, account, region))

async function enableTrustedAccess(sandbox: Sandbox) {
  await new OrganizationsClient(management(sandbox)).send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
  )
}

/** Designates ADMIN in a region and returns the admin's client and detector id there. */
async function designate(sandbox: Sandbox, region = 'us-east-1') {
  await gd(sandbox, region).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }))
  const admin = await gdAs(sandbox, ADMIN, region)
  const { DetectorIds } = await admin.send(new ListDetectorsCommand({}))
  const detectorId = DetectorIds?.[0]
  if (!detectorId) throw new Error('no detector for the administrator')
  return { admin, detectorId }
}

async function allMembers(client: GuardDutyClient, detectorId: string, onlyAssociated?: string) {
  const ids: string[] = []
  for await (const page of paginateListMembers(
    { client },
    { DetectorId: detectorId, OnlyAssociated: onlyAssociated },
  )) {
    for (const m of page.Members ?? []) ids.push(m.AccountId ?? '')
  }
  return ids.sort()
}

test('designating the admin fails without trusted access for guardduty.amazonaws.com', async ({
  sandbox,
}) => {
  const err = await failure(
    gd(sandbox).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN })),
  )
  assert.is(err.name, 'BadRequestException')
  assert.is(err.status, 400)
})

test('only the management account may designate the admin', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const client = await gdAs(sandbox, OTHER)
  const err = await failure(client.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN })))
  assert.is(err.name, 'BadRequestException')
  assert.match(err.message, /master permission/)
})

test('designation enables a detector for the admin only in that region and registers it in Organizations', async ({
  sandbox,
}) => {
  await enableTrustedAccess(sandbox)
  const { detectorId } = await designate(sandbox, 'us-east-1')
  assert.ok(detectorId)
  const elsewhere = await gdAs(sandbox, ADMIN, 'eu-west-1')
  const { DetectorIds } = await elsewhere.send(new ListDetectorsCommand({}))
  assert.equal(DetectorIds, [])
  const listed = await gd(sandbox).send(new ListOrganizationAdminAccountsCommand({}))
  assert.equal(listed.AdminAccounts, [{ AdminAccountId: ADMIN, AdminStatus: 'ENABLED' }])
  const org = await new OrganizationsClient(management(sandbox)).send(
    new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
  )
  assert.equal(
    org.DelegatedAdministrators?.map((d) => d.Id),
    [ADMIN],
  )
})

test('another account cannot be admin in a second region: one admin per organization', async ({
  sandbox,
}) => {
  await enableTrustedAccess(sandbox)
  await designate(sandbox, 'us-east-1')
  const err = await failure(
    gd(sandbox, 'eu-west-1').send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: OTHER })),
  )
  assert.is(err.name, 'BadRequestException')
  assert.match(err.message, /another account/)
  // The same account in the second region is fine.
  await designate(sandbox, 'eu-west-1')
})

test('a suspended account cannot be designated', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const err = await failure(
    gd(sandbox).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: SUSPENDED })),
  )
  assert.is(err.name, 'BadRequestException')
})

test('disabling the admin keeps the Organizations registration (a separate Organizations call removes it)', async ({
  sandbox,
}) => {
  await enableTrustedAccess(sandbox)
  await designate(sandbox)
  await gd(sandbox).send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }))
  const listed = await gd(sandbox).send(new ListOrganizationAdminAccountsCommand({}))
  assert.equal(listed.AdminAccounts, [])
  assert.ok(sandbox.world.isDelegatedAdmin(ADMIN, 'guardduty.amazonaws.com'))
})

test('a second detector in the same account and region is rejected with AWS message', async ({ sandbox }) => {
  const client = gd(sandbox)
  const { DetectorId } = await client.send(new CreateDetectorCommand({ Enable: true }))
  assert.ok(DetectorId)
  const err = await failure(client.send(new CreateDetectorCommand({ Enable: true })))
  assert.is(err.name, 'BadRequestException')
  assert.is(err.message, 'The request is rejected because a detector already exists for the current account.')
})

test('a detector id the caller does not own is rejected', async ({ sandbox }) => {
  const { DetectorId } = await gd(sandbox).send(new CreateDetectorCommand({ Enable: true }))
  const other = await gdAs(sandbox, OTHER)
  const err = await failure(other.send(new GetDetectorCommand({ DetectorId })))
  assert.is(err.name, 'BadRequestException')
  assert.match(err.message, /not owned by the current account/)
})

test('detector features are read and updated by name', async ({ sandbox }) => {
  const client = gd(sandbox)
  const { DetectorId } = await client.send(
    new CreateDetectorCommand({ Enable: true, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] }),
  )
  await client.send(
    new UpdateDetectorCommand({ DetectorId, Features: [{ Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' }] }),
  )
  const detector = await client.send(new GetDetectorCommand({ DetectorId }))
  const status = (name: string) => detector.Features?.find((f) => f.Name === name)?.Status
  assert.is(status('S3_DATA_EVENTS'), 'ENABLED')
  assert.is(status('RDS_LOGIN_EVENTS'), 'ENABLED')
  assert.is(status('LAMBDA_NETWORK_LOGS'), 'DISABLED')
  assert.is(status('CLOUD_TRAIL'), 'ENABLED')
  assert.is(detector.Status, 'ENABLED')
  assert.ok(detector.CreatedAt)
})

test('organization configuration with features is read back as written', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const { admin, detectorId } = await designate(sandbox)
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
      Features: [
        { Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' },
        {
          Name: 'RUNTIME_MONITORING',
          AutoEnable: 'NEW',
          AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NEW' }],
        },
      ],
    }),
  )
  const config = await admin.send(new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }))
  assert.is(config.AutoEnableOrganizationMembers, 'ALL')
  assert.is(config.AutoEnable, true)
  assert.is(config.MemberAccountLimitReached, false)
  const feature = (name: string) => config.Features?.find((f) => f.Name === name)
  assert.is(feature('S3_DATA_EVENTS')?.AutoEnable, 'ALL')
  assert.is(feature('RUNTIME_MONITORING')?.AutoEnable, 'NEW')
  assert.is(
    feature('RUNTIME_MONITORING')?.AdditionalConfiguration?.find((a) => a.Name === 'EKS_ADDON_MANAGEMENT')
      ?.AutoEnable,
    'NEW',
  )
  assert.is(feature('LAMBDA_NETWORK_LOGS')?.AutoEnable, 'NONE')
})

test('organization configuration is for the admin only, even with its own detector', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  await designate(sandbox)
  const other = await gdAs(sandbox, OTHER)
  const { DetectorId } = await other.send(new CreateDetectorCommand({ Enable: true }))
  const err = await failure(other.send(new DescribeOrganizationConfigurationCommand({ DetectorId })))
  assert.is(err.name, 'BadRequestException')
})

test('invalid organization updates are rejected and change nothing', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const { admin, detectorId } = await designate(sandbox)
  const both = await failure(
    admin.send(
      new UpdateOrganizationConfigurationCommand({
        DetectorId: detectorId,
        AutoEnable: true,
        AutoEnableOrganizationMembers: 'ALL',
      }),
    ),
  )
  assert.is(both.name, 'BadRequestException')
  const runtime = await failure(
    admin.send(
      new UpdateOrganizationConfigurationCommand({
        DetectorId: detectorId,
        AutoEnableOrganizationMembers: 'ALL',
        Features: [
          { Name: 'EKS_RUNTIME_MONITORING', AutoEnable: 'ALL' },
          { Name: 'RUNTIME_MONITORING', AutoEnable: 'ALL' },
        ],
      }),
    ),
  )
  assert.is(runtime.name, 'BadRequestException')
  const unknown = await failure(
    admin.send(
      new UpdateOrganizationConfigurationCommand({
        DetectorId: detectorId,
        Features: [{ Name: 'NOT_A_FEATURE' as 'S3_DATA_EVENTS', AutoEnable: 'ALL' }],
      }),
    ),
  )
  assert.is(unknown.name, 'BadRequestException')
  const config = await admin.send(new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }))
  assert.is(config.AutoEnableOrganizationMembers, 'NONE')
})

test('auto-enable ALL makes every active account a member, except the management account', async ({
  sandbox,
}) => {
  await enableTrustedAccess(sandbox)
  const { admin, detectorId } = await designate(sandbox)
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
      Features: [{ Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' }],
    }),
  )
  const members = await allMembers(admin, detectorId)
  const expected = [...sandbox.world.accounts.values()]
    .filter((a) => a.status === 'ACTIVE' && a.id !== MANAGEMENT && a.id !== ADMIN)
    .map((a) => a.id)
    .sort()
  assert.equal(members, expected)
  assert.not.ok(members.includes(MANAGEMENT))
  assert.not.ok(members.includes(SUSPENDED))
  // The member has a detector with the organization's features.
  const memberClient = await gdAs(sandbox, OTHER)
  const { DetectorIds } = await memberClient.send(new ListDetectorsCommand({}))
  const detector = await memberClient.send(new GetDetectorCommand({ DetectorId: DetectorIds?.[0] }))
  assert.is(detector.Features?.find((f) => f.Name === 'S3_DATA_EVENTS')?.Status, 'ENABLED')
  // Nothing was written per account.
  const state = guardDutyState(sandbox.world)
  assert.is(state.regions.get('us-east-1')?.members.size, 0)
  assert.is(state.regions.get('us-east-1')?.detectors.size, 1)
})

test('the management account joins only through CreateMembers', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const { admin, detectorId } = await designate(sandbox)
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
    }),
  )
  const before = await admin.send(new GetMembersCommand({ DetectorId: detectorId, AccountIds: [MANAGEMENT] }))
  assert.is(before.Members?.length, 0)
  assert.is(before.UnprocessedAccounts?.[0]?.AccountId, MANAGEMENT)
  const created = await admin.send(
    new CreateMembersCommand({
      DetectorId: detectorId,
      AccountDetails: [{ AccountId: MANAGEMENT, Email: 'aws+management@example.com' }],
    }),
  )
  assert.equal(created.UnprocessedAccounts, [])
  const after = await admin.send(new GetMembersCommand({ DetectorId: detectorId, AccountIds: [MANAGEMENT] }))
  assert.is(after.Members?.[0]?.RelationshipStatus, 'Enabled')
  assert.ok(after.Members?.[0]?.DetectorId)
  const { DetectorIds } = await gd(sandbox).send(new ListDetectorsCommand({}))
  assert.is(DetectorIds?.length, 1)
})

test('auto-enable does not reach an opt-in region the account has not enabled', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  // The management account and the admin must have the region enabled to work there.
  for (const id of [MANAGEMENT, ADMIN]) sandbox.world.accounts.get(id)?.optInRegions.add('ap-southeast-4')
  const { admin, detectorId } = await designate(sandbox, 'ap-southeast-4')
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
    }),
  )
  assert.equal(await allMembers(admin, detectorId), [OPT_IN_ACCOUNT])
})

test('a region the caller has not enabled answers UnrecognizedClientException', async ({ sandbox }) => {
  const err = await failure(gd(sandbox, 'ap-southeast-4').send(new ListDetectorsCommand({})))
  assert.is(err.name, 'UnrecognizedClientException')
  assert.is(err.status, 403)
})

test('members are disassociated before they are deleted', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const { admin, detectorId } = await designate(sandbox)
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
    }),
  )
  const early = await admin.send(new DeleteMembersCommand({ DetectorId: detectorId, AccountIds: [OTHER] }))
  assert.is(early.UnprocessedAccounts?.[0]?.AccountId, OTHER)
  await admin.send(new DisassociateMembersCommand({ DetectorId: detectorId, AccountIds: [OTHER] }))
  assert.not.ok((await allMembers(admin, detectorId)).includes(OTHER))
  assert.ok((await allMembers(admin, detectorId, 'false')).includes(OTHER))
  const deleted = await admin.send(new DeleteMembersCommand({ DetectorId: detectorId, AccountIds: [OTHER] }))
  assert.equal(deleted.UnprocessedAccounts, [])
  assert.not.ok((await allMembers(admin, detectorId, 'false')).includes(OTHER))
})

test('switching auto-enable to NONE keeps existing members but adds no new accounts', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const { admin, detectorId } = await designate(sandbox)
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
    }),
  )
  const before = await allMembers(admin, detectorId)
  sandbox.world.clock.advance(60_000)
  sandbox.control('guardduty', 'setAutoEnable', { region: 'us-east-1', value: 'NONE' })
  assert.equal(await allMembers(admin, detectorId), before)
  const config = await admin.send(new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }))
  assert.is(config.AutoEnableOrganizationMembers, 'NONE')
})

test('controls inject drift: a feature turned off, a member detector deleted', async ({ sandbox }) => {
  await enableTrustedAccess(sandbox)
  const { admin, detectorId } = await designate(sandbox)
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
      Features: [{ Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' }],
    }),
  )
  sandbox.control('guardduty', 'setFeature', {
    region: 'us-east-1',
    name: 'S3_DATA_EVENTS',
    autoEnable: 'NONE',
  })
  sandbox.control('guardduty', 'deleteDetector', { account: OTHER, region: 'us-east-1' })
  const config = await admin.send(new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }))
  assert.is(config.Features?.find((f) => f.Name === 'S3_DATA_EVENTS')?.AutoEnable, 'NONE')
  // Turning a feature's auto-enable off leaves members that already have it as they are.
  const network = await gdAs(sandbox, '444444444444')
  const networkDetector = (await network.send(new ListDetectorsCommand({}))).DetectorIds?.[0]
  const features = (await network.send(new GetDetectorCommand({ DetectorId: networkDetector }))).Features
  assert.is(features?.find((f) => f.Name === 'S3_DATA_EVENTS')?.Status, 'ENABLED')
  const memberClient = await gdAs(sandbox, OTHER)
  assert.equal((await memberClient.send(new ListDetectorsCommand({}))).DetectorIds, [])
  sandbox.control('guardduty', 'disableAdmin', { region: 'us-east-1' })
  assert.equal((await gd(sandbox).send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts, [])
})

test('a guardduty seed section sets up the admin, auto-enable and features', async () => {
  const seed = {
    ...readSeedFile(DEFAULT_SEED_FILE),
    guardduty: {
      admin: ADMIN,
      regions: ['us-east-1'],
      autoEnable: 'ALL',
      features: { S3_DATA_EVENTS: 'ALL' },
    },
  }
  const sandbox = await startSandbox({ seed })
  try {
    const admin = await gdAs(sandbox, ADMIN)
    const detectorId = (await admin.send(new ListDetectorsCommand({}))).DetectorIds?.[0]
    const config = await admin.send(new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }))
    assert.is(config.AutoEnableOrganizationMembers, 'ALL')
    assert.is(config.Features?.find((f) => f.Name === 'S3_DATA_EVENTS')?.AutoEnable, 'ALL')
    assert.ok((await allMembers(admin, detectorId ?? '')).includes(OTHER))
  } finally {
    await sandbox.close()
  }
})

test.run()
