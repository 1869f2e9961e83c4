// EventBridge in the sandbox, through the real SDK client: rules on the default bus with their targets,
// event pattern validation, paging, tags, and the drift controls.
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-eventbridge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

const WORKLOAD = '555555555556'
const ROOT_SIGN_IN = JSON.stringify({
  'detail-type': ['AWS Console Sign In via CloudTrail', 'AWS Console Signin via CloudTrail'],
  detail: { userIdentity: { type: ['Root'] } },
})
const TOPIC = `arn:aws:sns:us-east-1:${WORKLOAD}:root-sign-in`

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('eventbridge')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

const eventsAs = async (sandbox: Sandbox, region = 'us-east-1') =>
  new EventBridgeClient(await member(sandbox, WORKLOAD, region))

test('a rule with a target is described, listed, and cannot be deleted until its targets are removed', async ({
  sandbox,
}) => {
  const events = await eventsAs(sandbox)
  const { RuleArn } = await events.send(
    new PutRuleCommand({
      Name: 'root-sign-in',
      EventPattern: ROOT_SIGN_IN,
      Description: 'Root console sign-in',
    }),
  )
  assert.is(RuleArn, `arn:aws:events:us-east-1:${WORKLOAD}:rule/root-sign-in`)
  await events.send(new PutTargetsCommand({ Rule: 'root-sign-in', Targets: [{ Id: 'sns', Arn: TOPIC }] }))
  const rule = await events.send(new DescribeRuleCommand({ Name: 'root-sign-in' }))
  assert.is(rule.State, 'ENABLED')
  assert.is(rule.EventPattern, ROOT_SIGN_IN)
  assert.is(rule.CreatedBy, WORKLOAD)
  const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'root-sign-in' }))
  assert.equal(Targets, [{ Id: 'sns', Arn: TOPIC }])

  const refused = await failure(events.send(new DeleteRuleCommand({ Name: 'root-sign-in' })))
  assert.is(refused.name, 'ValidationException')
  assert.match(refused.message, /has targets/)
  await events.send(new RemoveTargetsCommand({ Rule: 'root-sign-in', Ids: ['sns'] }))
  await events.send(new DeleteRuleCommand({ Name: 'root-sign-in' }))
  await events.send(new DeleteRuleCommand({ Name: 'root-sign-in' })) // deleting twice succeeds, as AWS documents
  const gone = await failure(events.send(new DescribeRuleCommand({ Name: 'root-sign-in' })))
  assert.is(gone.name, 'ResourceNotFoundException')
})

test('event patterns must be valid JSON objects with array leaves', async ({ sandbox }) => {
  const events = await eventsAs(sandbox)
  const notJson = await failure(events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": ' })))
  assert.is(notJson.name, 'InvalidEventPatternException')
  const scalarLeaf = await failure(
    events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "aws.signin"}' })),
  )
  assert.is(scalarLeaf.name, 'InvalidEventPatternException')
  const neither = await failure(events.send(new PutRuleCommand({ Name: 'bad' })))
  assert.is(neither.name, 'ValidationException')
  await events.send(
    new PutRuleCommand({
      Name: 'filters',
      EventPattern: '{"source":[{"prefix":"aws."}],"detail":{"x":[{"exists":true}]}}',
    }),
  )
  await events.send(new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'rate(1 day)' }))
  await events.send(
    new PutRuleCommand({
      Name: 'either',
      EventPattern: '{"$or":[{"source":["aws.signin"]},{"detail-type":["x"]}]}',
    }),
  )
  const loneOr = await failure(
    events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"$or":[{"source":["a"]}]}' })),
  )
  assert.is(loneOr.name, 'InvalidEventPatternException')
  const badSchedule = await failure(
    events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: 'every day' })),
  )
  assert.is(badSchedule.name, 'ValidationException')
})

