// EventBridge delivering to SNS, through the real SDK and the shipped templates: a root console sign-in
// event reaches the alert topic because its policy lets the rule publish; without that policy, or with a
// key EventBridge may not use, the invocation fails and nothing is published. PutEvents refuses `aws.`
// sources, so AWS events arrive through the putEvent control.
import { readFileSync } from 'node:fs'
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation'
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import type { Invocation } from '../../src/sandbox/services/eventbridge/delivery.ts'
import type { SnsPublication } from '../../src/sandbox/services/sns-publish.ts'
import { member } from './helpers.ts'

const WORKLOAD = '555555555556'
const TOOLING = '222222222222'
const ALERT_TOPIC = `arn:aws:sns:us-east-1:${WORKLOAD}:org-baseline-root-sign-in`
const FINDINGS_TOPIC = `arn:aws:sns:us-east-1:${TOOLING}:org-baseline-findings`

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('service-dependencies-events')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

async function deploy(
  sandbox: Sandbox,
  account: string,
  template: string,
  parameters: Record<string, string>,
) {
  const cfn = new CloudFormationClient(await member(sandbox, account))
  await cfn.send(
    new CreateStackCommand({
      StackName: `org-baseline-${template}`,
      TemplateBody: readFileSync(`stacksets/${template}.yaml`, 'utf8'),
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
    }),
  )
}

const signIn = (account: string, type: string) => ({
  account,
  region: 'us-east-1',
  source: 'aws.signin',
  detailType: 'AWS Console Sign In via CloudTrail',
  detail: { eventName: 'ConsoleLogin', userIdentity: { type }, eventType: 'AwsConsoleSignIn' },
})

/** A root console sign-in as CloudTrail hands it to EventBridge (control cloudtrail/emitEvent). */
const emitRootSignIn = (sandbox: Sandbox, account: string) =>
  sandbox.control('cloudtrail', 'emitEvent', { kind: 'root-sign-in', account, region: 'us-east-1' }) as {
    invocations: Invocation[]
  }

const published = (sandbox: Sandbox, topicArn: string) =>
  sandbox.control('sns', 'published', { topicArn }) as SnsPublication[]

test('a root sign-in reaches the shipped alert topic; an IAM user’s sign-in matches nothing', async ({
  sandbox,
}) => {
  await deploy(sandbox, WORKLOAD, 'root-sign-in-alert', { Recipient1: 'security@example.com' })
  const { invocations } = emitRootSignIn(sandbox, WORKLOAD)
  assert.equal(
    invocations.map((i) => i.outcome),
    ['delivered'],
  )
  const [message] = published(sandbox, ALERT_TOPIC)
  assert.is(message?.publishedBy, 'events.amazonaws.com')
  assert.is(message?.sourceArn, `arn:aws:events:us-east-1:${WORKLOAD}:rule/org-baseline-root-sign-in`)
  assert.match(
    message?.message ?? '',
    `The root user of account ${WORKLOAD} was used in region us-east-1: ConsoleLogin`,
  )
  assert.is(message?.deliveredTo, 0, 'an e-mail subscription delivers nothing until it is confirmed')
  const iamUser = sandbox.control('eventbridge', 'putEvent', signIn(WORKLOAD, 'IAMUser')) as {
    invocations: Invocation[]
  }
  assert.equal(iamUser.invocations, [])
  assert.is(published(sandbox, ALERT_TOPIC).length, 1)
})

test('without a topic policy that lets the rule publish, the invocation fails and nothing is published', async ({
  sandbox,
}) => {
  await deploy(sandbox, WORKLOAD, 'root-sign-in-alert', {})
  // SNS's default policy: only the owner account may publish (drift: someone removed the topic policy).
  sandbox.control('sns', 'setTopicPolicy', { topicArn: ALERT_TOPIC, policy: null })
  const { invocations } = emitRootSignIn(sandbox, WORKLOAD)
  assert.is(invocations[0]?.outcome, 'failed')
  assert.match(invocations[0]?.reason ?? '', /topic policy/)
  assert.equal(published(sandbox, ALERT_TOPIC), [])
})

