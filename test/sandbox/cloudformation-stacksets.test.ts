// CloudFormation StackSets through the real SDK: service-managed targeting (management account skipped,
// suspended accounts SKIPPED_SUSPENDED_ACCOUNT, opt-in Regions failing), asynchronous operations on simulated
// time with operation preferences, one operation at a time, managed execution queues, auto-deployment driven
// by the Organizations API, filtered and paged ListStackInstances, drift.
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  DeleteStackSetCommand,
  DescribeOrganizationsAccessCommand,
  DescribeStackInstanceCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  DescribeStacksCommand,
  DetectStackSetDriftCommand,
  ListStackInstanceResourceDriftsCommand,
  ListStackInstancesCommand,
  ListStackSetOperationResultsCommand,
  ListStackSetOperationsCommand,
  ListStackSetsCommand,
  paginateListStackInstances,
  type StackInstanceSummary,
  StopStackSetOperationCommand,
  UpdateStackInstancesCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation'
import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  MoveAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let cfn: CloudFormationClient
let org: OrganizationsClient

const MANAGEMENT = '111111111111'
const SUSPENDED = '777777777777'
const MELBOURNE_ACCOUNT = '555555555555'
const TEMPLATE = `
Parameters:
  Email: { Type: String, Default: security@example.com }
Resources:
  AlertTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '\${AWS::StackName}-alerts'
      DisplayName: Security alerts
      Subscription: [{ Protocol: email, Endpoint: !Ref Email }]
`

test.before(async () => {
  sandbox = await startSandbox({ speed: 1 })
  cfn = new CloudFormationClient(management(sandbox))
  org = new OrganizationsClient(management(sandbox))
  sandbox.control('cloudformation', 'setOperationDuration', { ms: 30_000 })
})
test.after(() => sandbox.close())

const ouId = (name: string) => [...sandbox.world.ous.values()].find((o) => o.name === name)?.id ?? ''

async function operation(stackSetName: string, operationId: string | undefined) {
  const out = await cfn.send(
    new DescribeStackSetOperationCommand({ StackSetName: stackSetName, OperationId: operationId }),
  )
  if (!out.StackSetOperation) throw new Error('no operation')
  return out.StackSetOperation
}

/** Polls as a client would, moving simulated time forward between polls (no real sleeping). */
async function waitFor(stackSetName: string, operationId: string | undefined, stepMs = 10_000) {
  for (let i = 0; i < 2_000; i++) {
    const op = await operation(stackSetName, operationId)
    if (op.Status === 'SUCCEEDED' || op.Status === 'FAILED' || op.Status === 'STOPPED') return op
    sandbox.world.clock.advance(stepMs)
  }
  throw new Error('operation never finished')
}

async function instances(stackSetName: string): Promise<StackInstanceSummary[]> {
  const out: StackInstanceSummary[] = []
  for await (const page of paginateListStackInstances(
    { client: cfn, pageSize: 100 },
    { StackSetName: stackSetName },
  )) {
    out.push(...(page.Summaries ?? []))
  }
  return out
}

const serviceManaged = (name: string, extra: Record<string, unknown> = {}) =>
  new CreateStackSetCommand({
    StackSetName: name,
    TemplateBody: TEMPLATE,
    PermissionModel: 'SERVICE_MANAGED',
    AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
    ...extra,
  })

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
  const f = await waitFor('fast', fast.OperationId)
  const took = (op: typeof s) => (op.EndTimestamp?.getTime() ?? 0) - (op.CreationTimestamp?.getTime() ?? 0)
  assert.is(took(s), 8 * 30_000, 'two Regions × four accounts, one at a time')
  assert.is(took(f), 30_000, 'everything at once')
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
  const took = (op: Awaited<ReturnType<typeof waitFor>>) =>
    (op.EndTimestamp?.getTime() ?? 0) - (op.CreationTimestamp?.getTime() ?? 0)
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

