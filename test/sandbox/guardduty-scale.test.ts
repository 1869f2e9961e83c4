// GuardDuty paging and scale: pages shrunk to 2 items must still add up, and an organization of 5,000
// accounts × 17 regions with auto-enable ALL is answered from derived views, without per-account state.
import {
  DescribeOrganizationConfigurationCommand,
  EnableOrganizationAdminAccountCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListMembersCommand,
  paginateListMembers,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-guardduty'
import { EnableAWSServiceAccessCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { guardDutyState } from '../../src/sandbox/services/guardduty/state.ts'
import { DEFAULT_REGIONS } from '../../src/sandbox/state.ts'
import { management, member } from './helpers.ts'

async function setUp(sandbox: Sandbox, admin: string, regions: readonly string[]) {
  await new OrganizationsClient(management(sandbox)).send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
  )
  const detectors = new Map<string, { client: GuardDutyClient; detectorId: string }>()
  for (const region of regions) {
    await new GuardDutyClient(management(sandbox, region)).send(
      new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin }),
    )
    const client = new GuardDutyClient(await member(sandbox, admin, region))
    const detectorId = (await client.send(new ListDetectorsCommand({}))).DetectorIds?.[0] ?? ''
    await client.send(
      new UpdateOrganizationConfigurationCommand({
        DetectorId: detectorId,
        AutoEnableOrganizationMembers: 'ALL',
      }),
    )
    detectors.set(region, { client, detectorId })
  }
  return detectors
}

function expectedMembers(sandbox: Sandbox, admin: string, region: string): string[] {
  const { world } = sandbox
  return [...world.accounts.values()]
    .filter(
      (a) =>
        a.status === 'ACTIVE' &&
        a.id !== world.managementAccountId &&
        a.id !== admin &&
        world.isRegionEnabled(a.id, region),
    )
    .map((a) => a.id)
    .sort()
}

test('ListMembers pages capped at 2 items still add up to every member', async () => {
  const sandbox = await startSandbox({ pageSizeCap: 2 })
  try {
    const admin = '222222222222'
    const { client, detectorId } = (await setUp(sandbox, admin, ['us-east-1'])).get('us-east-1') ?? {}
    if (!client || !detectorId) throw new Error('set-up failed')
    const first = await client.send(new ListMembersCommand({ DetectorId: detectorId, MaxResults: 50 }))
    assert.is(first.Members?.length, 2)
    assert.ok(first.NextToken, 'a capped first page says there is more')
    const seen: string[] = []
    for await (const page of paginateListMembers({ client }, { DetectorId: detectorId })) {
      assert.ok((page.Members?.length ?? 0) <= 2)
      for (const m of page.Members ?? []) seen.push(m.AccountId ?? '')
    }
    assert.equal(seen.sort(), expectedMembers(sandbox, admin, 'us-east-1'))
  } finally {
    await sandbox.close()
  }
})

test('ListMembers rejects MaxResults above 50 as AWS does', async () => {
  const sandbox = await startSandbox()
  try {
    const { client, detectorId } =
      (await setUp(sandbox, '222222222222', ['us-east-1'])).get('us-east-1') ?? {}
    if (!client || !detectorId) throw new Error('set-up failed')
    let name = ''
    await client
      .send(new ListMembersCommand({ DetectorId: detectorId, MaxResults: 51 }))
      .catch((e: Error) => {
        name = e.name
      })
    assert.is(name, 'BadRequestException')
  } finally {
    await sandbox.close()
  }
})

test('5,000 accounts × 17 regions with auto-enable ALL keep no per-account state', async () => {
  const sandbox = await startSandbox({ accounts: 5000 })
  try {
    const { world } = sandbox
    const admin = [...world.accounts.values()].find(
      (a) =>
        a.id !== world.managementAccountId &&
        a.status === 'ACTIVE' &&
        a.accessRoles.has('OrganizationAccountAccessRole'),
    )?.id
    if (!admin) throw new Error('no candidate admin account')
    const detectors = await setUp(sandbox, admin, DEFAULT_REGIONS)
    for (const [region, { client, detectorId }] of detectors) {
      const config = await client.send(
        new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }),
      )
      assert.is(config.AutoEnableOrganizationMembers, 'ALL', region)
    }
    const { client, detectorId } = detectors.get('eu-west-1') ?? {}
    if (!client || !detectorId) throw new Error('set-up failed')
    let count = 0
    for await (const page of paginateListMembers({ client }, { DetectorId: detectorId }))
      count += page.Members?.length ?? 0
    assert.is(count, expectedMembers(sandbox, admin, 'eu-west-1').length)
    assert.ok(count > 4000)
    const state = guardDutyState(world)
    for (const region of DEFAULT_REGIONS) {
      assert.is(state.regions.get(region)?.members.size, 0, `${region}: no stored members`)
      assert.is(
        state.regions.get(region)?.detectors.size,
        1,
        `${region}: only the admin's detector is stored`,
      )
    }
  } finally {
    await sandbox.close()
  }
})

test.run()
