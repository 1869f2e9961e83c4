// CloudFormation StackSets through the real SDK, part 1: service-managed targeting (management account
// skipped, suspended accounts SKIPPED_SUSPENDED_ACCOUNT, opt-in Regions failing), asynchronous operations on
// simulated time with operation preferences, one operation at a time, managed execution queues, filtered and
// paged ListStackInstances.
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeOrganizationsAccessCommand,
  DescribeStackInstanceCommand,
  DescribeStacksCommand,
  ListStackInstancesCommand,
  ListStackSetOperationResultsCommand,
  ListStackSetOperationsCommand,
  paginateListStackInstances,
  type StackInstanceSummary,
  StopStackSetOperationCommand,
  UpdateStackInstancesCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Sandbox } from '../../src/sandbox/index.ts'
import {
  type Fixture,
  MANAGEMENT,
  MELBOURNE_ACCOUNT,
  SUSPENDED,
  startFixture,
  TEMPLATE,
  took,
} from './cloudformation-fixture.ts'
import { failure, member } from './helpers.ts'

let f: Fixture
let sandbox: Sandbox
let cfn: CloudFormationClient
const ouId = (name: string) => f.ouId(name)
const operation = (name: string, id: string | undefined) => f.operation(name, id)
const waitFor = (name: string, id: string | undefined) => f.waitFor(name, id)
const instances = (name: string) => f.instances(name)
const serviceManaged = (name: string, extra: Record<string, unknown> = {}) => f.serviceManaged(name, extra)

test.before(async () => {
  f = await startFixture()
  ;({ sandbox, cfn } = f)
})
test.after(() => sandbox.close())

test('service-managed stack sets need organizations access first, with AWS’s message', async () => {
  const error = await failure(cfn.send(serviceManaged('too-early')))
  assert.is(error.name, 'ValidationError')
  assert.is(error.message, 'You must enable organizations access to operate a service managed stack set')
  await cfn.send(new ActivateOrganizationsAccessCommand({}))
  assert.is((await cfn.send(new DescribeOrganizationsAccessCommand({}))).Status, 'ENABLED')
})

test('SERVICE_MANAGED without AutoDeployment, or with a Transform, is refused; a duplicate name is NameAlreadyExists', async () => {
  const noAuto = await failure(
    cfn.send(
      new CreateStackSetCommand({
        StackSetName: 'x',
        TemplateBody: TEMPLATE,
        PermissionModel: 'SERVICE_MANAGED',
      }),
    ),
  )
  assert.is(noAuto.name, 'ValidationError')
  const transform = await failure(
    cfn.send(
      serviceManaged('x', {
        TemplateBody: `Transform: AWS::Serverless-2016-10-31\n${TEMPLATE}`,
        Capabilities: ['CAPABILITY_AUTO_EXPAND'],
      }),
    ),
  )
  assert.is(transform.name, 'ValidationError')
  assert.match(transform.message, 'transforms')
  await cfn.send(serviceManaged('baseline'))
  const dup = await failure(cfn.send(serviceManaged('baseline')))
  assert.is(dup.name, 'NameAlreadyExistsException')
  assert.is(dup.status, 409)
})

test('deploying to the root in 3 Regions skips the management account and marks the suspended account SKIPPED_SUSPENDED_ACCOUNT', async () => {
  const { OperationId } = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'baseline',
      DeploymentTargets: { OrganizationalUnitIds: [sandbox.world.rootId] },
      Regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
      OperationPreferences: { RegionConcurrencyType: 'PARALLEL', MaxConcurrentPercentage: 100 },
    }),
  )
  assert.is((await operation('baseline', OperationId)).Status, 'RUNNING')
  const op = await waitFor('baseline', OperationId)
  assert.is(op.Status, 'SUCCEEDED')
  const all = await instances('baseline')
  assert.not.ok(
    all.some((i) => i.Account === MANAGEMENT),
    'no instance for the management account',
  )
  const suspended = all.filter((i) => i.Account === SUSPENDED)
  assert.is(suspended.length, 3)
  assert.ok(suspended.every((i) => i.StackInstanceStatus?.DetailedStatus === 'SKIPPED_SUSPENDED_ACCOUNT'))
  const deployed = all.filter((i) => i.Account !== SUSPENDED)
  assert.ok(deployed.length >= 3 * 7)
  assert.ok(
    deployed.every((i) => i.Status === 'CURRENT' && i.StackInstanceStatus?.DetailedStatus === 'SUCCEEDED'),
  )
  // The instance's stack is a real stack in the member account, visible to that account.
  const one = deployed[0] as StackInstanceSummary
  const memberCfn = new CloudFormationClient(await member(sandbox, one.Account ?? '', one.Region))
  const stack = (await memberCfn.send(new DescribeStacksCommand({ StackName: one.StackId }))).Stacks?.[0]
  assert.is(stack?.StackStatus, 'CREATE_COMPLETE')
})