test('auto-deployment: an account created in a targeted parent and moved between OUs gets, then loses, its instances', async () => {
  // 'slow' targets Workloads; 'baseline' targets the root (CreateAccount places new accounts in the root).
  const created = await org.send(
    new CreateAccountCommand({ AccountName: 'New Workload', Email: 'aws+new-workload@example.com' }),
  )
  let accountId: string | undefined
  for (let i = 0; i < 100 && !accountId; i++) {
    sandbox.world.clock.advance(60_000)
    const status = await org.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus?.Id }),
    )
    if (status.CreateAccountStatus?.State === 'SUCCEEDED') accountId = status.CreateAccountStatus.AccountId
  }
  assert.ok(accountId, 'the account was created')
  const [auto] =
    (await cfn.send(new ListStackSetOperationsCommand({ StackSetName: 'baseline' }))).Summaries ?? []
  assert.is(auto?.Action, 'CREATE')
  await waitFor('baseline', auto?.OperationId)
  const baselineNew = (await instances('baseline')).filter((i) => i.Account === accountId)
  assert.is(baselineNew.length, 4, 'one instance per stack set Region')
  assert.is(baselineNew.filter((i) => i.Status === 'CURRENT').length, 3)
  const optIn = baselineNew.find((i) => i.Region === 'ap-southeast-4')
  assert.is(optIn?.StatusReason, `Account ${accountId} should have 'ap-southeast-4' region enabled`)

  await org.send(
    new MoveAccountCommand({
      AccountId: accountId,
      SourceParentId: sandbox.world.rootId,
      DestinationParentId: ouId('Prod'),
    }),
  )
  const [moveIn] =
    (await cfn.send(new ListStackSetOperationsCommand({ StackSetName: 'slow' }))).Summaries ?? []
  await waitFor('slow', moveIn?.OperationId)
  assert.is(
    (await instances('slow')).filter((i) => i.Account === accountId && i.Status === 'CURRENT').length,
    2,
  )

  await org.send(
    new MoveAccountCommand({
      AccountId: accountId,
      SourceParentId: ouId('Prod'),
      DestinationParentId: ouId('Security'),
    }),
  )
  const [moveOut] =
    (await cfn.send(new ListStackSetOperationsCommand({ StackSetName: 'slow' }))).Summaries ?? []
  assert.is(moveOut?.Action, 'DELETE')
  await waitFor('slow', moveOut?.OperationId)
  assert.is((await instances('slow')).filter((i) => i.Account === accountId).length, 0)
})

test('drift: an injected change shows up in DetectStackSetDrift, DRIFT_STATUS filtering and resource drifts', async () => {
  sandbox.control('cloudformation', 'driftStackInstance', {
    stackSetName: 'queued',
    account: '222222222222',
    region: 'us-east-1',
    logicalId: 'AlertTopic',
    properties: { DisplayName: 'changed by hand' },
  })
  const { OperationId } = await cfn.send(new DetectStackSetDriftCommand({ StackSetName: 'queued' }))
  const op = await waitFor('queued', OperationId)
  assert.is(op.Action, 'DETECT_DRIFT')
  assert.is(op.StackSetDriftDetectionDetails?.DriftedStackInstancesCount, 1)
  const ss = (await cfn.send(new DescribeStackSetCommand({ StackSetName: 'queued' }))).StackSet
  assert.is(ss?.StackSetDriftDetectionDetails?.DriftStatus, 'DRIFTED')
  const drifted = await cfn.send(
    new ListStackInstancesCommand({
      StackSetName: 'queued',
      Filters: [{ Name: 'DRIFT_STATUS', Values: 'DRIFTED' }],
    }),
  )
  assert.equal(
    drifted.Summaries?.map((i) => `${i.Account}/${i.Region}`),
    ['222222222222/us-east-1'],
  )
  const resources = await cfn.send(
    new ListStackInstanceResourceDriftsCommand({
      StackSetName: 'queued',
      StackInstanceAccount: '222222222222',
      StackInstanceRegion: 'us-east-1',
      OperationId,
    }),
  )
  assert.is(resources.Summaries?.[0]?.StackResourceDriftStatus, 'MODIFIED')
  assert.equal(resources.Summaries?.[0]?.PropertyDifferences?.[0]?.PropertyPath, '/DisplayName')
})

test('a stack deleted out of band fails drift detection and the next update of that instance', async () => {
  sandbox.control('cloudformation', 'deleteStackInstanceStack', {
    stackSetName: 'queued',
    account: '333333333333',
    region: 'us-east-1',
  })
  const drift = await waitFor(
    'queued',
    (await cfn.send(new DetectStackSetDriftCommand({ StackSetName: 'queued' }))).OperationId,
  )
  assert.is(drift.StackSetDriftDetectionDetails?.FailedStackInstancesCount, 1)
  const update = await waitFor(
    'queued',
    (
      await cfn.send(
        new UpdateStackSetCommand({
          StackSetName: 'queued',
          UsePreviousTemplate: true,
          OperationPreferences: { FailureToleranceCount: 5 },
        }),
      )
    ).OperationId,
  )
  assert.is(update.StatusDetails?.FailedStackInstancesCount, 1)
  const failed = await cfn.send(
    new ListStackInstancesCommand({
      StackSetName: 'queued',
      Filters: [{ Name: 'DETAILED_STATUS', Values: 'FAILED' }],
    }),
  )
  assert.equal(
    failed.Summaries?.map((i) => i.Account),
    ['333333333333'],
  )
})

