// Security Hub CSPM in the sandbox, through the real SDK client: admin designation, the hub and its
// standards, finding aggregation modes, and the organization configuration (LOCAL / CENTRAL).
import { ListDelegatedAdministratorsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import {
  BatchDisableStandardsCommand,
  BatchEnableStandardsCommand,
  CreateFindingAggregatorCommand,
  DeleteFindingAggregatorCommand,
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  DescribeStandardsCommand,
  DisableSecurityHubCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  GetEnabledStandardsCommand,
  GetFindingAggregatorCommand,
  ListFindingAggregatorsCommand,
  ListOrganizationAdminAccountsCommand,
  paginateDescribeStandards,
  SecurityHubClient,
  UpdateFindingAggregatorCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_SEED_FILE, type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { failure, management, member } from './helpers.ts'

const ADMIN = '222222222222'
const OTHER = '333333333333'

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('security-hub')

test.before.each(async (ctx) => {
  // Speed 1: simulated time moves only when a test advances it, so PENDING states can be observed.
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

const sh = (sandbox: Sandbox, region = 'us-east-1') => new SecurityHubClient(management(sandbox, region))
const shAs = async (sandbox: Sandbox, account: string, region = 'us-east-1') =>
  new SecurityHubClient(await member(sandbox, account, region))

async function adminWithHub(sandbox: Sandbox, region = 'us-east-1') {
  await sh(sandbox, region).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }))
  const admin = await shAs(sandbox, ADMIN, region)
  await admin.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }))
  return admin
}

test('designating the admin enables trusted access and registers it in Organizations', async ({
  sandbox,
}) => {
  assert.not.ok(sandbox.world.trustedAccess.has('securityhub.amazonaws.com'))
  const result = await sh(sandbox).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }))
  assert.is(result.AdminAccountId, ADMIN)
  assert.ok(sandbox.world.trustedAccess.has('securityhub.amazonaws.com'))
  const org = await new OrganizationsClient(management(sandbox)).send(
    new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'securityhub.amazonaws.com' }),
  )
  assert.equal(
    org.DelegatedAdministrators?.map((d) => d.Id),
    [ADMIN],
  )
  const listed = await sh(sandbox).send(new ListOrganizationAdminAccountsCommand({}))
  assert.equal(listed.AdminAccounts, [{ AccountId: ADMIN, Status: 'ENABLED' }])
  // Per region: nothing in another region yet.
  assert.equal(
    (await sh(sandbox, 'eu-west-1').send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts,
    [],
  )
})

test('only the management account designates, and only one account per organization', async ({ sandbox }) => {
  const other = await shAs(sandbox, OTHER)
  const denied = await failure(
    other.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN })),
  )
  assert.is(denied.name, 'AccessDeniedException')
  await sh(sandbox).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }))
  const second = await failure(
    sh(sandbox, 'eu-west-1').send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: OTHER })),
  )
  // EnableOrganizationAdminAccount's model lists no conflict error: InvalidInputException 400 (README).
  assert.is(second.name, 'InvalidInputException')
  assert.is(second.status, 400)
})

test('EnableSecurityHub turns on FSBP and CIS 1.2.0, PENDING then READY; a second call conflicts', async ({
  sandbox,
}) => {
  const client = sh(sandbox)
  await client.send(new EnableSecurityHubCommand({}))
  const enabled = await client.send(new GetEnabledStandardsCommand({}))
  assert.equal(enabled.StandardsSubscriptions?.map((s) => s.StandardsArn).sort(), [
    'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0',
    'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0',
  ])
  assert.ok(enabled.StandardsSubscriptions?.every((s) => s.StandardsStatus === 'PENDING'))
  sandbox.world.clock.advance(5 * 60_000)
  const later = await client.send(new GetEnabledStandardsCommand({}))
  assert.ok(later.StandardsSubscriptions?.every((s) => s.StandardsStatus === 'READY'))
  const again = await failure(client.send(new EnableSecurityHubCommand({})))
  assert.is(again.name, 'ResourceConflictException')
  assert.is(again.message, 'Account is already subscribed to Security Hub')
})

