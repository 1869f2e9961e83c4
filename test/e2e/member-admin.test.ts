// A member account's administrator against the applied baseline: after `apply` of the example config, a role
// with AdministratorAccess in the Security Tooling account tries the ways around the guardrails the issue 11
// review found. Every attempt must come back from the sandbox as an explicit deny in a service control policy,
// naming the shipped SCP that holds — the sandbox's evaluator judging the applied SCPs, no fake in between.
import { CloudFormationClient, DeleteStackCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient, StopLoggingCommand } from '@aws-sdk/client-cloudtrail'
import {
  ConfigServiceClient,
  DeleteDeliveryChannelCommand,
  DescribeConfigurationRecordersCommand,
  PutRetentionConfigurationCommand,
  StopConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service'
import {
  DeleteRuleCommand,
  DisableRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge'
import {
  DeleteDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  UpdateDetectorCommand,
  UpdateMalwareScanSettingsCommand,
} from '@aws-sdk/client-guardduty'
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  IAMClient,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam'
import { LeaveOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import {
  BatchDisableStandardsCommand,
  DisableSecurityHubCommand,
  GetEnabledStandardsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { serviceManagedExecutionRoleName } from '../../src/sandbox/authz/resource-authorization.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { findRole } from '../../src/sandbox/services/iam-roles/store.ts'
import { issueRootCredentials } from '../../src/sandbox/services/sts-sessions.ts'
import { actAs, type ClientConfig, management } from '../sandbox/helpers.ts'
import { cli, EXAMPLE, startTestSandbox } from './harness.ts'
import { scpSummaries } from './org-reads.ts'

const test = suite('member admin against the applied baseline')
// Security Tooling: a member account, delegated administrator, with the baseline's stacks and alert rule.
const ACCOUNT = '222222222222'
const ADMIN = 'TeamAdmin'
const TRUST = (principal: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  })
const ATTACKER_TRUST = TRUST(`arn:aws:iam::${ACCOUNT}:role/${ADMIN}`)

let sandbox: Sandbox
let admin: ClientConfig
let scpArns: Map<string, string>

test.before(async () => {
  sandbox = await startTestSandbox({})
  const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
  assert.is(applied.code, 0, applied.stderr)
  sandbox.control('iam', 'put-role', {
    account: ACCOUNT,
    name: ADMIN,
    managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  })
  admin = actAs(sandbox, ACCOUNT, ADMIN)
  const policies = await scpSummaries(new OrganizationsClient(management(sandbox)))
  scpArns = new Map(policies.map((p) => [p.Name ?? '', p.Arn ?? '']))
})

test.after(async () => {
  await sandbox.close()
})

/** The call fails with AWS's SCP denial naming `scp` (IAM guide, troubleshoot_access-denied). */
async function deniedBy(scp: string, attempt: () => Promise<unknown>) {
  const error = await attempt().then(
    () => undefined,
    (thrown: unknown) => thrown as Error & { $metadata?: { httpStatusCode?: number } },
  )
  assert.ok(error, 'the attempt succeeded')
  assert.match(error.name, /^AccessDenied(Exception)?$/, `${error.name}: ${error.message}`)
  const arn = scpArns.get(scp)
  assert.ok(arn, `SCP ${scp} is attached`)
  assert.match(error.message, `with an explicit deny in a service control policy: ${arn}`)
}

const PROTECT = 'protect-security-baseline'
const iam = () => new IAMClient(admin)
const policyDocument = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
})

// Each exempt role name: creating it would make the creator's own role exempt (CT.IAM.PV.1 pattern).
for (const name of [
  'org-baseline-member',
  'OrganizationAccountAccessRole',
  'stacksets-exec-attacker',
  'BreakGlassAdmin',
]) {
  test(`create a role named ${name}, an exempt name`, async () => {
    await deniedBy(PROTECT, () =>
      iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: ATTACKER_TRUST })),
    )
  })
}

test('a role named like the tool role can be made, but it gains nothing: the tool role is not exempt', async () => {
  // Under the soak's faults mode this write may meet a conflict, which the SDK does not retry.
  await retryConflicts(() =>
    iam().send(new CreateRoleCommand({ RoleName: 'org-baseline', AssumeRolePolicyDocument: ATTACKER_TRUST })),
  )
  sandbox.control('iam', 'put-role', {
    account: ACCOUNT,
    name: 'org-baseline',
    managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  })
  const impostor = actAs(sandbox, ACCOUNT, 'org-baseline')
  await deniedBy(PROTECT, () =>
    new ConfigServiceClient(impostor).send(
      new StopConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }),
    ),
  )
})

test("rewrite the bootstrap role's trust to trust the admin", async () => {
  await deniedBy(PROTECT, () =>
    iam().send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'OrganizationAccountAccessRole',
        PolicyDocument: ATTACKER_TRUST,
      }),
    ),
  )
})