test('DeleteStackSet refuses while instances exist; after DeleteStackInstances it succeeds', async () => {
  const notEmpty = await failure(cfn.send(new DeleteStackSetCommand({ StackSetName: 'fast' })))
  assert.is(notEmpty.name, 'StackSetNotEmptyException')
  const { OperationId } = await cfn.send(
    new DeleteStackInstancesCommand({
      StackSetName: 'fast',
      DeploymentTargets: { OrganizationalUnitIds: [ouId('Workloads')] },
      Regions: ['us-east-1', 'eu-west-1'],
      RetainStacks: false,
      OperationPreferences: { RegionConcurrencyType: 'PARALLEL', MaxConcurrentPercentage: 100 },
    }),
  )
  await waitFor('fast', OperationId)
  assert.is((await instances('fast')).length, 0)
  await cfn.send(new DeleteStackSetCommand({ StackSetName: 'fast' }))
  const gone = await failure(cfn.send(new DescribeStackSetCommand({ StackSetName: 'fast' })))
  assert.is(gone.name, 'StackSetNotFoundException')
})

test('delegated admin: CallAs=DELEGATED_ADMIN works only once registered; CallAs=SELF from the DA is refused as AWS does', async () => {
  const daCfn = new CloudFormationClient(await member(sandbox, '222222222222'))
  const before = await failure(daCfn.send(new ListStackSetsCommand({ CallAs: 'DELEGATED_ADMIN' })))
  assert.is(before.name, 'ValidationError')
  assert.is(before.message, 'Account used is not a delegated administrator')
  await org.send(
    new RegisterDelegatedAdministratorCommand({
      AccountId: '222222222222',
      ServicePrincipal: 'member.org.stacksets.cloudformation.amazonaws.com',
    }),
  )
  const listed = await daCfn.send(new ListStackSetsCommand({ CallAs: 'DELEGATED_ADMIN', Status: 'ACTIVE' }))
  assert.ok(listed.Summaries?.some((s) => s.StackSetName === 'baseline'))
  const self = await failure(daCfn.send(serviceManaged('from-da')))
  assert.match(
    self.message,
    'You must be the management account or delegated admin account of an organization',
  )
  await daCfn.send(serviceManaged('from-da', { CallAs: 'DELEGATED_ADMIN' }))
  const stored = await cfn.send(new DescribeStackSetCommand({ StackSetName: 'from-da' }))
  assert.match(stored.StackSet?.StackSetARN ?? '', `:${MANAGEMENT}:stackset/from-da:`)
})

test('self-managed: an account without the execution role FAILS with AWS’s reason; one with it succeeds', async () => {
  sandbox.world.accounts.get('444444444444')?.accessRoles.add('AWSCloudFormationStackSetExecutionRole')
  await cfn.send(new CreateStackSetCommand({ StackSetName: 'self', TemplateBody: TEMPLATE }))
  const { OperationId } = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'self',
      Accounts: ['444444444444', '444444444445'],
      Regions: ['us-east-1'],
      OperationPreferences: { FailureToleranceCount: 1, MaxConcurrentCount: 2 },
    }),
  )
  const op = await waitFor('self', OperationId)
  assert.is(op.Status, 'SUCCEEDED', 'one failure is within the tolerance of 1')
  const byAccount = Object.fromEntries((await instances('self')).map((i) => [i.Account, i]))
  assert.is(byAccount['444444444444']?.Status, 'CURRENT')
  assert.is(
    byAccount['444444444445']?.StatusReason,
    "Account 444444444445 should have 'AWSCloudFormationStackSetExecutionRole' role with trust relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.",
  )
  const ous = await failure(
    cfn.send(
      new CreateStackInstancesCommand({
        StackSetName: 'self',
        DeploymentTargets: { OrganizationalUnitIds: [ouId('Prod')] },
        Regions: ['us-east-1'],
      }),
    ),
  )
  assert.is(ous.name, 'ValidationError')
})

test('UpdateStackSet on some instances leaves the others OUTDATED; stopping a finished operation is InvalidOperationException', async () => {
  const { OperationId } = await cfn.send(
    new UpdateStackSetCommand({
      StackSetName: 'self',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Email', ParameterValue: 'x@example.com' }],
      Accounts: ['444444444444'],
      Regions: ['us-east-1'],
    }),
  )
  await waitFor('self', OperationId)
  const outdated = await cfn.send(
    new ListStackInstancesCommand({ StackSetName: 'self', StackInstanceAccount: '444444444445' }),
  )
  assert.is(outdated.Summaries?.[0]?.Status, 'OUTDATED')
  const error = await failure(
    cfn.send(new StopStackSetOperationCommand({ StackSetName: 'self', OperationId })),
  )
  assert.is(error.name, 'InvalidOperationException')
})

test.run()
