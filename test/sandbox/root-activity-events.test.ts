// Round 2 additions for issue 12: a target's InputTransformer (EventBridge user guide, "Amazon EventBridge
// input transformation"), CloudTrail events of root activity put on EventBridge where they happen (control
// cloudtrail/emitEvent), and AWS Config refusing a bucket with Object Lock (AWS::Config::DeliveryChannel).
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
} from '@aws-sdk/client-config-service'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { simulatedCloudTrailEvent } from '../../src/sandbox/services/cloudtrail/simulated-events.ts'
import { transformInput } from '../../src/sandbox/services/eventbridge/input-transformer.ts'
import { findBucket } from '../../src/sandbox/services/s3/buckets.ts'
import { failure, member } from './helpers.ts'

const WORKLOAD = '555555555556'

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('root-activity-events')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

const EVENT = {
  account: '111111111111',
  'detail-type': 'AWS API Call via CloudTrail',
  detail: { eventName: 'RunInstances', count: 2, userIdentity: { type: 'Root' }, note: 'say "hi"' },
}

const TRANSFORMS: { reason: string; paths: Record<string, string>; template: string; expect: string }[] = [
  {
    reason: 'the guide: a string value inside a quoted template string goes in as its text',
    paths: { a: '$.account', e: '$.detail.eventName' },
    template: '"account <a> called <e>"',
    expect: '"account 111111111111 called RunInstances"',
  },
  {
    reason: 'the guide: outside quotes a value goes in as JSON',
    paths: { e: '$.detail.eventName', n: '$.detail.count' },
    template: '{"name": <e>, "count": <n>}',
    expect: '{"name": "RunInstances", "count": 2}',
  },
  {
    reason: 'a key with a dash, as in $.detail-type',
    paths: { t: '$.detail-type' },
    template: '"<t>"',
    expect: '"AWS API Call via CloudTrail"',
  },
  {
    reason: 'quotes in a value are escaped so the string stays JSON',
    paths: { n: '$.detail.note' },
    template: '"<n>"',
    expect: '"say \\"hi\\""',
  },
  {
    reason: 'crafted: a path the event lacks gives nothing inside a string, null outside',
    paths: { m: '$.detail.missing' },
    template: '{"in": "x<m>y", "out": <m>}',
    expect: '{"in": "xy", "out": null}',
  },
  {
    reason: 'a placeholder not in InputPathsMap stays as written',
    paths: {},
    template: '"<unknown>"',
    expect: '"<unknown>"',
  },
]

for (const t of TRANSFORMS) {
  test(`input transformer: ${t.reason}`, () => {
    assert.is(transformInput({ InputPathsMap: t.paths, InputTemplate: t.template }, EVENT), t.expect)
  })
}

test('simulated CloudTrail events carry the shapes AWS documents for each kind', ({ sandbox }) => {
  const base = { account: WORKLOAD, region: 'eu-west-1' }
  const signIn = simulatedCloudTrailEvent(sandbox.world, { ...base, kind: 'root-sign-in-failure' })
  assert.is(signIn.source, 'aws.signin')
  assert.is(signIn.detailType, 'AWS Console Sign In via CloudTrail')
  assert.is(signIn.detail.eventType, 'AwsConsoleSignIn')
  assert.equal(signIn.detail.responseElements, { ConsoleLogin: 'Failure' })
  const call = simulatedCloudTrailEvent(sandbox.world, {
    ...base,
    kind: 'root-api-call',
    service: 'iam',
    eventName: 'CreateUser',
  })
  assert.is(call.source, 'aws.iam')
  assert.is(call.detailType, 'AWS API Call via CloudTrail')
  assert.is(call.detail.eventSource, 'iam.amazonaws.com')
  assert.is(call.detail.awsRegion, 'eu-west-1')
  assert.is(call.detail.userIdentity.type, 'Root')
  assert.not.ok(
    'assumedRoot' in call.detail.userIdentity,
    'a root API call with root credentials is no AssumeRoot session',
  )
  const session = simulatedCloudTrailEvent(sandbox.world, { ...base, kind: 'assume-root-session' })
  assert.is((session.detail.userIdentity as Record<string, unknown>).assumedRoot, 'true')
})

test('emitEvent reaches the default bus of the account and region where it happens, and refuses unknown kinds', ({
  sandbox,
}) => {
  sandbox.control('eventbridge', 'putEvent', { account: WORKLOAD, source: 'x', detailType: 'y' })
  const result = sandbox.control('cloudtrail', 'emitEvent', {
    kind: 'root-api-call',
    account: WORKLOAD,
    region: 'eu-west-1',
  }) as {
    eventId: string
    invocations: unknown[]
  }
  assert.type(result.eventId, 'string')
  assert.equal(result.invocations, [], 'no rule in that account and region yet')
  assert.throws(() => sandbox.control('cloudtrail', 'emitEvent', { kind: 'root-everything' }), /kind/)
})

test('AWS Config does not deliver to a bucket with Object Lock enabled', async ({ sandbox }) => {
  // Trusted access makes AWS create Config's service-linked role in the organization's accounts.
  sandbox.world.trustedAccess.set('config.amazonaws.com', sandbox.world.clock.date())
  const name = 'locked-logs'
  sandbox.control('s3', 'createBucket', {
    name,
    account: WORKLOAD,
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'config.amazonaws.com' },
          Action: ['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject'],
          Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        },
      ],
    },
  })
  const bucket = findBucket(sandbox.world, name)
  if (!bucket) throw new Error('no bucket')
  bucket.objectLock = { enabled: true }
  const config = new ConfigServiceClient(await member(sandbox, WORKLOAD))
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'default',
        roleARN: `arn:aws:iam::${WORKLOAD}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      },
    }),
  )
  const put = () =>
    config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: name } }))
  const error = await failure(put())
  assert.is(error.name, 'InsufficientDeliveryPolicyException')
  assert.match(error.message, 'Object Lock')
  bucket.objectLock = { enabled: false }
  await put()
})

test.run()
