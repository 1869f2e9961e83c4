// Security Hub central configuration through the real SDK client: configuration policies, their
// associations with the root, OUs and accounts, inheritance, and what a governed account sees.
import {
  BatchDisableStandardsCommand,
  CreateConfigurationPolicyCommand,
  type CreateConfigurationPolicyCommandInput,
  CreateFindingAggregatorCommand,
  DeleteConfigurationPolicyCommand,
  DescribeHubCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  GetConfigurationPolicyAssociationCommand,
  GetConfigurationPolicyCommand,
  GetEnabledStandardsCommand,
  ListConfigurationPoliciesCommand,
  ListConfigurationPolicyAssociationsCommand,
  paginateListConfigurationPolicyAssociations,
  SecurityHubClient,
  StartConfigurationPolicyAssociationCommand,
  StartConfigurationPolicyDisassociationCommand,
  UpdateConfigurationPolicyCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

const ADMIN = '222222222222'
const PAYMENTS_PROD = '555555555555'
const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0'
const SETTLE_MS = 10 * 60_000

interface Context {
  sandbox: Sandbox
  admin: SecurityHubClient
}

const policyInput = (name: string): CreateConfigurationPolicyCommandInput => ({
  Name: name,
  Description: 'org-baseline default',
  ConfigurationPolicy: {
    SecurityHub: {
      ServiceEnabled: true,
      EnabledStandardIdentifiers: [FSBP],
      SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: ['IAM.6'] },
    },
  },
})

const ouId = (sandbox: Sandbox, name: string) => {
  const ou = [...sandbox.world.ous.values()].find((o) => o.name === name)
  if (!ou) throw new Error(`no OU ${name}`)
  return ou.id
}

/** Admin in us-east-1 (home) and eu-west-1, aggregator ALL_REGIONS, central configuration settled. */
async function centralOrganization(sandbox: Sandbox): Promise<SecurityHubClient> {
  for (const region of ['us-east-1', 'eu-west-1']) {
    await new SecurityHubClient(management(sandbox, region)).send(
      new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }),
    )
  }
  const admin = new SecurityHubClient(await member(sandbox, ADMIN))
  await admin.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }))
  await admin.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' }))
  await admin.send(
    new UpdateOrganizationConfigurationCommand({
      AutoEnable: false,
      AutoEnableStandards: 'NONE',
      OrganizationConfiguration: { ConfigurationType: 'CENTRAL' },
    }),
  )
  sandbox.world.clock.advance(SETTLE_MS)
  return admin
}

const test = suite<Context>('security-hub central configuration')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

test('policies need central configuration first', async ({ sandbox }) => {
  await new SecurityHubClient(management(sandbox)).send(
    new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }),
  )
  const admin = new SecurityHubClient(await member(sandbox, ADMIN))
  await admin.send(new EnableSecurityHubCommand({}))
  const err = await failure(admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline'))))
  assert.is(err.name, 'AccessDeniedException')
})