test('EnableDefaultStandards=false enables no standard; BatchEnable/BatchDisable change them', async ({
  sandbox,
}) => {
  const client = sh(sandbox, 'eu-west-1')
  await client.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }))
  assert.equal((await client.send(new GetEnabledStandardsCommand({}))).StandardsSubscriptions, [])
  const cis3 = 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0'
  const enabled = await client.send(
    new BatchEnableStandardsCommand({ StandardsSubscriptionRequests: [{ StandardsArn: cis3 }] }),
  )
  const subscription = enabled.StandardsSubscriptions?.[0]?.StandardsSubscriptionArn
  assert.is(
    subscription,
    `arn:aws:securityhub:eu-west-1:111111111111:subscription/cis-aws-foundations-benchmark/v/3.0.0`,
  )
  const bogus = await failure(
    client.send(
      new BatchEnableStandardsCommand({ StandardsSubscriptionRequests: [{ StandardsArn: 'arn:nope' }] }),
    ),
  )
  assert.is(bogus.name, 'InvalidInputException')
  const disabled = await client.send(
    new BatchDisableStandardsCommand({ StandardsSubscriptionArns: [subscription ?? ''] }),
  )
  assert.is(disabled.StandardsSubscriptions?.[0]?.StandardsStatus, 'DELETING')
  assert.equal((await client.send(new GetEnabledStandardsCommand({}))).StandardsSubscriptions, [])
})

test('DescribeStandards lists the catalogue with regional ARNs and the global CIS 1.2.0, paged', async () => {
  const sandbox = await startSandbox({ pageSizeCap: 2 })
  try {
    const client = sh(sandbox, 'eu-central-1')
    const first = await client.send(new DescribeStandardsCommand({}))
    assert.is(first.Standards?.length, 2)
    assert.ok(first.NextToken)
    const arns: string[] = []
    for await (const page of paginateDescribeStandards({ client }, {})) {
      for (const s of page.Standards ?? []) arns.push(s.StandardsArn ?? '')
    }
    assert.equal(arns.sort(), [
      'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0',
      'arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/1.4.0',
      'arn:aws:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
      'arn:aws:securityhub:eu-central-1::standards/nist-800-53/v/5.0.0',
      'arn:aws:securityhub:eu-central-1::standards/pci-dss/v/3.2.1',
    ])
  } finally {
    await sandbox.close()
  }
})

test('an account without a hub gets InvalidAccessException (401)', async ({ sandbox }) => {
  const err = await failure(sh(sandbox).send(new DescribeHubCommand({})))
  assert.is(err.name, 'InvalidAccessException')
  assert.is(err.status, 401)
  assert.is(err.message, 'Account 111111111111 is not subscribed to AWS Security Hub')
  await sh(sandbox).send(new EnableSecurityHubCommand({}))
  const hub = await sh(sandbox).send(new DescribeHubCommand({}))
  assert.is(hub.HubArn, 'arn:aws:securityhub:us-east-1:111111111111:hub/default')
  await sh(sandbox).send(new DisableSecurityHubCommand({}))
  assert.is((await failure(sh(sandbox).send(new DescribeHubCommand({})))).name, 'InvalidAccessException')
})

