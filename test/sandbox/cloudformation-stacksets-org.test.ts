// CloudFormation StackSets through the real SDK, part 2: auto-deployment driven by the Organizations API,
// drift, stacks deleted out of band, deleting stack sets, delegated administrators, self-managed stack sets.
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  DeleteStackSetCommand,
  DescribeStackSetCommand,
  DetectStackSetDriftCommand,
  ListStackInstanceResourceDriftsCommand,
  ListStackInstancesCommand,
  ListStackSetOperationsCommand,
  ListStackSetsCommand,
  StopStackSetOperationCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation'
import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  MoveAccountCommand,
  type OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { type Fixture, MANAGEMENT, startFixture, TEMPLATE } from './cloudformation-fixture.ts'
import { failure, member } from './helpers.ts'

let f: Fixture
let sandbox: Sandbox
let cfn: CloudFormationClient
let org: OrganizationsClient
const ouId = (name: string) => f.ouId(name)
const _operation = (name: string, id: string | undefined) => f.operation(name, id)
const waitFor = (name: string, id: string | undefined) => f.waitFor(name, id)
const instances = (name: string) => f.instances(name)
const serviceManaged = (name: string, extra: Record<string, unknown> = {}) => f.serviceManaged(name, extra)

/** Stack sets as part 1 leaves them: the root in four Regions (one opt-in), Workloads, Security. */
test.before(async () => {
  f = await startFixture()
  ;({ sandbox, cfn, org } = f)
  await cfn.send(new ActivateOrganizationsAccessCommand({}))
  const deploy = async (name: string, ou: string, regions: string[]) => {
    await cfn.send(serviceManaged(name))
    const { OperationId } = await cfn.send(
      new CreateStackInstancesCommand({
        StackSetName: name,
        DeploymentTargets: { OrganizationalUnitIds: [ou] },
        Regions: regions,
        OperationPreferences: {
          RegionConcurrencyType: 'PARALLEL',
          MaxConcurrentPercentage: 100,
          FailureTolerancePercentage: 100,
        },
      }),
    )
    await waitFor(name, OperationId)
  }
  await deploy('baseline', sandbox.world.rootId, [
    'us-east-1',
    'eu-west-1',
    'ap-northeast-1',
    'ap-southeast-4',
  ])
  await deploy('slow', ouId('Workloads'), ['us-east-1', 'eu-west-1'])
  await deploy('fast', ouId('Workloads'), ['us-east-1', 'eu-west-1'])
  await deploy('queued', ouId('Security'), ['us-east-1'])
})
test.after(() => sandbox.close())

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
