// What a per-account tool reads to know whether one account and region has its baseline (its plan, a re-run
// with nothing to change, the check pass of a scheduled reconcile): one describe call per resource of
// account-region.ts, as an idempotent script or a pipeline's per-account "verify" stage makes them. Missing
// pieces answer with a not-found error or an empty list; both are a finding, not a failure.
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service'
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge'
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty'
import {
  DescribeHubCommand,
  GetEnabledStandardsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub'
import { type AccountRegion, ALERT_RULE_NAME, STANDARDS } from './account-region.ts'
import type { Connection, Credentials } from './connection.ts'

/** The errors a missing resource answers with (anything else is thrown on). */
const NOT_THERE = new Set([
  'ResourceNotFoundException',
  'InvalidAccessException',
  'NoSuchConfigurationRecorderException',
  'NoSuchDeliveryChannelException',
])

async function orMissing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read
  } catch (error) {
    if (error instanceof Error && NOT_THERE.has(error.name)) return undefined
    throw error
  }
}

/** Eight reads; true when the account and region have the whole baseline, the alert rule enabled. */
export async function checkAccountRegion(
  connection: Connection,
  credentials: Credentials,
  target: AccountRegion,
): Promise<boolean> {
  const { region } = target
  const config = connection.client(ConfigServiceClient, credentials, region)
  const recorders = await config.send(new DescribeConfigurationRecordersCommand({}))
  const channels = await config.send(new DescribeDeliveryChannelsCommand({}))
  const status = await config.send(new DescribeConfigurationRecorderStatusCommand({}))
  const detectors = await connection
    .client(GuardDutyClient, credentials, region)
    .send(new ListDetectorsCommand({}))
  const securityHub = connection.client(SecurityHubClient, credentials, region)
  const hub = await orMissing(securityHub.send(new DescribeHubCommand({})))
  const standards = hub ? await securityHub.send(new GetEnabledStandardsCommand({})) : undefined
  const events = connection.client(EventBridgeClient, credentials, region)
  const rule = await orMissing(events.send(new DescribeRuleCommand({ Name: ALERT_RULE_NAME })))
  const targets = rule
    ? await events.send(new ListTargetsByRuleCommand({ Rule: ALERT_RULE_NAME }))
    : undefined
  return (
    (recorders.ConfigurationRecorders?.length ?? 0) > 0 &&
    (channels.DeliveryChannels?.length ?? 0) > 0 &&
    status.ConfigurationRecordersStatus?.[0]?.recording === true &&
    (detectors.DetectorIds?.length ?? 0) > 0 &&
    (standards?.StandardsSubscriptions?.length ?? 0) >= STANDARDS.length &&
    rule?.State === 'ENABLED' &&
    (targets?.Targets?.length ?? 0) > 0
  )
}
