// The `aws` timing profile: per-call latency, stack instance durations from the template's critical path,
// the StackSets quota on concurrent instance operations, and a clock that spends waits on simulated time only.
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeStackSetOperationCommand,
  ListStackSetsCommand,
  type StackSetOperation,
} from '@aws-sdk/client-cloudformation'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { cfnState } from '../../src/sandbox/services/cloudformation/state.ts'
import { parseTemplateBody } from '../../src/sandbox/services/cloudformation/template-parse.ts'
import { callLatencyMs, simulatedElapsedMs } from '../../src/sandbox/timing/index.ts'
import { criticalPathMs, instanceDurationMs } from '../../src/sandbox/timing/resource-durations.ts'
import { took } from './cloudformation-fixture.ts'
import { management } from './helpers.ts'

const latencies: [string, string, number, string][] = [
  ['cloudformation', 'DescribeStackSetOperation', 80, 'a CloudFormation read'],
  ['cloudformation', 'CreateStackInstances', 800, 'starts work in every target account and Region'],
  ['organizations', 'ListAccounts', 120, 'a global service read, answered from us-east-1'],
  ['iam', 'CreateRole', 250, 'a global service write'],
  ['sts', 'AssumeRole', 120, 'issues a session'],
  ['events', 'PutRule', 150, 'a regional write'],
  ['nosuchservice', 'GetThing', 60, 'a service without figures gets the fallback read'],
]
for (const [service, operation, ms, why] of latencies)
  test(`latency ${service}:${operation} = ${ms} ms (${why})`, () => {
    assert.is(callLatencyMs(service, operation), ms)
  })

const CHAIN = parseTemplateBody(`
Resources:
  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
  Policy: { Type: AWS::IAM::Policy, Properties: { Roles: [!Ref Role], PolicyName: p, PolicyDocument: {} } }
  Topic: { Type: AWS::SNS::Topic }
`)

test('a stack instance takes the StackSets overhead plus the critical path: role then policy (25 s), not the topic beside them', () => {
  assert.is(criticalPathMs(CHAIN), 25_000)
  assert.is(instanceDurationMs(CHAIN, 'create'), 45_000)
  assert.is(instanceDurationMs(CHAIN, 'unchanged'), 10_000)
  assert.is(instanceDurationMs(CHAIN, 'drift'), 8_000)
})

// Two accounts in Infrastructure (config/sandbox.yaml); one SNS topic: 20 s overhead + 10 s = 30 s each.
const TOPIC = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n'
let sandbox: Sandbox
let cfn: CloudFormationClient

test.before(async () => {
  sandbox = await startSandbox({ timing: 'aws' })
  cfn = new CloudFormationClient(management(sandbox, 'us-east-1', 3))
  await cfn.send(new ActivateOrganizationsAccessCommand({}))
})
test.after(() => sandbox.close())

async function deploy(name: string): Promise<StackSetOperation> {
  await cfn.send(
    new CreateStackSetCommand({
      StackSetName: name,
      TemplateBody: TOPIC,
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
    }),
  )
  const ou = [...sandbox.world.ous.values()].find((o) => o.name === 'Infrastructure')?.id ?? ''
  const { OperationId } = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: name,
      DeploymentTargets: { OrganizationalUnitIds: [ou] },
      Regions: ['us-east-1', 'eu-west-1'],
      OperationPreferences: { RegionConcurrencyType: 'PARALLEL', MaxConcurrentCount: 1 },
    }),
  )
  for (;;) {
    const { StackSetOperation: op } = await cfn.send(
      new DescribeStackSetOperationCommand({ StackSetName: name, OperationId }),
    )
    if (op && op.Status !== 'RUNNING' && op.Status !== 'QUEUED') return op
    await sandbox.settings.virtualTime?.sleep(5_000)
  }
}

test('the aws profile implies AWS rate limits', () => {
  assert.ok(sandbox.settings.throttle.enabled)
})

test('a call costs its AWS latency on the simulated clock', async () => {
  const before = simulatedElapsedMs(sandbox)
  await cfn.send(new ListStackSetsCommand({}))
  assert.ok(simulatedElapsedMs(sandbox) - before >= 80)
})

test('an operation takes the instances its concurrency runs one after another: 2 accounts × 30 s per Region, Regions in parallel', async () => {
  const op = await deploy('timed')
  assert.is(op.Status, 'SUCCEEDED')
  assert.is(took(op), 60_000)
})

test('the concurrent instance quota holds tasks back across Regions until slots free up (lowered to 1 here)', async () => {
  cfnState(sandbox.world).instanceQuota = 1
  const op = await deploy('quota')
  cfnState(sandbox.world).instanceQuota = undefined
  assert.is(op.Status, 'SUCCEEDED')
  assert.is(took(op), 120_000)
})

test.run()
