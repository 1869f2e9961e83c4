// SCPs enforced: every call of a member-account principal is judged against the SCPs on the path root → OUs
// → account (Organizations user guide, "SCP evaluation"); the management account and service-linked roles
// never are (aws-facts §1 "SCP semantics"); denials answer as each service answers AccessDenied. Each test
// attaches its own SCP through the Organizations API and detaches it again, so tests stay independent.

import { readFileSync } from 'node:fs'
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  CreateStackCommand,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeStackEventsCommand,
  DescribeStackInstanceCommand,
  DescribeStackSetOperationCommand,
  DescribeStacksCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation'
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail'
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service'
import {
  DeleteRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutRuleCommand,
} from '@aws-sdk/client-eventbridge'
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty'
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribeOrganizationCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { authorizeAs } from '../../src/sandbox/authz/authorize-as.ts'
import { roleSession } from '../../src/sandbox/authz/principal.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import type { Session } from '../../src/sandbox/services/sts.ts'
import { failure, management, member } from './helpers.ts'

const SECURITY_TOOLING = '222222222222' // OU Security
const NETWORK = '444444444444' // OU Infrastructure
const PAYMENTS_PROD = '555555555555' // OU Workloads/Prod (legacy-deny-regions on Workloads)
const RETAIL_PROD = '555555555556'

let sandbox: Sandbox
let org: OrganizationsClient

test.before(async () => {
  sandbox = await startSandbox({ speed: 1 })
  org = new OrganizationsClient(management(sandbox))
})
test.after(() => sandbox.close())

const ouId = (name: string) => [...sandbox.world.ous.values()].find((o) => o.name === name)?.id ?? ''
const statement = (s: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [s] })

let counter = 0
/** Creates an SCP and attaches it; returns a function that detaches and deletes it. */
async function withScp(content: string, targetId: string): Promise<() => Promise<void>> {
  counter += 1
  const { Policy } = await org.send(
    new CreatePolicyCommand({
      Name: `scp-test-${counter}`,
      Description: 'scp enforcement test',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: content,
    }),
  )
  const policyId = Policy?.PolicySummary?.Id ?? ''
  await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId }))
  return async () => {
    await org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: targetId }))
    await org.send(new DeletePolicyCommand({ PolicyId: policyId }))
  }
}

const guardDuty = async (account: string) => new GuardDutyClient(await member(sandbox, account))

test('an explicit deny at an OU denies its member accounts with AccessDeniedException 403 and AWS’s wording; other OUs and the management account are untouched', async () => {
  const undo = await withScp(
    statement({ Effect: 'Deny', Action: 'guardduty:ListDetectors', Resource: '*' }),
    ouId('Security'),
  )
  const denied = await failure((await guardDuty(SECURITY_TOOLING)).send(new ListDetectorsCommand({})))
  assert.is(denied.name, 'AccessDeniedException')
  assert.is(denied.status, 403)
  assert.match(
    denied.message,
    /^User: arn:aws:sts::222222222222:assumed-role\/OrganizationAccountAccessRole\/sandbox-test is not authorized to perform: guardduty:ListDetectors with an explicit deny in a service control policy: arn:aws:organizations::111111111111:policy\/o-sandbox0001\/service_control_policy\/p-\w+$/,
  )
  // Another OU's account, and the management account (SCPs never apply to it), still list their detectors.
  assert.ok((await (await guardDuty(NETWORK)).send(new ListDetectorsCommand({}))).DetectorIds)
  assert.ok(await new GuardDutyClient(management(sandbox)).send(new ListDetectorsCommand({})))
  // The denial is in the call log like any error.
  assert.ok(sandbox.calls.count({ operation: 'ListDetectors', errorCode: 'AccessDeniedException' }) >= 1)
  await undo()
  assert.ok(await (await guardDuty(SECURITY_TOOLING)).send(new ListDetectorsCommand({})))
})

test('FullAWSAccess detached from an OU: what no SCP at that level allows is denied ("no service control policy allows"), what one allows passes', async () => {
  const infrastructure = ouId('Infrastructure')
  const undo = await withScp(
    statement({ Effect: 'Allow', Action: ['events:*', 'sts:*'], Resource: '*' }),
    infrastructure,
  )
  await org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: infrastructure }))
  const config = await member(sandbox, NETWORK)
  const denied = await failure(new CloudTrailClient(config).send(new DescribeTrailsCommand({})))
  assert.is(denied.name, 'AccessDeniedException')
  assert.is(
    denied.message,
    'User: arn:aws:sts::444444444444:assumed-role/OrganizationAccountAccessRole/sandbox-test is not authorized to perform: cloudtrail:DescribeTrails because no service control policy allows the cloudtrail:DescribeTrails action',
  )
  assert.ok(await new EventBridgeClient(config).send(new ListRulesCommand({})))
  await org.send(new AttachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: infrastructure }))
  await undo()
  assert.ok(await new CloudTrailClient(config).send(new DescribeTrailsCommand({})))
})