test('aggregator modes validate Regions as the API reference says', async ({ sandbox }) => {
  const admin = await adminWithHub(sandbox)
  const cases: Array<[string, { RegionLinkingMode: string; Regions?: string[] }]> = [
    ['NO_REGIONS takes no Regions', { RegionLinkingMode: 'NO_REGIONS', Regions: ['eu-west-1'] }],
    ['ALL_REGIONS takes no Regions', { RegionLinkingMode: 'ALL_REGIONS', Regions: ['eu-west-1'] }],
    ['SPECIFIED_REGIONS needs Regions', { RegionLinkingMode: 'SPECIFIED_REGIONS' }],
    ['ALL_REGIONS_EXCEPT_SPECIFIED needs Regions', { RegionLinkingMode: 'ALL_REGIONS_EXCEPT_SPECIFIED' }],
    ['an unknown mode', { RegionLinkingMode: 'SOME_REGIONS' }],
    ['an unknown region', { RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['xx-nowhere-1'] }],
  ]
  for (const [reason, input] of cases) {
    const err = await failure(admin.send(new CreateFindingAggregatorCommand(input)))
    assert.is(err.name, 'InvalidInputException', reason)
  }
  const created = await admin.send(
    new CreateFindingAggregatorCommand({ RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['eu-west-1'] }),
  )
  assert.is(created.FindingAggregationRegion, 'us-east-1')
  assert.equal(created.Regions, ['eu-west-1'])
  const second = await failure(
    admin.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' })),
  )
  assert.is(second.name, 'InvalidInputException', 'one aggregator per account')
})

test('the aggregator is read anywhere but changed only from its home region', async ({ sandbox }) => {
  const admin = await adminWithHub(sandbox)
  const { FindingAggregatorArn } = await admin.send(
    new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' }),
  )
  const listed = await admin.send(new ListFindingAggregatorsCommand({}))
  assert.equal(listed.FindingAggregators, [{ FindingAggregatorArn }])
  const got = await admin.send(new GetFindingAggregatorCommand({ FindingAggregatorArn }))
  assert.is(got.RegionLinkingMode, 'ALL_REGIONS')
  const remote = await shAs(sandbox, ADMIN, 'eu-west-1')
  await remote.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }))
  const fromElsewhere = await failure(
    remote.send(
      new UpdateFindingAggregatorCommand({ FindingAggregatorArn, RegionLinkingMode: 'NO_REGIONS' }),
    ),
  )
  assert.is(fromElsewhere.name, 'InvalidInputException')
  const updated = await admin.send(
    new UpdateFindingAggregatorCommand({
      FindingAggregatorArn,
      RegionLinkingMode: 'ALL_REGIONS_EXCEPT_SPECIFIED',
      Regions: ['sa-east-1'],
    }),
  )
  assert.equal(updated.Regions, ['sa-east-1'])
  await admin.send(new DeleteFindingAggregatorCommand({ FindingAggregatorArn }))
  const gone = await failure(admin.send(new GetFindingAggregatorCommand({ FindingAggregatorArn })))
  assert.is(gone.name, 'ResourceNotFoundException')
  assert.is(gone.status, 404)
})

test('organization configuration is for the admin only', async ({ sandbox }) => {
  await adminWithHub(sandbox)
  const other = await shAs(sandbox, OTHER)
  const err = await failure(other.send(new DescribeOrganizationConfigurationCommand({})))
  assert.is(err.name, 'InvalidAccessException')
  assert.is(err.message, `Account ${OTHER} is not an administrator for this organization`)
})

test('LOCAL configuration is per region and read back as written', async ({ sandbox }) => {
  const admin = await adminWithHub(sandbox)
  await admin.send(
    new UpdateOrganizationConfigurationCommand({ AutoEnable: true, AutoEnableStandards: 'NONE' }),
  )
  const config = await admin.send(new DescribeOrganizationConfigurationCommand({}))
  assert.is(config.AutoEnable, true)
  assert.is(config.AutoEnableStandards, 'NONE')
  assert.equal(config.OrganizationConfiguration, { ConfigurationType: 'LOCAL', Status: 'ENABLED' })
})

