// The shipped SCPs (scps/*.json, placeholders substituted as the tool does) through authorize: what a member
// account's principals may and may not do under the baseline, and the message AWS gives them.
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { substitutePlaceholders } from '../../../src/config/scps.ts'
import {
  authorize,
  denialMessage,
  type NamedPolicy,
  type Principal,
  type RequestContext,
} from '../../../src/policy/index.ts'

const SCP_EVAL = 'Orgs guide, orgs_manage_policies_scps_evaluation'
const ORG = 'o-abc123'
const MEMBER = '222222222222'

function shipped(file: string, id: string): NamedPolicy {
  const parsed = JSON.parse(readFileSync(new URL(`../../../scps/${file}`, import.meta.url), 'utf8'))
  const document = substitutePlaceholders(parsed, {
    ToolRoleName: 'org-baseline',
    MemberRoleName: 'org-baseline-member',
    BootstrapRoleName: 'OrganizationAccountAccessRole',
    BreakGlassRoleName: ['BreakGlass'],
  }) as NamedPolicy['document']
  return {
    name: file,
    document,
    arn: `arn:aws:organizations::111111111111:policy/${ORG}/service_control_policy/${id}`,
  }
}

const fullAccess: NamedPolicy = {
  name: 'FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
}
const protect = shipped('protect-security-baseline.json', 'p-protect')
const denyRoot = shipped('deny-member-root.json', 'p-root')
const denyLeave = shipped('deny-leave-organization.json', 'p-leave')
// Root → Workloads OU → account, as the baseline attaches them.
const levels: NamedPolicy[][] = [[fullAccess, denyLeave, denyRoot], [fullAccess, protect], [fullAccess]]

function roleSession(role: string): { principal: Principal; context: Record<string, string> } {
  return {
    principal: { type: 'AWS', arn: `arn:aws:sts::${MEMBER}:assumed-role/${role}/s`, account: MEMBER },
    context: { 'aws:PrincipalArn': `arn:aws:iam::${MEMBER}:role/${role}`, 'aws:PrincipalAccount': MEMBER },
  }
}
const root = {
  principal: { type: 'AWS', arn: `arn:aws:iam::${MEMBER}:root`, account: MEMBER } as Principal,
  context: { 'aws:PrincipalArn': `arn:aws:iam::${MEMBER}:root`, 'aws:PrincipalAccount': MEMBER },
}

function call(
  who: { principal: Principal; context: Record<string, string> },
  action: string,
  resource: string,
  extra = {},
): RequestContext {
  return { action, resource, principal: who.principal, context: { ...who.context, ...extra } }
}