test('a rule holds at most five targets; PutTargets takes ten at a time', async ({ sandbox }) => {
  const events = await eventsAs(sandbox)
  await events.send(new PutRuleCommand({ Name: 'fan-out', EventPattern: ROOT_SIGN_IN }))
  const targets = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ Id: `t${i + from}`, Arn: TOPIC }))
  await events.send(new PutTargetsCommand({ Rule: 'fan-out', Targets: targets(5) }))
  await events.send(new PutTargetsCommand({ Rule: 'fan-out', Targets: targets(1) })) // same id: an update
  const sixth = await failure(events.send(new PutTargetsCommand({ Rule: 'fan-out', Targets: targets(1, 5) })))
  assert.is(sixth.name, 'LimitExceededException')
  const eleven = await failure(events.send(new PutTargetsCommand({ Rule: 'fan-out', Targets: targets(11) })))
  assert.is(eleven.name, 'ValidationException')
  const missingRule = await failure(events.send(new PutTargetsCommand({ Rule: 'nope', Targets: targets(1) })))
  assert.is(missingRule.name, 'ResourceNotFoundException')
})

test('ListRules filters by prefix and pages under a small page cap', async ({ sandbox }) => {
  sandbox.settings.pageSizeCap = 2
  const events = await eventsAs(sandbox)
  for (const name of ['org-baseline-a', 'org-baseline-b', 'org-baseline-c', 'other']) {
    await events.send(new PutRuleCommand({ Name: name, EventPattern: ROOT_SIGN_IN }))
  }
  const first = await events.send(new ListRulesCommand({ NamePrefix: 'org-baseline-' }))
  assert.is(first.Rules?.length, 2)
  assert.ok(first.NextToken)
  const names: string[] = []
  // EventBridge's SDK has no paginators: the tool must follow NextToken itself.
  let token: string | undefined
  do {
    const page = await events.send(new ListRulesCommand({ NamePrefix: 'org-baseline-', NextToken: token }))
    names.push(...(page.Rules ?? []).map((r) => r.Name ?? ''))
    token = page.NextToken
  } while (token)
  assert.equal(names, ['org-baseline-a', 'org-baseline-b', 'org-baseline-c'])
  const badLimit = await failure(events.send(new ListRulesCommand({ Limit: 101 })))
  assert.is(badLimit.name, 'ValidationException')
})

test('rules are per account and region, and tags stay with the rule', async ({ sandbox }) => {
  const events = await eventsAs(sandbox)
  const { RuleArn } = await events.send(
    new PutRuleCommand({
      Name: 'root-sign-in',
      EventPattern: ROOT_SIGN_IN,
      Tags: [{ Key: 'org-baseline:managed', Value: 'true' }],
    }),
  )
  await events.send(
    new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: 'team', Value: 'security' }] }),
  )
  const { Tags } = await events.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))
  assert.equal(Tags, [
    { Key: 'org-baseline:managed', Value: 'true' },
    { Key: 'team', Value: 'security' },
  ])
  const west = await eventsAs(sandbox, 'eu-west-1')
  assert.equal((await west.send(new ListRulesCommand({}))).Rules, [])
  const mgmt = new EventBridgeClient(management(sandbox))
  assert.equal((await mgmt.send(new ListRulesCommand({}))).Rules, [])
})

test('disable / enable, and the disableRule and deleteRule controls', async ({ sandbox }) => {
  const events = await eventsAs(sandbox)
  await events.send(new PutRuleCommand({ Name: 'root-sign-in', EventPattern: ROOT_SIGN_IN }))
  await events.send(new DisableRuleCommand({ Name: 'root-sign-in' }))
  assert.is((await events.send(new DescribeRuleCommand({ Name: 'root-sign-in' }))).State, 'DISABLED')
  await events.send(new EnableRuleCommand({ Name: 'root-sign-in' }))
  sandbox.control('eventbridge', 'disableRule', { account: WORKLOAD, name: 'root-sign-in' })
  assert.is((await events.send(new DescribeRuleCommand({ Name: 'root-sign-in' }))).State, 'DISABLED')
  sandbox.control('eventbridge', 'deleteRule', { account: WORKLOAD, name: 'root-sign-in' })
  const gone = await failure(events.send(new DescribeRuleCommand({ Name: 'root-sign-in' })))
  assert.is(gone.name, 'ResourceNotFoundException')
  const otherBus = await failure(events.send(new DescribeRuleCommand({ Name: 'x', EventBusName: 'custom' })))
  assert.is(otherBus.name, 'ResourceNotFoundException')
})

test.run()
