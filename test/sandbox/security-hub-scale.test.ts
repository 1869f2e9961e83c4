// Security Hub at 5,000 accounts: a root association under central configuration governs every account in
// every linked region, answered from derived views without a hub stored per account.
import {
  CreateConfigurationPolicyCommand,
  CreateFindingAggregatorCommand,
  DescribeHubCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  GetConfigurationPolicyAssociationCommand,
  ListConfigurationPolicyAssociationsCommand,
  paginateListConfigurationPolicyAssociations,
  SecurityHubClient,
  StartConfigurationPolicyAssociationCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox } from '../../src/sandbox/index.ts'
import { securityHubState } from '../../src/sandbox/services/security-hub/state.ts'
import { management, member } from './helpers.ts'

test('a root association governs 5,000 accounts with no hub stored per account', async () => {
  const sandbox = await startSandbox({ accounts: 5000, speed: 1 })
  try {
    const { world } = sandbox
    const withRole = [...world.accounts.values()].filter(
      (a) =>
        a.id !== world.managementAccountId &&
        a.status === 'ACTIVE' &&
        a.accessRoles.has('OrganizationAccountAccessRole'),
    )
    const [adminAccount, memberAccount] = withRole
    if (!adminAccount || !memberAccount) throw new Error('not enough accounts')
    await new SecurityHubClient(management(sandbox)).send(
      new EnableOrganizationAdminAccountCommand({ AdminAccountId: adminAccount.id }),
    )
    const admin = new SecurityHubClient(await member(sandbox, adminAccount.id))
    await admin.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }))
    await admin.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' }))
    await admin.send(
      new UpdateOrganizationConfigurationCommand({
        AutoEnable: false,
        AutoEnableStandards: 'NONE',
        OrganizationConfiguration: { ConfigurationType: 'CENTRAL' },
      }),
    )
    world.clock.advance(10 * 60_000)
    const { Id } = await admin.send(
      new CreateConfigurationPolicyCommand({
        Name: 'baseline',
        ConfigurationPolicy: {
          SecurityHub: {
            ServiceEnabled: true,
            EnabledStandardIdentifiers: [
              'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0',
            ],
            SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: [] },
          },
        },
      }),
    )
    await admin.send(
      new StartConfigurationPolicyAssociationCommand({
        ConfigurationPolicyIdentifier: Id,
        Target: { RootId: world.rootId },
      }),
    )
    world.clock.advance(10 * 60_000)

    const applied = await admin.send(
      new ListConfigurationPolicyAssociationsCommand({ Filters: { AssociationType: 'APPLIED' } }),
    )
    assert.is(applied.ConfigurationPolicyAssociationSummaries?.length, 1, 'one applied association: the root')
    let listed = 0
    for await (const page of paginateListConfigurationPolicyAssociations({ client: admin }, {})) {
      listed += page.ConfigurationPolicyAssociationSummaries?.length ?? 0
    }
    assert.is(listed, 1 + world.ous.size + world.accounts.size)
    const inherited = await admin.send(
      new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: memberAccount.id } }),
    )
    assert.is(inherited.ConfigurationPolicyId, Id)
    assert.is(inherited.AssociationType, 'INHERITED')
    const memberClient = new SecurityHubClient(await member(sandbox, memberAccount.id, 'ap-northeast-1'))
    const hub = await memberClient.send(new DescribeHubCommand({}))
    assert.is(hub.HubArn, `arn:aws:securityhub:ap-northeast-1:${memberAccount.id}:hub/default`)
    assert.is(securityHubState(world).hubs.size, 1, "only the admin's own hub is stored")
  } finally {
    await sandbox.close()
  }
})

test.run()