test('CENTRAL needs an aggregator with a linked region in the home region, and AutoEnable false', async ({
  sandbox,
}) => {
  const admin = await adminWithHub(sandbox)
  const central = {
    AutoEnable: false,
    AutoEnableStandards: 'NONE' as const,
    OrganizationConfiguration: { ConfigurationType: 'CENTRAL' as const },
  }
  const noAggregator = await failure(admin.send(new UpdateOrganizationConfigurationCommand(central)))
  assert.is(noAggregator.name, 'InvalidInputException', 'no aggregator')
  const { FindingAggregatorArn } = await admin.send(
    new CreateFindingAggregatorCommand({ RegionLinkingMode: 'NO_REGIONS' }),
  )
  const noLinked = await failure(admin.send(new UpdateOrganizationConfigurationCommand(central)))
  assert.is(noLinked.name, 'InvalidInputException', 'no linked region')
  await admin.send(
    new UpdateFindingAggregatorCommand({ FindingAggregatorArn, RegionLinkingMode: 'ALL_REGIONS' }),
  )
  const autoEnable = await failure(
    admin.send(new UpdateOrganizationConfigurationCommand({ ...central, AutoEnable: true })),
  )
  assert.is(autoEnable.name, 'InvalidInputException', 'AutoEnable must be false')
  await admin.send(new UpdateOrganizationConfigurationCommand(central))
  const pending = await admin.send(new DescribeOrganizationConfigurationCommand({}))
  assert.is(pending.OrganizationConfiguration?.Status, 'PENDING')
  assert.is(pending.OrganizationConfiguration?.ConfigurationType, 'CENTRAL')
  sandbox.world.clock.advance(10 * 60_000)
  const enabled = await admin.send(new DescribeOrganizationConfigurationCommand({}))
  assert.is(enabled.OrganizationConfiguration?.Status, 'ENABLED')
  assert.is(enabled.AutoEnable, false)
  assert.is(enabled.AutoEnableStandards, 'NONE')
  // A linked region reports CENTRAL too.
  await sh(sandbox, 'eu-west-1').send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }))
  const linked = await (await shAs(sandbox, ADMIN, 'eu-west-1')).send(
    new DescribeOrganizationConfigurationCommand({}),
  )
  assert.is(linked.OrganizationConfiguration?.ConfigurationType, 'CENTRAL')
  // The aggregator cannot go while central configuration depends on it.
  const deleting = await failure(admin.send(new DeleteFindingAggregatorCommand({ FindingAggregatorArn })))
  assert.is(deleting.name, 'InvalidInputException')
})

test('controls: disableStandard and deleteFindingAggregator inject drift', async ({ sandbox }) => {
  const admin = await adminWithHub(sandbox)
  await admin.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' }))
  sandbox.control('securityhub', 'deleteFindingAggregator', {})
  assert.equal((await admin.send(new ListFindingAggregatorsCommand({}))).FindingAggregators, [])
  await sh(sandbox).send(new EnableSecurityHubCommand({}))
  sandbox.control('securityhub', 'disableStandard', {
    account: '111111111111',
    region: 'us-east-1',
    arn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0',
  })
  const left = await sh(sandbox).send(new GetEnabledStandardsCommand({}))
  assert.equal(
    left.StandardsSubscriptions?.map((s) => s.StandardsArn),
    ['arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0'],
  )
})

test('a securityHub seed section sets up the admin, the aggregator and central configuration', async () => {
  const seed = {
    ...readSeedFile(DEFAULT_SEED_FILE),
    securityHub: {
      admin: ADMIN,
      regions: ['us-east-1', 'eu-west-1'],
      aggregator: { homeRegion: 'us-east-1' },
      central: true,
    },
  }
  const sandbox = await startSandbox({ seed, speed: 1 })
  try {
    const admin = await shAs(sandbox, ADMIN)
    const config = await admin.send(new DescribeOrganizationConfigurationCommand({}))
    assert.equal(config.OrganizationConfiguration, { ConfigurationType: 'CENTRAL', Status: 'ENABLED' })
    assert.is((await admin.send(new ListFindingAggregatorsCommand({}))).FindingAggregators?.length, 1)
  } finally {
    await sandbox.close()
  }
})

test.run()