test('an opt-in Region not enabled fails the instance with AWS’s reason (administrator account too), never a silent success', async () => {
  const { OperationId } = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'baseline',
      DeploymentTargets: { OrganizationalUnitIds: [ouId('Prod')] },
      Regions: ['ap-southeast-4'],
      OperationPreferences: { FailureTolerancePercentage: 100, MaxConcurrentCount: 1 },
    }),
  )
  const op = await waitFor('baseline', OperationId)
  assert.is(op.StatusDetails?.FailedStackInstancesCount, 2)
  const melbourne = await cfn.send(
    new DescribeStackInstanceCommand({
      StackSetName: 'baseline',
      StackInstanceAccount: MELBOURNE_ACCOUNT,
      StackInstanceRegion: 'ap-southeast-4',
    }),
  )
  assert.is(melbourne.StackInstance?.StackInstanceStatus?.DetailedStatus, 'FAILED')
  assert.is(melbourne.StackInstance?.Status, 'OUTDATED')
  assert.is(
    melbourne.StackInstance?.StatusReason,
    `Account ${MANAGEMENT} should have 'ap-southeast-4' region enabled`,
  )
  const results = await cfn.send(
    new ListStackSetOperationResultsCommand({ StackSetName: 'baseline', OperationId }),
  )
  assert.ok(
    results.Summaries?.some(
      (r) => r.StatusReason === "Account 555555555556 should have 'ap-southeast-4' region enabled",
    ),
  )
})

test('with tolerance 0 the first failure fails the Region, cancels the rest and FAILS the operation', async () => {
  sandbox.world.accounts.get(MANAGEMENT)?.optInRegions.add('ap-southeast-4')
  const { OperationId } = await cfn.send(
    new UpdateStackInstancesCommand({
      StackSetName: 'baseline',
      DeploymentTargets: { OrganizationalUnitIds: [ouId('Prod')] },
      Regions: ['ap-southeast-4'],
    }),
  )
  const op = await waitFor('baseline', OperationId)
  assert.is(op.Status, 'FAILED')
  const statuses = (await instances('baseline'))
    .filter((i) => i.Region === 'ap-southeast-4')
    .map((i) => i.StackInstanceStatus?.DetailedStatus)
  assert.ok(statuses.includes('FAILED'))
  assert.ok(statuses.includes('SUCCEEDED') || statuses.includes('CANCELLED'))
})

test('a second operation while one runs is OperationInProgressException (409)', async () => {
  const { OperationId } = await cfn.send(
    new UpdateStackSetCommand({
      StackSetName: 'baseline',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Email', ParameterValue: 'soc@example.com' }],
    }),
  )
  const error = await failure(
    cfn.send(new UpdateStackSetCommand({ StackSetName: 'baseline', UsePreviousTemplate: true })),
  )
  assert.is(error.name, 'OperationInProgressException')
  assert.is(error.status, 409)
  assert.match(
    error.message,
    /^Another Operation on StackSet arn:aws:cloudformation:us-east-1:111111111111:stackset\/baseline:.* is in progress$/,
  )
  await cfn.send(new StopStackSetOperationCommand({ StackSetName: 'baseline', OperationId }))
  const stopped = await waitFor('baseline', OperationId)
  assert.is(stopped.Status, 'STOPPED')
})

test('an operation someone else started (control) blocks the tool the same way', async () => {
  const started = sandbox.control('cloudformation', 'startForeignOperation', {
    stackSetName: 'baseline',
  }) as { operationId: string }
  const error = await failure(
    cfn.send(new UpdateStackSetCommand({ StackSetName: 'baseline', UsePreviousTemplate: true })),
  )
  assert.is(error.name, 'OperationInProgressException')
  await waitFor('baseline', started.operationId)
})

test('reusing an OperationId is OperationIdAlreadyExistsException', async () => {
  const op = await cfn.send(
    new UpdateStackSetCommand({
      StackSetName: 'baseline',
      UsePreviousTemplate: true,
      OperationId: 'fixed-id-1',
    }),
  )
  await waitFor('baseline', op.OperationId)
  const error = await failure(
    cfn.send(
      new UpdateStackSetCommand({
        StackSetName: 'baseline',
        UsePreviousTemplate: true,
        OperationId: 'fixed-id-1',
      }),
    ),
  )
  assert.is(error.name, 'OperationIdAlreadyExistsException')
})