const DETECTOR = `arn:aws:guardduty:us-east-1:${MEMBER}:detector/d1`
const cases: { name: string; request: RequestContext; allowed: boolean; policy?: string; source: string }[] =
  [
    {
      name: 'a member admin cannot delete the GuardDuty detector',
      request: call(roleSession('Admin'), 'guardduty:DeleteDetector', DETECTOR),
      allowed: false,
      policy: 'protect-security-baseline.json',
      source: `${SCP_EVAL}: a Deny at the OU level`,
    },
    {
      name: 'the member role may',
      request: call(roleSession('org-baseline-member'), 'guardduty:DeleteDetector', DETECTOR),
      allowed: true,
      source: `${SCP_EVAL}; ArnNotLike exempts aws:PrincipalArn`,
    },
    {
      name: 'a member-account role named like the tool role is not exempt (SCPs never reach the real one)',
      request: call(roleSession('org-baseline'), 'guardduty:DeleteDetector', DETECTOR),
      allowed: false,
      policy: 'protect-security-baseline.json',
      source: 'Orgs guide, orgs_manage_policies_scps: SCPs do not affect the management account',
    },
    {
      name: 'the StackSets execution role may stop the recorder it manages',
      request: call(roleSession('stacksets-exec-0123abcd'), 'config:StopConfigurationRecorder', '*'),
      allowed: true,
      source: 'StackSets guide, stacksets-orgs-associate-stackset-with-org: stacksets-exec-* runs the stacks',
    },
    ...(
      [
        ['guardduty:UpdateMalwareScanSettings', DETECTOR],
        ['guardduty:CreateThreatIntelSet', DETECTOR],
        ['guardduty:CreatePublishingDestination', DETECTOR],
        ['guardduty:ArchiveFindings', DETECTOR],
        ['securityhub:DisableImportFindingsForProduct', '*'],
        ['securityhub:BatchUpdateFindings', '*'],
        ['config:PutRetentionConfiguration', '*'],
        ['config:DeleteDeliveryChannel', '*'],
        ['sns:Subscribe', `arn:aws:sns:us-east-1:${MEMBER}:org-baseline-findings`],
        ['sns:SetSubscriptionAttributes', `arn:aws:sns:us-east-1:${MEMBER}:org-baseline-findings`],
        [
          'cloudformation:DeleteStack',
          `arn:aws:cloudformation:us-east-1:${MEMBER}:stack/StackSet-org-baseline-config-recorder-1/x`,
        ],
      ] as const
    ).map(([action, resource]) => ({
      name: `a member admin cannot ${action}`,
      request: call(roleSession('Admin'), action, resource),
      allowed: false,
      policy: 'protect-security-baseline.json',
      source: 'issue 11 review: a documented way to blind the service',
    })),
    ...['org-baseline-member', 'OrganizationAccountAccessRole', 'stacksets-exec-1a2b', 'BreakGlass'].flatMap(
      (role) =>
        ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy'].map((action) => ({
          name: `a member admin cannot ${action} on ${role}`,
          request: call(roleSession('Admin'), action, `arn:aws:iam::${MEMBER}:role/${role}`),
          allowed: false,
          policy: 'protect-security-baseline.json',
          source: 'Control Tower CT.IAM.PV.1 pattern: protect the exempt roles themselves',
        })),
    ),
    {
      name: 'the StackSets execution role may create the member role (the member-role stack set)',
      request: call(
        roleSession('stacksets-exec-1a2b'),
        'iam:CreateRole',
        `arn:aws:iam::${MEMBER}:role/org-baseline-member`,
      ),
      allowed: true,
      source: 'StackSets guide: the execution role creates the template resources',
    },
    {
      name: 'the member role cannot rewrite its own trust',
      request: call(
        roleSession('org-baseline-member'),
        'iam:UpdateAssumeRolePolicy',
        `arn:aws:iam::${MEMBER}:role/org-baseline-member`,
      ),
      allowed: false,
      policy: 'protect-security-baseline.json',
      source: 'only the bootstrap role, StackSets and break-glass roles manage the exempt roles',
    },
    {
      name: 'a role with the exempt name under a path is not exempt',
      request: call(
        {
          principal: {
            type: 'AWS',
            arn: `arn:aws:sts::${MEMBER}:assumed-role/org-baseline-member/s`,
            account: MEMBER,
          },
          context: { 'aws:PrincipalArn': `arn:aws:iam::${MEMBER}:role/x/org-baseline-member` },
        },
        'guardduty:DeleteDetector',
        DETECTOR,
      ),
      allowed: false,
      policy: 'protect-security-baseline.json',
      source: 'IAM guide reference_identifiers: a role ARN includes its path',
    },
    {
      name: 'a break-glass role may',
      request: call(
        roleSession('BreakGlass'),
        'cloudtrail:StopLogging',
        `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/org`,
      ),
      allowed: true,
      source: `${SCP_EVAL}; the placeholder expands per break-glass role`,
    },
    {
      name: 'a member admin may read GuardDuty',
      request: call(roleSession('Admin'), 'guardduty:ListDetectors', '*'),
      allowed: true,
      source: `${SCP_EVAL}: FullAWSAccess at every level`,
    },
    {
      name: 'the baseline rule is protected',
      request: call(
        roleSession('Admin'),
        'events:PutRule',
        `arn:aws:events:us-east-1:${MEMBER}:rule/org-baseline-root-sign-in`,
      ),
      allowed: false,
      policy: 'protect-security-baseline.json',
      source: `${SCP_EVAL}; IAM guide reference_policies_elements_resource`,
    },
    {
      name: 'other rules are not',
      request: call(
        roleSession('Admin'),
        'events:PutRule',
        `arn:aws:events:us-east-1:${MEMBER}:rule/team-rule`,
      ),
      allowed: true,
      source:
        'IAM guide, reference_policies_elements_resource: the Deny is scoped to org-baseline* resources',
    },
    {
      name: 'nobody leaves the organization',
      request: call(roleSession('org-baseline'), 'organizations:LeaveOrganization', '*'),
      allowed: false,
      policy: 'deny-leave-organization.json',
      source: `${SCP_EVAL}: a Deny at the root`,
    },
    {
      name: 'the member root user is denied',
      request: call(root, 's3:ListAllMyBuckets', '*'),
      allowed: false,
      policy: 'deny-member-root.json',
      source: 'Orgs guide, orgs_manage_policies_scps: SCPs restrict the root user of member accounts',
    },
    {
      name: 'a privileged root session (AssumeRoot) is not',
      request: call(root, 's3:PutBucketPolicy', 'arn:aws:s3:::b', { 'aws:AssumedRoot': 'true' }),
      allowed: true,
      source: 'IAM guide, reference_policies_condition-keys#condition-keys-assumedroot; Null operator',
    },
  ]

const test = suite('policy shipped SCPs')
for (const c of cases) {
  test(`${c.name} (${c.source})`, () => {
    const decision = authorize({ scps: levels }, c.request)
    assert.is(decision.allowed, c.allowed)
    if (c.policy) {
      assert.is(decision.reason, 'explicit-deny-scp')
      assert.is(decision.match?.policy, c.policy)
    }
  })
}

test('the management account is never restricted (Orgs guide, orgs_manage_policies_scps: SCPs do not affect the management account)', () => {
  const management: Principal = {
    type: 'AWS',
    arn: 'arn:aws:iam::111111111111:root',
    account: '111111111111',
  }
  assert.is(
    authorize(
      {},
      { action: 'organizations:LeaveOrganization', resource: '*', principal: management, context: {} },
    ).allowed,
    true,
  )
})

test('the denial reads as AWS words it, naming the SCP (IAM guide troubleshoot_access-denied; Security Blog on policy ARNs)', () => {
  const request = call(roleSession('Admin'), 'guardduty:DeleteDetector', DETECTOR)
  const decision = authorize({ scps: levels }, request)
  assert.is(
    denialMessage(`arn:aws:sts::${MEMBER}:assumed-role/Admin/s`, request, decision),
    `User: arn:aws:sts::${MEMBER}:assumed-role/Admin/s is not authorized to perform: guardduty:DeleteDetector on resource: ${DETECTOR} with an explicit deny in a service control policy: arn:aws:organizations::111111111111:policy/${ORG}/service_control_policy/p-protect`,
  )
})

test.run()
