// The baseline of one account in one region, made the per-account way: one API call per resource, as
// Landing Zone Accelerator's and CfCT's per-account stages or a hand-written script make it. The settings
// are config/org.example.yaml's, so both rollouts leave the same baseline:
// - AWS Config: recorder with Config's service-linked role (global IAM types only in the home region, as
//   config.globalResourcesRegion), delivery channel to the central bucket, started.
// - GuardDuty: a detector with guardDuty.features (those GuardDuty offers in the region).
// - Security Hub: the hub without the default standards, then securityHub.standards (fsbp, cis-3.0.0).
// - The root activity alert: the EventBridge rule of stacksets/root-sign-in-alert.yaml, its target the
//   alert topic of the security-tooling account in the same region (EventBridge targets an SNS topic of
//   another account in the rule's region; the topic is the security team's, not part of the rollout).
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service'
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge'
import {
  CreateDetectorCommand,
  type DetectorFeatureConfiguration,
  GuardDutyClient,
} from '@aws-sdk/client-guardduty'
import {
  BatchEnableStandardsCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub'
import { isOffered } from '../../src/modules/guardduty/regional-features.ts'
import type { Connection, Credentials } from './connection.ts'

export const GUARDDUTY_FEATURES = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
] as const
export const STANDARDS = [
  'aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark/v/3.0.0',
] as const
export const RECORDER_NAME = 'default'
export const ALERT_RULE_NAME = 'root-activity-alert'

export const ROOT_ACTIVITY_PATTERN = {
  'detail-type': [
    'AWS Console Sign In via CloudTrail',
    'AWS Console Signin via CloudTrail',
    'AWS API Call via CloudTrail',
  ],
  detail: {
    userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] },
    eventType: [{ 'anything-but': 'AwsServiceEvent' }],
  },
}

export interface AccountRegion {
  account: string
  region: string
  homeRegion: string
  configBucket: string
  securityTooling: string
}

/** Every call of one account and region; throws the first error (the caller decides what it means). */
export async function rollOutAccountRegion(
  connection: Connection,
  credentials: Credentials,
  target: AccountRegion,
): Promise<void> {
  const { account, region } = target
  const configService = connection.client(ConfigServiceClient, credentials, region)
  await configService.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: RECORDER_NAME,
        roleARN: `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: region === target.homeRegion,
        },
      },
    }),
  )
  await configService.send(
    new PutDeliveryChannelCommand({
      DeliveryChannel: { name: RECORDER_NAME, s3BucketName: target.configBucket },
    }),
  )
  await configService.send(
    new StartConfigurationRecorderCommand({ ConfigurationRecorderName: RECORDER_NAME }),
  )

  const features: DetectorFeatureConfiguration[] = GUARDDUTY_FEATURES.filter((f) => isOffered(f, region)).map(
    (Name) => ({
      Name,
      Status: 'ENABLED',
    }),
  )
  await connection
    .client(GuardDutyClient, credentials, region)
    .send(new CreateDetectorCommand({ Enable: true, Features: features }))

  const securityHub = connection.client(SecurityHubClient, credentials, region)
  await securityHub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }))
  await securityHub.send(
    new BatchEnableStandardsCommand({
      StandardsSubscriptionRequests: STANDARDS.map((path) => ({
        StandardsArn: `arn:aws:securityhub:${region}::standards/${path}`,
      })),
    }),
  )

  await putAlertRule(connection, credentials, target)
}

/** The root activity rule and its target, as a per-account tool writes them (and writes them again to repair). */
export async function putAlertRule(
  connection: Connection,
  credentials: Credentials,
  target: AccountRegion,
): Promise<void> {
  const events = connection.client(EventBridgeClient, credentials, target.region)
  await events.send(
    new PutRuleCommand({
      Name: ALERT_RULE_NAME,
      Description: 'Root user signed in, failed to, or called an API',
      EventPattern: JSON.stringify(ROOT_ACTIVITY_PATTERN),
      State: 'ENABLED',
    }),
  )
  await events.send(
    new PutTargetsCommand({
      Rule: ALERT_RULE_NAME,
      Targets: [
        {
          Id: 'security-alerts',
          Arn: `arn:aws:sns:${target.region}:${target.securityTooling}:root-activity-alerts`,
        },
      ],
    }),
  )
}