test('policies are created, read, listed, renamed and deleted by the admin in the home region', async ({
  sandbox,
}) => {
  const admin = await centralOrganization(sandbox)
  const created = await admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline')))
  assert.match(created.Arn ?? '', /^arn:aws:securityhub:us-east-1:222222222222:configuration-policy\//)
  const got = await admin.send(new GetConfigurationPolicyCommand({ Identifier: created.Arn }))
  assert.is(got.Id, created.Id)
  assert.equal(got.ConfigurationPolicy, policyInput('baseline').ConfigurationPolicy)
  assert.ok(got.CreatedAt instanceof Date)
  const renamed = await admin.send(
    new UpdateConfigurationPolicyCommand({ Identifier: created.Id, Name: 'baseline-v2' }),
  )
  assert.is(renamed.Name, 'baseline-v2')
  const list = await admin.send(new ListConfigurationPoliciesCommand({}))
  assert.equal(
    list.ConfigurationPolicySummaries?.map((p) => [p.Name, p.ServiceEnabled]),
    [['baseline-v2', true]],
  )
  await admin.send(new DeleteConfigurationPolicyCommand({ Identifier: created.Id }))
  const gone = await failure(admin.send(new GetConfigurationPolicyCommand({ Identifier: created.Id })))
  assert.is(gone.name, 'ResourceNotFoundException')
})

test('invalid policies are rejected', async ({ sandbox }) => {
  const admin = await centralOrganization(sandbox)
  await admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline')))
  const duplicate = await failure(admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline'))))
  assert.is(duplicate.name, 'ResourceConflictException', 'names are unique')
  const badStandard = policyInput('bad-standard')
  badStandard.ConfigurationPolicy = {
    SecurityHub: {
      ServiceEnabled: true,
      EnabledStandardIdentifiers: ['arn:aws:securityhub:us-east-1::standards/made-up/v/1.0.0'],
      SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: [] },
    },
  }
  assert.is(
    (await failure(admin.send(new CreateConfigurationPolicyCommand(badStandard)))).name,
    'InvalidInputException',
  )
  const bothLists = policyInput('both-lists')
  bothLists.ConfigurationPolicy = {
    SecurityHub: {
      ServiceEnabled: true,
      EnabledStandardIdentifiers: [FSBP],
      SecurityControlsConfiguration: {
        EnabledSecurityControlIdentifiers: ['IAM.1'],
        DisabledSecurityControlIdentifiers: ['IAM.6'],
      },
    },
  }
  assert.is(
    (await failure(admin.send(new CreateConfigurationPolicyCommand(bothLists)))).name,
    'InvalidInputException',
  )
})

test('central operations only from the home region and only by the admin', async ({ sandbox }) => {
  await centralOrganization(sandbox)
  const linked = new SecurityHubClient(await member(sandbox, ADMIN, 'eu-west-1'))
  const fromLinked = await failure(linked.send(new ListConfigurationPoliciesCommand({})))
  assert.is(fromLinked.name, 'AccessDeniedException')
  const management_ = new SecurityHubClient(management(sandbox))
  const notAdmin = await failure(management_.send(new ListConfigurationPoliciesCommand({})))
  assert.is(notAdmin.name, 'AccessDeniedException')
})

test('an OU association is APPLIED there and INHERITED below, PENDING until it settles', async ({
  sandbox,
}) => {
  const admin = await centralOrganization(sandbox)
  const { Id } = await admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline')))
  const workloads = ouId(sandbox, 'Workloads')
  const started = await admin.send(
    new StartConfigurationPolicyAssociationCommand({
      ConfigurationPolicyIdentifier: Id,
      Target: { OrganizationalUnitId: workloads },
    }),
  )
  assert.is(started.AssociationStatus, 'PENDING')
  assert.is(started.AssociationType, 'APPLIED')
  assert.is(started.TargetType, 'ORGANIZATIONAL_UNIT')
  sandbox.world.clock.advance(SETTLE_MS)
  const inherited = await admin.send(
    new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: PAYMENTS_PROD } }),
  )
  assert.is(inherited.ConfigurationPolicyId, Id)
  assert.is(inherited.AssociationType, 'INHERITED')
  assert.is(inherited.AssociationStatus, 'SUCCESS')
  const outside = await admin.send(
    new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: ADMIN } }),
  )
  assert.is(outside.ConfigurationPolicyId, 'SELF_MANAGED_SECURITY_HUB')
  const missing = await failure(
    admin.send(
      new StartConfigurationPolicyAssociationCommand({
        ConfigurationPolicyIdentifier: Id,
        Target: { OrganizationalUnitId: 'ou-sb01-nothere' },
      }),
    ),
  )
  assert.is(missing.name, 'ResourceNotFoundException') // the operation's model error, not Organizations'
})

