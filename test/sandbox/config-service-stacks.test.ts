// The baseline's CloudFormation resources end to end, through the real SDK clients: a stack declaring a
// Config recorder and delivery channel, an organization trail, and the root sign-in alert (rule → topic)
// creates real state in Config, CloudTrail, EventBridge and SNS; out-of-band changes show as stack drift.
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  type StackResourceDrift,
} from '@aws-sdk/client-cloudformation'
import { CloudTrailClient, GetTrailStatusCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail'
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service'
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { topicsIn } from '../../src/sandbox/services/sns-resources.ts'
import { configRolesIn, deliveryBucket, management } from './helpers.ts'

const MANAGEMENT = '111111111111'

const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AlertEmail:
    Type: String
Resources:
  ConfigRecorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      Name: default
      RoleARN: !Sub arn:aws:iam::\${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig
      RecordingGroup:
        AllSupported: true
        IncludeGlobalResourceTypes: true
  DeliveryChannel:
    Type: AWS::Config::DeliveryChannel
    DependsOn: ConfigRecorder
    Properties:
      S3BucketName: org-baseline-config
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-baseline
      S3BucketName: org-baseline-cloudtrail
      IsLogging: true
      IsMultiRegionTrail: true
      IsOrganizationTrail: true
      EnableLogFileValidation: true
  AlertTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: org-baseline-root-sign-in
      Subscription:
        - Protocol: email
          Endpoint: !Ref AlertEmail
  RootSignInRule:
    Type: AWS::Events::Rule
    Properties:
      Name: org-baseline-root-sign-in
      State: ENABLED
      EventPattern:
        detail-type: [AWS Console Sign In via CloudTrail, AWS Console Signin via CloudTrail]
        detail:
          userIdentity:
            type: [Root]
      Targets:
        - Id: sns
          Arn: !Ref AlertTopic
`

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('config-service-stacks')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
  ctx.sandbox.world.trustedAccess.set('cloudtrail.amazonaws.com', ctx.sandbox.world.clock.date())
  configRolesIn(ctx.sandbox.world)
  for (const bucket of ['org-baseline-config', 'org-baseline-cloudtrail']) deliveryBucket(ctx.sandbox, bucket)
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

async function createBaselineStack(sandbox: Sandbox): Promise<CloudFormationClient> {
  const cfn = new CloudFormationClient(management(sandbox))
  await cfn.send(
    new CreateStackCommand({
      StackName: 'org-baseline',
      TemplateBody: TEMPLATE,
      Parameters: [{ ParameterKey: 'AlertEmail', ParameterValue: 'security-alerts@example.com' }],
    }),
  )
  sandbox.world.clock.advance(10 * 60_000)
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'org-baseline' }))
  assert.is(Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE', Stacks?.[0]?.StackStatusReason)
  return cfn
}

async function driftOf(sandbox: Sandbox, cfn: CloudFormationClient) {
  const { StackDriftDetectionId } = await cfn.send(new DetectStackDriftCommand({ StackName: 'org-baseline' }))
  sandbox.world.clock.advance(10 * 60_000)
  const status = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }))
  assert.is(status.DetectionStatus, 'DETECTION_COMPLETE')
  const { StackResourceDrifts } = await cfn.send(
    new DescribeStackResourceDriftsCommand({ StackName: 'org-baseline' }),
  )
  return {
    stack: status.StackDriftStatus,
    byId: Object.fromEntries(
      (StackResourceDrifts ?? []).map((d) => [d.LogicalResourceId ?? '', d]),
    ) as Record<string, StackResourceDrift | undefined>,
  }
}

test('a baseline stack creates a recording recorder, a logging org trail and the alert rule with its topic', async ({
  sandbox,
}) => {
  await createBaselineStack(sandbox)
  const config = new ConfigServiceClient(management(sandbox))
  const { ConfigurationRecordersStatus } = await config.send(
    new DescribeConfigurationRecorderStatusCommand({}),
  )
  assert.is(ConfigurationRecordersStatus?.[0]?.recording, true, 'CloudFormation starts the recorder')
  const trail = new CloudTrailClient(management(sandbox))
  assert.is((await trail.send(new GetTrailStatusCommand({ Name: 'org-baseline' }))).IsLogging, true)
  const events = new EventBridgeClient(management(sandbox))
  const rule = await events.send(new DescribeRuleCommand({ Name: 'org-baseline-root-sign-in' }))
  assert.is(rule.State, 'ENABLED')
  const [topic] = topicsIn(sandbox.world, MANAGEMENT, 'us-east-1')
  const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'org-baseline-root-sign-in' }))
  assert.equal(
    Targets?.map((t) => t.Arn),
    [topic?.arn],
  )
  assert.is(topic?.subscriptions[0]?.endpoint, 'security-alerts@example.com')
})

test('a fresh stack is in sync; a stopped trail and a disabled rule are drift', async ({ sandbox }) => {
  const cfn = await createBaselineStack(sandbox)
  const clean = await driftOf(sandbox, cfn)
  assert.is(clean.stack, 'IN_SYNC', JSON.stringify(clean.byId, null, 1))

  await new CloudTrailClient(management(sandbox)).send(new StopLoggingCommand({ Name: 'org-baseline' }))
  sandbox.control('eventbridge', 'disableRule', { name: 'org-baseline-root-sign-in' })
  const drifted = await driftOf(sandbox, cfn)
  assert.is(drifted.stack, 'DRIFTED')
  assert.is(drifted.byId.Trail?.StackResourceDriftStatus, 'MODIFIED')
  assert.equal(
    drifted.byId.Trail?.PropertyDifferences?.map((d) => d.PropertyPath),
    ['/IsLogging'],
  )
  assert.is(drifted.byId.RootSignInRule?.StackResourceDriftStatus, 'MODIFIED')
  assert.is(drifted.byId.ConfigRecorder?.StackResourceDriftStatus, 'IN_SYNC')

  sandbox.control('cloudtrail', 'deleteTrail', { name: 'org-baseline' })
  const deleted = await driftOf(sandbox, cfn)
  assert.is(deleted.byId.Trail?.StackResourceDriftStatus, 'DELETED')
})

test('deleting the stack removes what it made', async ({ sandbox }) => {
  const cfn = await createBaselineStack(sandbox)
  await cfn.send(new DeleteStackCommand({ StackName: 'org-baseline' }))
  sandbox.world.clock.advance(10 * 60_000)
  const config = new ConfigServiceClient(management(sandbox))
  const { ConfigurationRecordersStatus } = await config.send(
    new DescribeConfigurationRecorderStatusCommand({}),
  )
  assert.equal(ConfigurationRecordersStatus, [])
  const missing = await new CloudTrailClient(management(sandbox))
    .send(new GetTrailStatusCommand({ Name: 'org-baseline' }))
    .catch((error: Error) => error.name)
  assert.is(missing, 'TrailNotFoundException')
  assert.equal(topicsIn(sandbox.world, MANAGEMENT, 'us-east-1'), [])
})

test.run()