test('a topic policy conditioned on another rule’s ARN does not let this rule publish', async ({
  sandbox,
}) => {
  await deploy(sandbox, WORKLOAD, 'root-sign-in-alert', {})
  sandbox.control('sns', 'setTopicPolicy', {
    topicArn: ALERT_TOPIC,
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: ALERT_TOPIC,
          Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:events:us-east-1:${WORKLOAD}:rule/other` } },
        },
      ],
    },
  })
  const { invocations } = emitRootSignIn(sandbox, WORKLOAD)
  assert.is(invocations[0]?.outcome, 'failed')
})

test('Security Hub findings at or above the configured severity reach the findings topic', async ({
  sandbox,
}) => {
  await deploy(sandbox, TOOLING, 'findings-routing', { Severities: 'HIGH,CRITICAL' })
  const finding = (label: string) => ({
    account: TOOLING,
    source: 'aws.securityhub',
    detailType: 'Security Hub Findings - Imported',
    detail: {
      findings: [{ Severity: { Label: label }, Workflow: { Status: 'NEW' }, RecordState: 'ACTIVE' }],
    },
  })
  sandbox.control('eventbridge', 'putEvent', finding('CRITICAL'))
  sandbox.control('eventbridge', 'putEvent', finding('LOW'))
  assert.is(published(sandbox, FINDINGS_TOPIC).length, 1)
})

test('an encrypted topic: the key policy must let EventBridge use the key', async ({ sandbox }) => {
  const client = new EventBridgeClient(await member(sandbox, WORKLOAD))
  const key = sandbox.control('kms', 'createKey', { account: WORKLOAD }) as { arn: string }
  const cfn = new CloudFormationClient(await member(sandbox, WORKLOAD))
  const topic = `arn:aws:sns:us-east-1:${WORKLOAD}:encrypted`
  await cfn.send(
    new CreateStackCommand({
      StackName: 'encrypted-topic',
      TemplateBody: JSON.stringify({
        Resources: {
          Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'encrypted', KmsMasterKeyId: key.arn } },
          Policy: {
            Type: 'AWS::SNS::TopicPolicy',
            Properties: {
              Topics: [{ Ref: 'Topic' }],
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'events.amazonaws.com' },
                    Action: 'sns:Publish',
                    Resource: { Ref: 'Topic' },
                  },
                ],
              },
            },
          },
        },
      }),
    }),
  )
  await client.send(
    new PutRuleCommand({ Name: 'app-events', EventPattern: JSON.stringify({ source: ['app.orders'] }) }),
  )
  await client.send(new PutTargetsCommand({ Rule: 'app-events', Targets: [{ Id: 'topic', Arn: topic }] }))
  const send = () =>
    client.send(
      new PutEventsCommand({
        Entries: [{ Source: 'app.orders', DetailType: 'Order placed', Detail: '{"id":1}' }],
      }),
    )
  await send()
  const invocations = () => sandbox.control('eventbridge', 'invocations', {}) as Invocation[]
  assert.is(
    invocations().at(-1)?.outcome,
    'failed',
    'the default key policy lets only the account use the key',
  )
  sandbox.control('kms', 'putKeyPolicy', {
    account: WORKLOAD,
    key: key.arn,
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${WORKLOAD}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
        },
      ],
    },
  })
  await send()
  assert.is(invocations().at(-1)?.outcome, 'delivered')
  assert.is(published(sandbox, topic).length, 1)
})

test('PutEvents: entries are judged one by one; aws. sources are reserved for AWS', async ({ sandbox }) => {
  const client = new EventBridgeClient(await member(sandbox, WORKLOAD))
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        { Source: 'aws.signin', DetailType: 'AWS Console Sign In via CloudTrail', Detail: '{}' },
        { Source: 'app.orders', DetailType: 'Order placed', Detail: 'not json' },
        { Source: 'app.orders', DetailType: 'Order placed', Detail: '{"id":2}' },
      ],
    }),
  )
  assert.is(result.FailedEntryCount, 2)
  assert.equal(
    result.Entries?.map((e) => e.ErrorCode ?? 'ok'),
    ['NotAuthorizedForSourceException', 'MalformedDetail', 'ok'],
  )
  assert.ok(result.Entries?.[2]?.EventId)
})

test.run()
