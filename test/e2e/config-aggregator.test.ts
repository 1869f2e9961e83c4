// The config-aggregator module end to end: the CLI against the default sandbox organization.
import { ConfigServiceClient, DescribeConfigurationAggregatorsCommand } from '@aws-sdk/client-config-service'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { member } from '../sandbox/helpers.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('config-aggregator module')

const SECURITY = '222222222222'

test('from the default seed, the aggregator waits for both Config delegated-admin registrations (and the member role it is made through)', async () => {
  await withSandbox({}, async (sandbox) => {
    const plan = await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)
    assert.is(plan.code, 2)
    const change = (JSON.parse(plan.stdout).changes as { address: string; dependsOn: string[] }[]).find(
      (c) => c.address === 'config-aggregator[org-baseline]',
    )
    assert.ok(change, 'the aggregator is planned')
    assert.equal(change.dependsOn.sort(), [
      `delegated-admin[config-multiaccountsetup.amazonaws.com→${SECURITY}]`,
      `delegated-admin[config.amazonaws.com→${SECURITY}]`,
      'stackset.instances[member-role]',
      'stackset[member-role]',
      'trusted-access[config.amazonaws.com]',
    ])
  })
})

test('apply creates an organization aggregator of all regions through the service-linked role; replanning is empty', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const config = new ConfigServiceClient(await member(sandbox, SECURITY))
    const { ConfigurationAggregators } = await config.send(
      new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ['org-baseline'] }),
    )
    const source = ConfigurationAggregators?.[0]?.OrganizationAggregationSource
    assert.is(source?.AllAwsRegions, true)
    assert.is(
      source?.RoleArn,
      `arn:aws:iam::${SECURITY}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    )
    const again = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.equal(
      changeLines(again.stdout).filter((l) => l.includes('config-aggregator')),
      [],
    )
  })
})

test('a deleted aggregator is planned exactly and recreated', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    sandbox.control('config', 'deleteAggregator', {
      account: SECURITY,
      region: 'us-east-1',
      name: 'org-baseline',
    })
    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 2)
    assert.equal(changeLines(plan.stdout), ['+ config-aggregator[org-baseline]'])
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test.run()