test('associations are listed with filters, in pages of at most 2 when capped', async () => {
  const sandbox = await startSandbox({ speed: 1, pageSizeCap: 2 })
  try {
    const admin = await centralOrganization(sandbox)
    const { Id } = await admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline')))
    await admin.send(
      new StartConfigurationPolicyAssociationCommand({
        ConfigurationPolicyIdentifier: Id,
        Target: { RootId: sandbox.world.rootId },
      }),
    )
    await admin.send(
      new StartConfigurationPolicyAssociationCommand({
        ConfigurationPolicyIdentifier: 'SELF_MANAGED_SECURITY_HUB',
        Target: { AccountId: ADMIN },
      }),
    )
    const applied = await admin.send(
      new ListConfigurationPolicyAssociationsCommand({ Filters: { AssociationType: 'APPLIED' } }),
    )
    assert.is(applied.ConfigurationPolicyAssociationSummaries?.length, 2)
    const targets: string[] = []
    for await (const page of paginateListConfigurationPolicyAssociations({ client: admin }, {})) {
      assert.ok((page.ConfigurationPolicyAssociationSummaries?.length ?? 0) <= 2)
      for (const s of page.ConfigurationPolicyAssociationSummaries ?? []) targets.push(s.TargetId ?? '')
    }
    assert.is(targets.length, 1 + sandbox.world.ous.size + sandbox.world.accounts.size)
  } finally {
    await sandbox.close()
  }
})

test('a governed account has the hub its policy says and cannot change it itself', async ({ sandbox }) => {
  const admin = await centralOrganization(sandbox)
  const { Id } = await admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline')))
  await admin.send(
    new StartConfigurationPolicyAssociationCommand({
      ConfigurationPolicyIdentifier: Id,
      Target: { OrganizationalUnitId: ouId(sandbox, 'Workloads') },
    }),
  )
  sandbox.world.clock.advance(SETTLE_MS)
  // eu-west-1 is linked (ALL_REGIONS), so the policy reaches it too.
  const memberClient = new SecurityHubClient(await member(sandbox, PAYMENTS_PROD, 'eu-west-1'))
  const hub = await memberClient.send(new DescribeHubCommand({}))
  assert.is(hub.HubArn, `arn:aws:securityhub:eu-west-1:${PAYMENTS_PROD}:hub/default`)
  const standards = await memberClient.send(new GetEnabledStandardsCommand({}))
  assert.equal(
    standards.StandardsSubscriptions?.map((s) => s.StandardsArn),
    [FSBP],
  )
  const err = await failure(
    memberClient.send(
      new BatchDisableStandardsCommand({
        StandardsSubscriptionArns: [standards.StandardsSubscriptions?.[0]?.StandardsSubscriptionArn ?? ''],
      }),
    ),
  )
  assert.is(err.name, 'AccessDeniedException')
  assert.match(err.message, /central configuration policy/)
  const enabling = await failure(memberClient.send(new EnableSecurityHubCommand({})))
  assert.is(enabling.name, 'AccessDeniedException')
})

test('a policy in use cannot be deleted; disassociation (or the control) lets targets inherit again', async ({
  sandbox,
}) => {
  const admin = await centralOrganization(sandbox)
  const { Id } = await admin.send(new CreateConfigurationPolicyCommand(policyInput('baseline')))
  await admin.send(
    new StartConfigurationPolicyAssociationCommand({
      ConfigurationPolicyIdentifier: Id,
      Target: { AccountId: PAYMENTS_PROD },
    }),
  )
  const inUse = await failure(admin.send(new DeleteConfigurationPolicyCommand({ Identifier: Id })))
  assert.is(inUse.name, 'ResourceConflictException')
  await admin.send(
    new StartConfigurationPolicyDisassociationCommand({
      ConfigurationPolicyIdentifier: Id,
      Target: { AccountId: PAYMENTS_PROD },
    }),
  )
  const after = await admin.send(
    new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: PAYMENTS_PROD } }),
  )
  assert.is(after.ConfigurationPolicyId, 'SELF_MANAGED_SECURITY_HUB')
  await admin.send(
    new StartConfigurationPolicyAssociationCommand({
      ConfigurationPolicyIdentifier: Id,
      Target: { RootId: sandbox.world.rootId },
    }),
  )
  sandbox.control('securityhub', 'disassociatePolicy', { target: sandbox.world.rootId })
  const root = await admin.send(
    new GetConfigurationPolicyAssociationCommand({ Target: { RootId: sandbox.world.rootId } }),
  )
  assert.is(root.ConfigurationPolicyId, 'SELF_MANAGED_SECURITY_HUB')
  await admin.send(new DeleteConfigurationPolicyCommand({ Identifier: Id }))
})

test.run()