test('with ManagedExecution active, a second operation is QUEUED and runs after the first, in request order', async () => {
  await cfn.send(serviceManaged('queued', { ManagedExecution: { Active: true } }))
  const first = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'queued',
      DeploymentTargets: { OrganizationalUnitIds: [ouId('Security')] },
      Regions: ['us-east-1'],
    }),
  )
  const second = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'queued',
      DeploymentTargets: { OrganizationalUnitIds: [ouId('Dev')] },
      Regions: ['us-east-1'],
    }),
  )
  assert.is((await operation('queued', first.OperationId)).Status, 'RUNNING')
  assert.is((await operation('queued', second.OperationId)).Status, 'QUEUED')
  const a = await waitFor('queued', first.OperationId)
  const b = await waitFor('queued', second.OperationId)
  assert.is(b.Status, 'SUCCEEDED')
  assert.ok(
    (a.EndTimestamp?.getTime() ?? 0) <= (b.EndTimestamp?.getTime() ?? 0) - 30_000,
    'the second ran after the first',
  )
  const listed = await cfn.send(new ListStackSetOperationsCommand({ StackSetName: 'queued' }))
  assert.equal(
    listed.Summaries?.map((s) => s.OperationId),
    [second.OperationId, first.OperationId],
  )
})

test('operation preferences change the simulated duration: SEQUENTIAL one-at-a-time vs PARALLEL all-at-once', async () => {
  const targets = { OrganizationalUnitIds: [ouId('Workloads')] } // 4 accounts
  await cfn.send(serviceManaged('slow'))
  await cfn.send(serviceManaged('fast'))
  const slow = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'slow',
      DeploymentTargets: targets,
      Regions: ['us-east-1', 'eu-west-1'],
      OperationPreferences: { RegionConcurrencyType: 'SEQUENTIAL', MaxConcurrentCount: 1 },
    }),
  )
  const fast = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'fast',
      DeploymentTargets: targets,
      Regions: ['us-east-1', 'eu-west-1'],
      OperationPreferences: {
        RegionConcurrencyType: 'PARALLEL',
        MaxConcurrentPercentage: 100,
        FailureToleranceCount: 3,
      },
    }),
  )
  const s = await waitFor('slow', slow.OperationId)
  const parallel = await waitFor('fast', fast.OperationId)
  assert.is(took(s), 8 * 30_000, 'two Regions × four accounts, one at a time')
  assert.is(took(parallel), 30_000, 'everything at once')
})

test('STRICT failure tolerance caps concurrency at tolerance + 1; SOFT runs at MaxConcurrent', async () => {
  await cfn.send(serviceManaged('strict'))
  await cfn.send(serviceManaged('soft'))
  const targets = { OrganizationalUnitIds: [ouId('Workloads')] }
  const strict = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'strict',
      DeploymentTargets: targets,
      Regions: ['us-east-1'],
      OperationPreferences: { MaxConcurrentCount: 4, FailureToleranceCount: 1 },
    }),
  )
  const soft = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'soft',
      DeploymentTargets: targets,
      Regions: ['us-east-1'],
      OperationPreferences: {
        MaxConcurrentCount: 4,
        FailureToleranceCount: 1,
        ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
      },
    }),
  )
  assert.is(took(await waitFor('strict', strict.OperationId)), 2 * 30_000)
  assert.is(took(await waitFor('soft', soft.OperationId)), 30_000)
})

test('ListStackInstances filters by DETAILED_STATUS and Region, in pages of 2 through the paginator', async () => {
  const pages: number[] = []
  const found: StackInstanceSummary[] = []
  for await (const page of paginateListStackInstances(
    { client: cfn, pageSize: 2 },
    {
      StackSetName: 'baseline',
      Filters: [{ Name: 'DETAILED_STATUS', Values: 'SUCCEEDED' }],
      StackInstanceRegion: 'eu-west-1',
    },
  )) {
    pages.push(page.Summaries?.length ?? 0)
    found.push(...(page.Summaries ?? []))
  }
  assert.ok(pages.length >= 3 && pages.every((n) => n <= 2))
  assert.ok(
    found.length >= 7 &&
      found.every((i) => i.Region === 'eu-west-1' && i.StackInstanceStatus?.DetailedStatus === 'SUCCEEDED'),
  )
  const skipped = await cfn.send(
    new ListStackInstancesCommand({
      StackSetName: 'baseline',
      Filters: [{ Name: 'DETAILED_STATUS', Values: 'SKIPPED_SUSPENDED_ACCOUNT' }],
      StackInstanceAccount: SUSPENDED,
    }),
  )
  assert.is(skipped.Summaries?.length, 3)
  const tooMany = await failure(
    cfn.send(new ListStackInstancesCommand({ StackSetName: 'baseline', MaxResults: 101 })),
  )
  assert.is(tooMany.name, 'ValidationError')
})

test('ListStackInstances by LAST_OPERATION_ID returns exactly the instances that operation touched', async () => {
  const ops = await cfn.send(new ListStackSetOperationsCommand({ StackSetName: 'queued' }))
  const second = ops.Summaries?.[0]?.OperationId ?? ''
  const touched = await cfn.send(
    new ListStackInstancesCommand({
      StackSetName: 'queued',
      Filters: [{ Name: 'LAST_OPERATION_ID', Values: second }],
    }),
  )
  assert.equal(touched.Summaries?.map((i) => i.Account).sort(), ['666666666666', '666666666667'])
})

test.run()