test('a Resource-scoped deny hits only the resource it names (the rule’s ARN from the action table)', async () => {
  const undo = await withScp(
    statement({
      Effect: 'Deny',
      Action: 'events:DeleteRule',
      Resource: 'arn:aws:events:*:*:rule/protected-*',
    }),
    NETWORK,
  )
  const events = new EventBridgeClient(await member(sandbox, NETWORK))
  for (const Name of ['protected-alerts', 'scratch'])
    await events.send(new PutRuleCommand({ Name, ScheduleExpression: 'rate(1 hour)' }))
  const denied = await failure(events.send(new DeleteRuleCommand({ Name: 'protected-alerts' })))
  // EventBridge models AccessDeniedException without an HTTP status: a 400 client error.
  assert.is(denied.name, 'AccessDeniedException')
  assert.is(denied.status, 400)
  assert.match(
    denied.message,
    'on resource: arn:aws:events:us-east-1:444444444444:rule/protected-alerts with',
  )
  await events.send(new DeleteRuleCommand({ Name: 'scratch' }))
  await undo()
})

test('aws:PrincipalArn is the role’s ARN, not the session’s (AWS global condition keys)', async () => {
  const roleDeny = await withScp(
    statement({
      Effect: 'Deny',
      Action: 'config:DescribeDeliveryChannels',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' } },
    }),
    SECURITY_TOOLING,
  )
  const sessionDeny = await withScp(
    statement({
      Effect: 'Deny',
      Action: 'config:DescribeConfigurationRecorders',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::*:assumed-role/*' } },
    }),
    SECURITY_TOOLING,
  )
  const config = new ConfigServiceClient(await member(sandbox, SECURITY_TOOLING))
  const denied = await failure(config.send(new DescribeDeliveryChannelsCommand({})))
  // Config's model has no AccessDeniedException: the generic JSON client error, 400.
  assert.is(denied.name, 'AccessDeniedException')
  assert.is(denied.status, 400)
  assert.ok(await config.send(new DescribeConfigurationRecordersCommand({})))
  await roleDeny()
  await sessionDeny()
})

test('aws:RequestedRegion is the request’s Region; global services (Organizations) are evaluated in us-east-1', async () => {
  const undo = await withScp(
    statement({
      Effect: 'Deny',
      Action: ['cloudformation:ListStacks', 'organizations:DescribeOrganization'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    }),
    SECURITY_TOOLING,
  )
  const inIreland = await member(sandbox, SECURITY_TOOLING, 'eu-west-1')
  const denied = await failure(new CloudFormationClient(inIreland).send(new ListStacksCommand({})))
  // Query services answer AccessDenied 403.
  assert.is(denied.name, 'AccessDenied')
  assert.is(denied.status, 403)
  const inVirginia = await member(sandbox, SECURITY_TOOLING, 'us-east-1')
  assert.ok(await new CloudFormationClient(inVirginia).send(new ListStacksCommand({})))
  // The SDK signs Organizations for eu-west-1, but AWS evaluates the global service in us-east-1.
  assert.ok(await new OrganizationsClient(inIreland).send(new DescribeOrganizationCommand({})))
  await undo()
})

test('the management account is never restricted, not even by a Deny * on the root or on itself', async () => {
  const root = sandbox.world.rootId
  const denyAll = statement({ Effect: 'Deny', Action: '*', Resource: '*' })
  const undoRoot = await withScp(denyAll, root)
  const undoSelf = await withScp(denyAll, '111111111111')
  assert.is((await org.send(new ListRootsCommand({}))).Roots?.length, 1)
  assert.ok(await new CloudFormationClient(management(sandbox, 'eu-west-1')).send(new ListStacksCommand({})))
  const denied = await failure((await guardDuty(NETWORK)).send(new ListDetectorsCommand({})))
  assert.match(denied.message, 'with an explicit deny in a service control policy')
  await undoSelf()
  await undoRoot()
})

test('service-linked roles are exempt; the same account’s other roles are not', async () => {
  const undo = await withScp(statement({ Effect: 'Deny', Action: '*', Resource: '*' }), NETWORK)
  const request = { action: 'config:PutConfigurationRecorder', resources: ['*'], region: 'us-east-1' }
  const slr = roleSession(
    NETWORK,
    `arn:aws:iam::${NETWORK}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    'config',
  )
  assert.is(authorizeAs(sandbox.world, slr, request), undefined)
  const admin = roleSession(NETWORK, `arn:aws:iam::${NETWORK}:role/Admin`, 'admin')
  assert.is(authorizeAs(sandbox.world, admin, request)?.decision.reason, 'explicit-deny-scp')
  await undo()
})

test('with the SCP policy type disabled no SCP applies; re-enabled, FullAWSAccess alone allows again', async () => {
  const root = sandbox.world.rootId
  await withScp(
    statement({
      Effect: 'Deny',
      Action: 'config:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'ap-southeast-4' } },
    }),
    ouId('Workloads'),
  )
  const config = new ConfigServiceClient(await member(sandbox, PAYMENTS_PROD, 'ap-southeast-4'))
  assert.is(
    (await failure(config.send(new DescribeDeliveryChannelsCommand({})))).name,
    'AccessDeniedException',
  )
  await org.send(new DisablePolicyTypeCommand({ RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' }))
  assert.ok(await config.send(new DescribeDeliveryChannelsCommand({})))
  await org.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' }))
  // Re-enabling resets every entity to FullAWSAccess only (aws-facts §1): the deny is no longer attached.
  assert.ok(await config.send(new DescribeDeliveryChannelsCommand({})))
})

test('the shipped deny-member-root SCP denies a member root user, not a privileged root session (aws:AssumedRoot)', async () => {
  const undo = await withScp(readFileSync('scps/deny-member-root.json', 'utf8'), NETWORK)
  const rootUser: Session = {
    accessKeyId: '',
    secretAccessKey: '',
    account: NETWORK,
    principalArn: `arn:aws:iam::${NETWORK}:root`,
    userId: NETWORK,
    assumedRole: false,
  }
  const request = { action: 'iam:GetAccountSummary', resources: ['*'], region: 'us-east-1' }
  assert.is(authorizeAs(sandbox.world, rootUser, request)?.decision.reason, 'explicit-deny-scp')
  assert.is(authorizeAs(sandbox.world, { ...rootUser, assumedRoot: true }, request), undefined)
  await undo()
})

const RULE_TEMPLATE = `
Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Name: org-baseline-test-rule
      ScheduleExpression: rate(1 hour)
`

test('a stack instance whose resource the SCPs deny to the execution role fails with the reason; its stack rolls back', async () => {
  const cfn = new CloudFormationClient(management(sandbox))
  await cfn.send(new ActivateOrganizationsAccessCommand({}))
  const undo = await withScp(
    statement({ Effect: 'Deny', Action: 'events:PutRule', Resource: '*' }),
    ouId('Prod'),
  )
  await cfn.send(
    new CreateStackSetCommand({
      StackSetName: 'scp-denied',
      TemplateBody: RULE_TEMPLATE,
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: false },
    }),
  )
  const { OperationId } = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'scp-denied',
      DeploymentTargets: { OrganizationalUnitIds: [ouId('Prod')] },
      Regions: ['us-east-1'],
      OperationPreferences: { FailureTolerancePercentage: 100, MaxConcurrentPercentage: 100 },
    }),
  )
  let status = 'RUNNING'
  for (let i = 0; i < 200 && (status === 'RUNNING' || status === 'QUEUED'); i++) {
    sandbox.world.clock.advance(30_000)
    const out = await cfn.send(
      new DescribeStackSetOperationCommand({ StackSetName: 'scp-denied', OperationId }),
    )
    status = out.StackSetOperation?.Status ?? ''
  }
  const { StackInstance } = await cfn.send(
    new DescribeStackInstanceCommand({
      StackSetName: 'scp-denied',
      StackInstanceAccount: RETAIL_PROD,
      StackInstanceRegion: 'us-east-1',
    }),
  )
  assert.is(StackInstance?.Status, 'OUTDATED')
  assert.is(StackInstance?.StackInstanceStatus?.DetailedStatus, 'FAILED')
  assert.match(
    StackInstance?.StatusReason ?? '',
    /^ResourceLogicalId:Rule, ResourceType:AWS::Events::Rule, ResourceStatusReason:User: arn:aws:sts::555555555556:assumed-role\/stacksets-exec-[0-9a-f]{32}\/\w+ is not authorized to perform: events:PutRule on resource: arn:aws:events:us-east-1:555555555556:rule\/org-baseline-test-rule with an explicit deny in a service control policy/,
  )
  const memberCfn = new CloudFormationClient(await member(sandbox, RETAIL_PROD))
  const stack = (await memberCfn.send(new DescribeStacksCommand({ StackName: StackInstance?.StackId })))
    .Stacks?.[0]
  assert.is(stack?.StackStatus, 'ROLLBACK_COMPLETE')
  await undo()
})

test('a member’s own CreateStack runs with its credentials: a denied resource is CREATE_FAILED and the stack rolls back', async () => {
  const undo = await withScp(statement({ Effect: 'Deny', Action: 'events:PutRule', Resource: '*' }), NETWORK)
  const cfn = new CloudFormationClient(await member(sandbox, NETWORK))
  await cfn.send(new CreateStackCommand({ StackName: 'own-stack', TemplateBody: RULE_TEMPLATE }))
  sandbox.world.clock.advance(60_000)
  const events =
    (await cfn.send(new DescribeStackEventsCommand({ StackName: 'own-stack' }))).StackEvents ?? []
  const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED')
  assert.is(failed?.LogicalResourceId, 'Rule')
  assert.match(
    failed?.ResourceStatusReason ?? '',
    'assumed-role/OrganizationAccountAccessRole/sandbox-test is not authorized to perform: events:PutRule',
  )
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'own-stack' }))).Stacks?.[0]
  assert.is(stack?.StackStatus, 'ROLLBACK_COMPLETE')
  await undo()
})

test.run()
