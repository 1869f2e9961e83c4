// The root sign-in alert's CloudFormation resources, called directly on a world built from the default
// seed: an AWS::Events::Rule with its target, and the SNS topic, subscription and topic policy it notifies.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Clock } from '../../src/sandbox/clock.ts'
import { DEFAULT_SEED_FILE } from '../../src/sandbox/index.ts'
import { buildWorld, readSeedFile } from '../../src/sandbox/seed.ts'
import {
  type ResourceContext,
  resourceProvider,
} from '../../src/sandbox/services/cloudformation/resource-providers.ts'
import { defaultBus } from '../../src/sandbox/services/eventbridge/rules.ts'
import { services } from '../../src/sandbox/services/index.ts'
import { snsTopics, topicsIn } from '../../src/sandbox/services/sns-resources.ts'
import type { World } from '../../src/sandbox/state.ts'

const MEMBER = '555555555556'
const PATTERN = {
  'detail-type': ['AWS Console Sign In via CloudTrail', 'AWS Console Signin via CloudTrail'],
  detail: { userIdentity: { type: ['Root'] } },
}

const world = (): World => buildWorld(readSeedFile(DEFAULT_SEED_FILE), new Clock(1), services)

const ctx = (w: World, logicalId: string): ResourceContext => ({
  world: w,
  account: MEMBER,
  region: 'us-east-1',
  stackName: 'StackSet-root-sign-in-alert',
  logicalId,
})

function provider(type: string) {
  const found = resourceProvider(type)
  if (!found) throw new Error(`no provider registered for ${type}`)
  return found
}

/** The alert stack's resources, created in dependency order as CloudFormation would. */
function createAlert(w: World) {
  const topic = provider('AWS::SNS::Topic').create({ TopicName: 'root-sign-in-alert' }, ctx(w, 'Topic'))
  const subscription = provider('AWS::SNS::Subscription').create(
    { TopicArn: topic.physicalId, Protocol: 'email', Endpoint: 'security-alerts@example.com' },
    ctx(w, 'Subscription'),
  )
  const policy = provider('AWS::SNS::TopicPolicy').create(
    {
      Topics: [topic.physicalId],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic.physicalId,
          },
        ],
      },
    },
    ctx(w, 'TopicPolicy'),
  )
  const ruleProps = {
    Name: 'org-baseline-root-sign-in',
    EventPattern: PATTERN,
    State: 'ENABLED',
    Targets: [{ Id: 'sns', Arn: topic.physicalId }],
  }
  const rule = provider('AWS::Events::Rule').create(ruleProps, ctx(w, 'Rule'))
  return { topic, subscription, policy, rule, ruleProps }
}

test('the alert stack records a topic with a pending email subscription and its policy', () => {
  const w = world()
  const { topic, subscription } = createAlert(w)
  assert.is(topic.physicalId, `arn:aws:sns:us-east-1:${MEMBER}:root-sign-in-alert`)
  const [recorded] = topicsIn(w, MEMBER, 'us-east-1')
  assert.is(recorded?.subscriptions[0]?.arn, subscription.physicalId)
  assert.is(
    recorded?.subscriptions[0]?.pendingConfirmation,
    true,
    'email subscriptions wait for confirmation',
  )
  assert.ok(recorded?.policy, 'the topic policy lets EventBridge publish')
})

test('the rule exists with its target and reads back as declared', () => {
  const w = world()
  const { rule, ruleProps } = createAlert(w)
  assert.is(rule.attributes?.Arn, `arn:aws:events:us-east-1:${MEMBER}:rule/org-baseline-root-sign-in`)
  const stored = defaultBus(w, MEMBER, 'us-east-1').rules.get('org-baseline-root-sign-in')
  assert.is(stored?.eventPattern, JSON.stringify(PATTERN), 'the template object becomes the API pattern text')
  assert.equal(provider('AWS::Events::Rule').read?.(rule.physicalId, ctx(w, 'Rule')), ruleProps)
})

test('a disabled rule reads as drift even when the template left State out; a deleted one as gone', () => {
  const w = world()
  const rules = provider('AWS::Events::Rule')
  const props = { EventPattern: PATTERN, Targets: [{ Id: 'sns', Arn: `arn:aws:sns:us-east-1:${MEMBER}:t` }] }
  const { physicalId } = rules.create(props, ctx(w, 'Rule'))
  assert.match(physicalId, /^StackSet-root-sign-in-alert-Rule-/)
  services.eventbridge?.controls?.disableRule?.(w, { account: MEMBER, name: physicalId })
  assert.equal(rules.read?.(physicalId, ctx(w, 'Rule')), { ...props, State: 'DISABLED' })
  services.eventbridge?.controls?.deleteRule?.(w, { account: MEMBER, name: physicalId })
  assert.is(rules.read?.(physicalId, ctx(w, 'Rule')), undefined)
})

test('an invalid pattern or too many targets fail the rule and leave nothing behind', () => {
  const w = world()
  const rules = provider('AWS::Events::Rule')
  assert.throws(
    () => rules.create({ Name: 'bad', EventPattern: { source: 'aws.signin' } }, ctx(w, 'Rule')),
    (error: Error) => error.name === 'InvalidEventPatternException',
  )
  const targets = Array.from({ length: 6 }, (_, i) => ({
    Id: `t${i}`,
    Arn: `arn:aws:sns:us-east-1:${MEMBER}:t`,
  }))
  assert.throws(
    () => rules.create({ Name: 'wide', EventPattern: PATTERN, Targets: targets }, ctx(w, 'Rule')),
    (error: Error) => error.name === 'LimitExceededException',
  )
  assert.equal([...defaultBus(w, MEMBER, 'us-east-1').rules.keys()], [])
})

test('deleting the alert stack removes rule, subscription, policy and topic', () => {
  const w = world()
  const { topic, subscription, policy, rule } = createAlert(w)
  provider('AWS::Events::Rule').delete(rule.physicalId, ctx(w, 'Rule'))
  provider('AWS::SNS::TopicPolicy').delete(policy.physicalId, ctx(w, 'TopicPolicy'))
  assert.is(snsTopics(w).get(topic.physicalId)?.policy, undefined)
  provider('AWS::SNS::Subscription').delete(subscription.physicalId, ctx(w, 'Subscription'))
  assert.is(
    provider('AWS::SNS::Subscription').read?.(subscription.physicalId, ctx(w, 'Subscription')),
    undefined,
  )
  provider('AWS::SNS::Topic').delete(topic.physicalId, ctx(w, 'Topic'))
  assert.equal(topicsIn(w, MEMBER, 'us-east-1'), [])
  assert.equal([...defaultBus(w, MEMBER, 'us-east-1').rules.keys()], [])
})

test('a subscription to a topic that does not exist fails', () => {
  const w = world()
  assert.throws(
    () =>
      provider('AWS::SNS::Subscription').create(
        { TopicArn: `arn:aws:sns:us-east-1:${MEMBER}:missing`, Protocol: 'email', Endpoint: 'a@example.com' },
        ctx(w, 'Subscription'),
      ),
    (error: Error) => error.name === 'NotFound',
  )
})

test.run()
