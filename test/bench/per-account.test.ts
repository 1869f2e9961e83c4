// The per-account rollout of bench/per-account.ts on a tiny organization (3 member accounts × 2 regions): it
// finishes without failures and leaves, in every account and region, what it claims — read back through the
// APIs org-baseline itself reads (Config's describe calls, GuardDuty, Security Hub, EventBridge).
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service'
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge'
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty'
import {
  DescribeHubCommand,
  GetEnabledStandardsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ALERT_RULE_NAME, RECORDER_NAME } from '../../bench/per-account/account-region.ts'
import { checkAccountRegion } from '../../bench/per-account/check.ts'
import { connect } from '../../bench/per-account/connection.ts'
import { rollOut } from '../../bench/per-account/rollout.ts'
import { setUpOrganization } from '../../bench/per-account/setup.ts'
import { startSandbox } from '../../src/sandbox/index.ts'
import { member } from '../sandbox/helpers.ts'

const test = suite('per-account rollout (bench)')

const REGIONS = ['us-east-1', 'eu-west-1']

test('the per-account rollout leaves recorder, channel, detector, hub and alert rule in every account and region', async () => {
  const sandbox = await startSandbox({ accounts: 4 })
  try {
    const connection = connect(sandbox.endpoint, sandbox.credentials)
    const organization = await setUpOrganization(connection, {
      homeRegion: 'us-east-1',
      regions: REGIONS,
      roleName: 'OrganizationAccountAccessRole',
    })
    assert.is(organization.members.length, 3)
    const options = { homeRegion: 'us-east-1', roleName: 'OrganizationAccountAccessRole', concurrency: 8 }
    // The per-account plan: every pair checked, none has the baseline yet (eight reads each).
    const planned = await rollOut(connection, organization, organization.members, options, checkAccountRegion)
    assert.equal([planned.done, planned.incomplete, planned.failures], [6, 6, []])
    const before = { calls: connection.calls, sandbox: sandbox.calls.entries.length }
    const result = await rollOut(connection, organization, organization.members, {
      homeRegion: 'us-east-1',
      roleName: 'OrganizationAccountAccessRole',
      concurrency: 8,
    })
    assert.equal(result.failures, [])
    assert.is(result.done, 6)
    // One AssumeRole per account and eight calls per account and region, each answered once.
    assert.is(connection.calls - before.calls, 3 + 6 * 8)
    assert.is(sandbox.calls.entries.length - before.sandbox, 3 + 6 * 8)

    // Re-run with nothing to change: the check finds every pair complete.
    const rechecked = await rollOut(
      connection,
      organization,
      organization.members,
      options,
      checkAccountRegion,
    )
    assert.equal([rechecked.done, rechecked.incomplete, rechecked.failures], [6, 0, []])

    for (const account of organization.members) {
      for (const region of REGIONS) {
        const where = `${account} ${region}`
        const config = await member(sandbox, account, region)
        const configService = new ConfigServiceClient(config)
        const status = await configService.send(new DescribeConfigurationRecorderStatusCommand({}))
        assert.is(status.ConfigurationRecordersStatus?.[0]?.name, RECORDER_NAME, where)
        assert.is(status.ConfigurationRecordersStatus?.[0]?.recording, true, where)
        const channels = await configService.send(new DescribeDeliveryChannelsCommand({}))
        assert.is(channels.DeliveryChannels?.[0]?.s3BucketName, organization.configBucket, where)

        const guardDuty = new GuardDutyClient(config)
        const detectors = await guardDuty.send(new ListDetectorsCommand({}))
        assert.is(detectors.DetectorIds?.length, 1, where)
        const detector = await guardDuty.send(
          new GetDetectorCommand({ DetectorId: detectors.DetectorIds?.[0] }),
        )
        assert.is(detector.Status, 'ENABLED', where)

        const securityHub = new SecurityHubClient(config)
        await securityHub.send(new DescribeHubCommand({}))
        const standards = await securityHub.send(new GetEnabledStandardsCommand({}))
        assert.is(standards.StandardsSubscriptions?.length, 2, where)

        const events = new EventBridgeClient(config)
        const rule = await events.send(new DescribeRuleCommand({ Name: ALERT_RULE_NAME }))
        assert.is(rule.State, 'ENABLED', where)
        const targets = await events.send(new ListTargetsByRuleCommand({ Rule: ALERT_RULE_NAME }))
        assert.is(
          targets.Targets?.[0]?.Arn,
          `arn:aws:sns:${region}:${organization.securityTooling}:root-activity-alerts`,
          where,
        )
      }
    }
  } finally {
    await sandbox.close()
  }
})

test.run()