test('add an inline policy to the bootstrap role', async () => {
  await deniedBy(PROTECT, () =>
    iam().send(
      new PutRolePolicyCommand({
        RoleName: 'OrganizationAccountAccessRole',
        PolicyName: 'more',
        PolicyDocument: policyDocument,
      }),
    ),
  )
})

// The tool's own member role (org-baseline-member, made by the member-role stack set): nobody in the account
// may enter it (its trust names only the tool role in the management account, judged by the sandbox's STS), and
// nobody but StackSets' execution roles may change or remove it (protect-security-baseline).
const MEMBER_ROLE = 'org-baseline-member'
const MEMBER_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${MEMBER_ROLE}`

/** AssumeRole of the member role fails on its trust policy (not on an SCP: STS judges the trust). */
async function trustRefuses(caller: ClientConfig) {
  const error = await new STSClient(caller)
    .send(new AssumeRoleCommand({ RoleArn: MEMBER_ROLE_ARN, RoleSessionName: 'attempt' }))
    .then(
      () => undefined,
      (thrown: Error) => thrown,
    )
  assert.ok(error, 'the role was assumed')
  assert.is(error.name, 'AccessDenied', error.message)
  assert.match(error.message, `is not authorized to perform: sts:AssumeRole on resource: ${MEMBER_ROLE_ARN}`)
  assert.not.match(error.message, 'service control policy')
}

test('the member role exists here, made by its stack set with the member policy', async () => {
  const role = sandbox.world.accounts.get(ACCOUNT) && findRole(sandbox.world, ACCOUNT, MEMBER_ROLE)
  assert.ok(role, 'org-baseline-member exists in the security tooling account')
  assert.equal([...role.inline.keys()], ['org-baseline-member'])
  const printed = await cli(['iam-policy', '-c', EXAMPLE, '--role', 'member'])
  assert.equal(JSON.parse(role.inline.get('org-baseline-member') ?? ''), JSON.parse(printed.stdout))
  assert.equal(role.attached, [], 'nothing else: no managed policy')
})

test("assume the member role as the account's administrator", async () => {
  await trustRefuses(admin)
})

test('assume the member role as another role of the management account', async () => {
  sandbox.control('iam', 'put-role', {
    account: '111111111111',
    name: 'Operator',
    managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  })
  await trustRefuses(actAs(sandbox, '111111111111', 'Operator'))
})

test('assume the member role as a role named like the tool role in a member account', async () => {
  sandbox.control('iam', 'put-role', {
    account: '555555555555',
    name: 'org-baseline',
    managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  })
  await trustRefuses(actAs(sandbox, '555555555555', 'org-baseline'))
})

test('the tool role itself may assume it (the trust is not simply closed)', async () => {
  const { Credentials } = await new STSClient(management(sandbox)).send(
    new AssumeRoleCommand({ RoleArn: MEMBER_ROLE_ARN, RoleSessionName: 'tool' }),
  )
  assert.ok(Credentials?.AccessKeyId)
})

test("rewrite the member role's trust to trust the admin", async () => {
  await deniedBy(PROTECT, () =>
    iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: MEMBER_ROLE, PolicyDocument: ATTACKER_TRUST })),
  )
})

test("edit the member role's policies: add one, attach one, remove its own, set a boundary", async () => {
  await deniedBy(PROTECT, () =>
    iam().send(
      new PutRolePolicyCommand({ RoleName: MEMBER_ROLE, PolicyName: 'more', PolicyDocument: policyDocument }),
    ),
  )
  await deniedBy(PROTECT, () =>
    iam().send(
      new AttachRolePolicyCommand({
        RoleName: MEMBER_ROLE,
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    ),
  )
  await deniedBy(PROTECT, () =>
    iam().send(new DeleteRolePolicyCommand({ RoleName: MEMBER_ROLE, PolicyName: 'org-baseline-member' })),
  )
  await deniedBy(PROTECT, () =>
    iam().send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: MEMBER_ROLE,
        PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    ),
  )
})

test('delete the member role', async () => {
  await deniedBy(PROTECT, () => iam().send(new DeleteRoleCommand({ RoleName: MEMBER_ROLE })))
})

test('attach a policy to the StackSets execution role', async () => {
  await deniedBy(PROTECT, () =>
    iam().send(
      new AttachRolePolicyCommand({
        RoleName: serviceManagedExecutionRoleName(sandbox.world),
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    ),
  )
})

test('stop the Config recorder', async () => {
  await deniedBy(PROTECT, () =>
    new ConfigServiceClient(admin).send(
      new StopConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }),
    ),
  )
})

test('delete the Config delivery channel', async () => {
  await deniedBy(PROTECT, () =>
    new ConfigServiceClient(admin).send(new DeleteDeliveryChannelCommand({ DeliveryChannelName: 'default' })),
  )
})

test('shorten Config retention', async () => {
  await deniedBy(PROTECT, () =>
    new ConfigServiceClient(admin).send(new PutRetentionConfigurationCommand({ RetentionPeriodInDays: 30 })),
  )
})

test('disable Security Hub', async () => {
  await deniedBy(PROTECT, () => new SecurityHubClient(admin).send(new DisableSecurityHubCommand({})))
})

test('disable a Security Hub standard', async () => {
  const hub = new SecurityHubClient(admin)
  const { StandardsSubscriptions } = await hub.send(new GetEnabledStandardsCommand({}))
  const arn = StandardsSubscriptions?.[0]?.StandardsSubscriptionArn
  assert.ok(arn, 'a standard is enabled by the baseline')
  await deniedBy(PROTECT, () =>
    hub.send(new BatchDisableStandardsCommand({ StandardsSubscriptionArns: [arn] })),
  )
})

async function detectorId(): Promise<string> {
  const { DetectorIds } = await new GuardDutyClient(admin).send(new ListDetectorsCommand({}))
  const id = DetectorIds?.[0]
  assert.ok(id, 'the baseline made a detector')
  return id
}

test('turn the GuardDuty detector off', async () => {
  const DetectorId = await detectorId()
  await deniedBy(PROTECT, () =>
    new GuardDutyClient(admin).send(new UpdateDetectorCommand({ DetectorId, Enable: false })),
  )
})

test('delete the GuardDuty detector', async () => {
  const DetectorId = await detectorId()
  await deniedBy(PROTECT, () => new GuardDutyClient(admin).send(new DeleteDetectorCommand({ DetectorId })))
})

test('change GuardDuty malware scan settings to scan nothing', async () => {
  const DetectorId = await detectorId()
  await deniedBy(PROTECT, () =>
    new GuardDutyClient(admin).send(
      new UpdateMalwareScanSettingsCommand({ DetectorId, EbsSnapshotPreservation: 'NO_RETENTION' }),
    ),
  )
})

test('delete the findings alert rule', async () => {
  await deniedBy(PROTECT, () =>
    new EventBridgeClient(admin).send(new DeleteRuleCommand({ Name: 'org-baseline-findings', Force: true })),
  )
})

test('disable the findings alert rule', async () => {
  await deniedBy(PROTECT, () =>
    new EventBridgeClient(admin).send(new DisableRuleCommand({ Name: 'org-baseline-findings' })),
  )
})

test('remove the alert topic from the rule (re-route the alerts)', async () => {
  await deniedBy(PROTECT, () =>
    new EventBridgeClient(admin).send(
      new RemoveTargetsCommand({ Rule: 'org-baseline-findings', Ids: ['findings-topic'] }),
    ),
  )
})

test('re-filter the findings alert rule so nothing matches', async () => {
  await deniedBy(PROTECT, () =>
    new EventBridgeClient(admin).send(
      new PutRuleCommand({
        Name: 'org-baseline-findings',
        EventPattern: JSON.stringify({ source: ['nothing.ever'] }),
      }),
    ),
  )
})

test("delete the baseline's stacks", async () => {
  const cfn = new CloudFormationClient(admin)
  const { StackSummaries } = await cfn.send(new ListStacksCommand({}))
  const stacks = (StackSummaries ?? [])
    .map((s) => s.StackName ?? '')
    .filter((name) => name.startsWith('StackSet-org-baseline'))
  assert.ok(stacks.length > 0, 'the baseline deployed stacks here')
  for (const StackName of stacks) {
    await deniedBy(PROTECT, () => cfn.send(new DeleteStackCommand({ StackName })))
  }
})

test('stop the organization trail', async () => {
  await deniedBy(PROTECT, () =>
    new CloudTrailClient(admin).send(
      new StopLoggingCommand({ Name: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-baseline' }),
    ),
  )
})

test('leave the organization', async () => {
  await deniedBy('deny-leave-organization', () =>
    new OrganizationsClient(admin).send(new LeaveOrganizationCommand({})),
  )
})

test("act as the account's root user", async () => {
  issueRootCredentials(sandbox.world, ACCOUNT, 'MEMBERROOTKEY0000001', 'member-root-secret')
  const root: ClientConfig = {
    ...admin,
    credentials: { accessKeyId: 'MEMBERROOTKEY0000001', secretAccessKey: 'member-root-secret' },
  }
  // A read no other SCP denies: where several SCPs deny, which one AWS names is not documented (and the
  // eventual sandbox, attaching in another order, named protect-baseline for StopConfigurationRecorder).
  await deniedBy('deny-member-root', () =>
    new ConfigServiceClient(root).send(new DescribeConfigurationRecordersCommand({})),
  )
})

test.run()
