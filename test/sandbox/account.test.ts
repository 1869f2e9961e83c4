// Account Management: regions per account, opt-in enablement over simulated time, cross-account rules.
import {
  AccountClient,
  EnableRegionCommand,
  GetRegionOptStatusCommand,
  ListRegionsCommand,
  paginateListRegions,
} from '@aws-sdk/client-account'
import { EnableAWSServiceAccessCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let account: AccountClient

test.before(async () => {
  sandbox = await startSandbox({ pageSizeCap: 2 })
  account = new AccountClient(management(sandbox))
})
test.after(() => sandbox.close())

test('ListRegions pages through all 34 regions: 17 enabled by default, the opt-in ones disabled', async () => {
  const regions: { RegionName?: string; RegionOptStatus?: string }[] = []
  for await (const page of paginateListRegions({ client: account }, {})) regions.push(...(page.Regions ?? []))
  assert.is(regions.length, 34)
  assert.is(regions.filter((r) => r.RegionOptStatus === 'ENABLED_BY_DEFAULT').length, 17)
  assert.is(regions.filter((r) => r.RegionOptStatus === 'DISABLED').length, 17)
})

test('the member with Melbourne enabled reports it ENABLED, filtered by RegionOptStatusContains', async () => {
  const inMember = new AccountClient(await member(sandbox, '555555555555'))
  const { Regions } = await inMember.send(new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED'] }))
  assert.equal(Regions, [{ RegionName: 'ap-southeast-4', RegionOptStatus: 'ENABLED' }])
})

test('another account’s regions need trusted access for account.amazonaws.com (AccessDeniedException 403 before)', async () => {
  const error = await failure(account.send(new ListRegionsCommand({ AccountId: '555555555555' })))
  assert.is(error.name, 'AccessDeniedException')
  assert.is(error.status, 403)
  await new OrganizationsClient(management(sandbox)).send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: 'account.amazonaws.com' }),
  )
  const { Regions } = await account.send(
    new ListRegionsCommand({ AccountId: '555555555555', RegionOptStatusContains: ['ENABLED'] }),
  )
  assert.is(Regions?.[0]?.RegionName, 'ap-southeast-4')
})

test('a member cannot read another member’s regions even with trusted access', async () => {
  const inMember = new AccountClient(await member(sandbox, '555555555555'))
  const error = await failure(inMember.send(new ListRegionsCommand({ AccountId: '666666666666' })))
  assert.is(error.name, 'AccessDeniedException')
})

test('MaxResults above 50 is ValidationException 400', async () => {
  const error = await failure(account.send(new ListRegionsCommand({ MaxResults: 51 })))
  assert.is(error.name, 'ValidationException')
  assert.is(error.status, 400)
})

test('EnableRegion goes ENABLING, then ENABLED after simulated minutes; enabling again meanwhile is ConflictException', async () => {
  const input = { AccountId: '666666666666', RegionName: 'eu-central-2' }
  await account.send(new EnableRegionCommand(input))
  const enabling = await account.send(new GetRegionOptStatusCommand(input))
  assert.is(enabling.RegionOptStatus, 'ENABLING')
  assert.is(sandbox.world.isRegionEnabled('666666666666', 'eu-central-2'), false)
  const conflict = await failure(account.send(new EnableRegionCommand(input)))
  assert.is(conflict.name, 'ConflictException')
  sandbox.control('sandbox', 'advanceClock', { ms: 60 * 60_000 })
  const enabled = await account.send(new GetRegionOptStatusCommand(input))
  assert.is(enabled.RegionOptStatus, 'ENABLED')
  assert.is(sandbox.world.isRegionEnabled('666666666666', 'eu-central-2'), true)
})

test('a default region cannot be enabled (ValidationException)', async () => {
  const error = await failure(account.send(new EnableRegionCommand({ RegionName: 'eu-west-1' })))
  assert.is(error.name, 'ValidationException')
})

test.run()
