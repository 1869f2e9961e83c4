// The security-hub module end to end: the CLI against the default sandbox organization, checked through the
// real SDK as the security tooling account and a member account.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  GetConfigurationPolicyAssociationCommand,
  GetEnabledStandardsCommand,
  GetFindingAggregatorCommand,
  ListConfigurationPoliciesCommand,
  ListFindingAggregatorsCommand,
  SecurityHubClient,
  UpdateConfigurationPolicyCommand,
} from '@aws-sdk/client-securityhub'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { member } from '../sandbox/helpers.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('security-hub module')

const SECURITY = '222222222222'
const PAYMENTS_PROD = '555555555555'
const FSBP = 'aws-foundational-security-best-practices/v/1.0.0'
const CIS_3 = 'cis-aws-foundations-benchmark/v/3.0.0'

const hubLines = (stdout: string) => changeLines(stdout).filter((l) => / security-hub\./.test(l))

const paths = (arns: (string | undefined)[]) =>
  arns.map((a) => (a ?? '').replace(/^.*?:(standards|ruleset|subscription)\//, '')).sort()

const admin = async (sandbox: Sandbox, region = 'us-east-1') =>
  new SecurityHubClient(await member(sandbox, SECURITY, region))

async function converge(sandbox: Sandbox, config = EXAMPLE) {
  const applied = await cli(['apply', '-c', config, '--yes'], sandbox)
  assert.is(applied.code, 0, applied.stdout + applied.stderr)
  // Central configuration and associations settle over a couple of simulated minutes.
  sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
}

async function localConfig(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-sh-'))
  const text = await readFile(EXAMPLE, 'utf8')
  const file = join(dir, 'org.yaml')
  await writeFile(file, text.replace('configuration: central', 'configuration: local'))
  return file
}

test('from the default seed, the plan orders Security Hub after trusted access and the Config recorders', async () => {
  await withSandbox({}, async (sandbox) => {
    const plan = await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)
    assert.is(plan.code, 2)
    const changes = JSON.parse(plan.stdout).changes as {
      address: string
      dependsOn: string[]
      reason: string
    }[]
    const hub = changes.filter((c) => c.address.startsWith('security-hub.'))
    assert.equal(hub.map((c) => c.address).sort(), [
      'security-hub.admin[us-east-1]',
      'security-hub.aggregator[us-east-1]',
      'security-hub.association[org-baseline→Root]',
      'security-hub.hub[us-east-1]',
      'security-hub.org-config[us-east-1]',
      'security-hub.policy[org-baseline]',
    ])
    const byAddress = new Map(hub.map((c) => [c.address, c]))
    assert.ok(
      byAddress
        .get('security-hub.admin[us-east-1]')
        ?.dependsOn.includes('trusted-access[securityhub.amazonaws.com]'),
    )
    for (const address of ['security-hub.hub[us-east-1]', 'security-hub.association[org-baseline→Root]']) {
      assert.ok(byAddress.get(address)?.dependsOn.includes('stackset.instances[config-recorder]'), address)
      assert.match(byAddress.get(address)?.reason ?? '', 'Config recorders')
    }
  })
})

test('apply converges, a second plan is empty, findings aggregate and the policy reaches member accounts', async () => {
  await withSandbox({}, async (sandbox) => {
    await converge(sandbox)
    const again = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(again.code, 0, again.stdout)
    assert.equal(hubLines(again.stdout), [])

    const securityHub = await admin(sandbox)
    const { FindingAggregators } = await securityHub.send(new ListFindingAggregatorsCommand({}))
    const aggregator = await securityHub.send(
      new GetFindingAggregatorCommand({
        FindingAggregatorArn: FindingAggregators?.[0]?.FindingAggregatorArn,
      }),
    )
    assert.is(aggregator.RegionLinkingMode, 'ALL_REGIONS')
    assert.is(aggregator.FindingAggregationRegion, 'us-east-1')
    const org = await securityHub.send(new DescribeOrganizationConfigurationCommand({}))
    assert.is(org.OrganizationConfiguration?.ConfigurationType, 'CENTRAL')
    assert.is(org.OrganizationConfiguration?.Status, 'ENABLED')
    const policies = await securityHub.send(new ListConfigurationPoliciesCommand({}))
    assert.equal(
      policies.ConfigurationPolicySummaries?.map((p) => p.Name),
      ['org-baseline'],
    )

    // A member account in a linked region is governed by the policy: hub on, the configured standards.
    const prod = new SecurityHubClient(await member(sandbox, PAYMENTS_PROD, 'eu-west-1'))
    await prod.send(new DescribeHubCommand({}))
    const standards = await prod.send(new GetEnabledStandardsCommand({}))
    assert.equal(paths((standards.StandardsSubscriptions ?? []).map((s) => s.StandardsArn)), [FSBP, CIS_3])
  })
})

test('a deleted finding aggregator is planned exactly, as drift, and repaired', async () => {
  await withSandbox({}, async (sandbox) => {
    await converge(sandbox)
    sandbox.control('securityhub', 'deleteFindingAggregator', {})
    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 2)
    assert.equal(hubLines(plan.stdout), ['+ security-hub.aggregator[us-east-1]'])
    assert.match(plan.stdout, '[drift]')
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test('a policy disassociated from the root is planned exactly, as drift, and re-associated', async () => {
  await withSandbox({}, async (sandbox) => {
    await converge(sandbox)
    sandbox.control('securityhub', 'disassociatePolicy', { target: sandbox.world.rootId })
    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 2)
    assert.equal(hubLines(plan.stdout), ['+ security-hub.association[org-baseline→Root]'])
    assert.match(plan.stdout, '[drift]')
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const association = await (await admin(sandbox)).send(
      new GetConfigurationPolicyAssociationCommand({ Target: { RootId: sandbox.world.rootId } }),
    )
    assert.is(association.AssociationType, 'APPLIED')
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test('a standard removed from the central policy by hand is planned as a policy update and restored', async () => {
  await withSandbox({}, async (sandbox) => {
    await converge(sandbox)
    const securityHub = await admin(sandbox)
    const { ConfigurationPolicySummaries } = await securityHub.send(new ListConfigurationPoliciesCommand({}))
    const fsbpOnly =
      'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0'
    await securityHub.send(
      new UpdateConfigurationPolicyCommand({
        Identifier: ConfigurationPolicySummaries?.[0]?.Id,
        ConfigurationPolicy: {
          SecurityHub: {
            ServiceEnabled: true,
            EnabledStandardIdentifiers: [fsbpOnly],
            SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: [] },
          },
        },
      }),
    )
    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 2)
    assert.equal(hubLines(plan.stdout), ['~ security-hub.policy[org-baseline]'])
    assert.match(plan.stdout, 'cis-3.0.0')
    assert.match(plan.stdout, '[drift]')
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test('local configuration: auto-enable and the standards in every target region, a disabled standard repaired', async () => {
  await withSandbox({}, async (sandbox) => {
    const config = await localConfig()
    const plan = await cli(['plan', '-c', config, '--format', 'json'], sandbox)
    const addresses = (JSON.parse(plan.stdout).changes as { address: string }[])
      .map((c) => c.address)
      .filter((a) => a.startsWith('security-hub.'))
    assert.ok(addresses.includes('security-hub.org-config[eu-west-1]'))
    assert.ok(addresses.includes('security-hub.standards[ap-northeast-1]'))
    assert.not.ok(addresses.includes('security-hub.policy[org-baseline]'), 'no central policy')
    await converge(sandbox, config)
    assert.is((await cli(['plan', '-c', config], sandbox)).code, 0)

    const euWest = await admin(sandbox, 'eu-west-1')
    const org = await euWest.send(new DescribeOrganizationConfigurationCommand({}))
    assert.is(org.AutoEnable, true)
    assert.is(org.OrganizationConfiguration?.ConfigurationType, 'LOCAL')
    const before = await euWest.send(new GetEnabledStandardsCommand({}))
    assert.equal(paths((before.StandardsSubscriptions ?? []).map((s) => s.StandardsArn)), [FSBP, CIS_3])

    sandbox.control('securityhub', 'disableStandard', {
      account: SECURITY,
      region: 'eu-west-1',
      arn: 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
    })
    const drift = await cli(['plan', '-c', config], sandbox)
    assert.is(drift.code, 2)
    assert.equal(hubLines(drift.stdout), ['~ security-hub.standards[eu-west-1]'])
    assert.match(drift.stdout, '[drift]')
    assert.is((await cli(['apply', '-c', config, '--yes'], sandbox)).code, 0)
    const after = await euWest.send(new GetEnabledStandardsCommand({}))
    assert.equal(paths((after.StandardsSubscriptions ?? []).map((s) => s.StandardsArn)), [FSBP, CIS_3])
    assert.is((await cli(['plan', '-c', config], sandbox)).code, 0)
  })
})

test.run()
