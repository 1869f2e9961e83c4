// Destructive means destructive (issue 11, item 5): every way a module's update turns a protection,
// feature, standard, recorder, trail setting or alert off or narrower, and the widening twins that are
// not destructive. Each case: what changes, what the plan must say, and why.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { diffTemplates } from '../../../src/engine/template-diff.ts'
import { detectorWeakens, orgConfigWeakens } from '../../../src/modules/guardduty/weakening.ts'
import { scpWeakens } from '../../../src/modules/scp/weakening.ts'
import {
  aggregatorWeakens,
  localWeakens,
  policyWeakens,
} from '../../../src/modules/security-hub/weakening.ts'
import { parseTemplate } from '../../../src/modules/stacksets/cfn-yaml.ts'
import { parameterWeakens } from '../../../src/modules/stacksets/parameter-weakening.ts'
import { templateWeakens } from '../../../src/modules/stacksets/template-weakening.ts'

const test = suite('destructive diff')

const org = (autoEnable: string, features: Record<string, string>, runtimeAgents?: Record<string, string>) =>
  ({ autoEnable, features, ...(runtimeAgents ? { runtimeAgents } : {}) }) as Parameters<
    typeof orgConfigWeakens
  >[1]
const det = (features: Record<string, string>, runtimeAgents?: Record<string, string>) =>
  ({ features, ...(runtimeAgents ? { runtimeAgents } : {}) }) as Parameters<typeof detectorWeakens>[1]

const template = (resources: string) => parseTemplate(`Resources:\n${resources}`)
const trail = (props: string) =>
  template(`  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n${props}`)
const TRAIL_ON =
  '      IsLogging: true\n      IsMultiRegionTrail: true\n      EnableLogFileValidation: true\n      EventSelectors:\n        - ReadWriteType: All\n        - ReadWriteType: WriteOnly\n'
const policy = (statements: string) =>
  template(
    `  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n${statements}`,
  )
const DENY = '          - { Effect: Deny, Principal: "*", Action: "s3:*" }\n'
const ALLOW_TRAIL =
  '          - { Effect: Allow, Principal: { Service: cloudtrail.amazonaws.com }, Action: s3:PutObject }\n'
const ALLOW_OTHER =
  '          - { Effect: Allow, Principal: { AWS: "999999999999" }, Action: s3:GetObject }\n'

const scp = (...Statement: object[]) => ({ Version: '2012-10-17', Statement })
const DENY_GD = {
  Sid: 'DenyGuardDuty',
  Effect: 'Deny',
  Action: ['guardduty:DeleteDetector', 'guardduty:UpdateMalwareScanSettings'],
  Resource: '*',
}
const DENY_ORG = {
  Sid: 'DenyLeave',
  Effect: 'Deny',
  Action: 'organizations:LeaveOrganization',
  Resource: '*',
}

const cases: { reason: string; got: () => string[]; expect: string[] }[] = [
  // GuardDuty organization configuration
  {
    reason: 'a feature removed from the config goes ALL → NONE for members: the review finding',
    got: () =>
      orgConfigWeakens(org('ALL', { S3_DATA_EVENTS: 'ALL' }), org('ALL', { S3_DATA_EVENTS: 'NONE' })),
    expect: ['turns S3_DATA_EVENTS off for members (ALL → NONE)'],
  },
  {
    reason:
      'auto-enable ALL → NEW: existing members lose automatic enablement, every feature narrows with it',
    got: () => orgConfigWeakens(org('ALL', { S3_DATA_EVENTS: 'ALL' }), org('NEW', { S3_DATA_EVENTS: 'NEW' })),
    expect: [
      'organization auto-enable ALL → NEW: accounts already in the organization are no longer enabled automatically',
      'narrows S3_DATA_EVENTS to new members (ALL → NEW)',
    ],
  },
  {
    reason: 'auto-enable NEW → ALL and a feature turned on: widening, not destructive',
    got: () =>
      orgConfigWeakens(org('NEW', { S3_DATA_EVENTS: 'NONE' }), org('ALL', { S3_DATA_EVENTS: 'ALL' })),
    expect: [],
  },
  {
    reason: 'a runtime agent turned off while RUNTIME_MONITORING stays on',
    got: () =>
      orgConfigWeakens(
        org('ALL', { RUNTIME_MONITORING: 'ALL' }, { EC2_AGENT_MANAGEMENT: 'ALL' }),
        org('ALL', { RUNTIME_MONITORING: 'ALL' }, { EC2_AGENT_MANAGEMENT: 'NONE' }),
      ),
    expect: ['turns runtime agent EC2_AGENT_MANAGEMENT off (ALL → NONE)'],
  },
  {
    reason: 'RUNTIME_MONITORING off with its agents: said once, for the feature',
    got: () =>
      orgConfigWeakens(
        org('ALL', { RUNTIME_MONITORING: 'ALL' }, { EC2_AGENT_MANAGEMENT: 'ALL' }),
        org('ALL', { RUNTIME_MONITORING: 'NONE' }, { EC2_AGENT_MANAGEMENT: 'NONE' }),
      ),
    expect: ['turns RUNTIME_MONITORING off for members (ALL → NONE)'],
  },
  {
    reason:
      'EKS-only runtime switched off because RUNTIME_MONITORING (which includes EKS) takes over: no loss',
    got: () =>
      orgConfigWeakens(
        org('ALL', { EKS_RUNTIME_MONITORING: 'ALL', RUNTIME_MONITORING: 'NONE' }),
        org('ALL', { EKS_RUNTIME_MONITORING: 'NONE', RUNTIME_MONITORING: 'ALL' }),
      ),
    expect: [],
  },
  {
    reason: 'RUNTIME_MONITORING replaced by the EKS-only kind: ECS and EC2 lose runtime monitoring',
    got: () =>
      orgConfigWeakens(
        org('ALL', { RUNTIME_MONITORING: 'ALL' }),
        org('ALL', { RUNTIME_MONITORING: 'NONE', EKS_RUNTIME_MONITORING: 'ALL' }),
      ),
    expect: ['turns RUNTIME_MONITORING off for members (ALL → NONE)'],
  },
  {
    reason: 'nothing there yet (create): nothing to weaken',
    got: () => orgConfigWeakens(null, org('ALL', { S3_DATA_EVENTS: 'NONE' })),
    expect: [],
  },
  // GuardDuty: the administrator's own detector
  {
    reason: "a feature off on the admin's own detector (organization auto-enable never covers it)",
    got: () => detectorWeakens(det({ RDS_LOGIN_EVENTS: 'ENABLED' }), det({ RDS_LOGIN_EVENTS: 'DISABLED' })),
    expect: ["turns RDS_LOGIN_EVENTS off on the administrator's own detector"],
  },
  {
    reason: "a runtime agent off on the admin's own detector while runtime monitoring stays on",
    got: () =>
      detectorWeakens(
        det({ RUNTIME_MONITORING: 'ENABLED' }, { EKS_ADDON_MANAGEMENT: 'ENABLED' }),
        det({ RUNTIME_MONITORING: 'ENABLED' }, { EKS_ADDON_MANAGEMENT: 'DISABLED' }),
      ),
    expect: ["turns runtime agent EKS_ADDON_MANAGEMENT off on the administrator's own detector"],
  },
  // Security Hub
  {
    reason:
      'aggregation ALL_REGIONS → SPECIFIED_REGIONS: regions left out and regions enabled later are lost',
    got: () =>
      aggregatorWeakens(
        { mode: 'ALL_REGIONS', regions: [] },
        { mode: 'SPECIFIED_REGIONS', regions: ['eu-west-1'] },
      ),
    expect: [
      'finding aggregation no longer links every region (ALL_REGIONS → SPECIFIED_REGIONS eu-west-1): regions left out, and regions enabled later, are not aggregated',
    ],
  },
  {
    reason: 'a linked region removed from SPECIFIED_REGIONS',
    got: () =>
      aggregatorWeakens(
        { mode: 'SPECIFIED_REGIONS', regions: ['eu-west-1', 'us-west-2'] },
        { mode: 'SPECIFIED_REGIONS', regions: ['eu-west-1'] },
      ),
    expect: ['finding aggregation no longer links us-west-2'],
  },
  {
    reason: 'SPECIFIED_REGIONS → ALL_REGIONS: widening',
    got: () =>
      aggregatorWeakens(
        { mode: 'SPECIFIED_REGIONS', regions: ['eu-west-1'] },
        { mode: 'ALL_REGIONS', regions: [] },
      ),
    expect: [],
  },
  {
    reason: 'ALL_REGIONS_EXCEPT_SPECIFIED excluding one more region',
    got: () =>
      aggregatorWeakens(
        { mode: 'ALL_REGIONS_EXCEPT_SPECIFIED', regions: ['ap-south-1'] },
        { mode: 'ALL_REGIONS_EXCEPT_SPECIFIED', regions: ['ap-south-1', 'eu-west-1'] },
      ),
    expect: ['finding aggregation no longer links eu-west-1'],
  },
  {
    reason: 'a standard dropped from the central configuration policy',
    got: () =>
      policyWeakens(
        { serviceEnabled: true, standards: ['cis', 'fsbp'] },
        { serviceEnabled: true, standards: ['fsbp'] },
      ),
    expect: ['the configuration policy disables cis in every account it is associated with'],
  },
  {
    reason: 'the policy turning Security Hub off altogether',
    got: () =>
      policyWeakens({ serviceEnabled: true, standards: ['fsbp'] }, { serviceEnabled: false, standards: [] }),
    expect: ['the configuration policy turns Security Hub off in every account it is associated with'],
  },
  {
    reason: 'a standard added to the policy: widening',
    got: () =>
      policyWeakens(
        { serviceEnabled: true, standards: ['fsbp'] },
        { serviceEnabled: true, standards: ['cis', 'fsbp'] },
      ),
    expect: [],
  },
  {
    reason: 'central configuration turned off (config says local)',
    got: () =>
      localWeakens(
        { configurationType: 'CENTRAL', autoEnable: false, autoEnableStandards: 'NONE' },
        { configurationType: 'LOCAL', autoEnable: true, autoEnableStandards: 'DEFAULT' },
      ),
    expect: ['central configuration turned off: no policy governs accounts that join later'],
  },
  {
    reason: "local: the last standard removed, so new members no longer get AWS's default standards",
    got: () =>
      localWeakens(
        { configurationType: 'LOCAL', autoEnable: true, autoEnableStandards: 'DEFAULT' },
        { configurationType: 'LOCAL', autoEnable: true, autoEnableStandards: 'NONE' },
      ),
    expect: ["new member accounts no longer get AWS's default standards (DEFAULT → NONE)"],
  },
  // Stack (set) parameters, row by row of the table in parameter-weakening.ts
  {
    reason: 'CloudTrail data events off (S3 and Lambda)',
    got: () =>
      parameterWeakens(
        { DataEventsS3: 'true', DataEventsLambda: 'true' },
        { DataEventsS3: 'false', DataEventsLambda: 'false' },
      ),
    expect: ['DataEventsS3: turns S3 data events off', 'DataEventsLambda: turns Lambda data events off'],
  },
  {
    reason: 'CloudTrail Lake off and its retention shortened',
    got: () =>
      parameterWeakens(
        { LakeEnabled: 'true', LakeRetentionDays: '366' },
        { LakeEnabled: 'false', LakeRetentionDays: '90' },
      ),
    expect: [
      'LakeEnabled: turns the CloudTrail Lake event data store off',
      'LakeRetentionDays: shortens CloudTrail Lake retention from 366 to 90 days',
    ],
  },
  {
    reason: 'log retention shortened: older logs expire now',
    got: () => parameterWeakens({ RetentionDays: '365' }, { RetentionDays: '30' }),
    expect: ['RetentionDays: shortens log retention from 365 to 30 days'],
  },
  {
    reason: 'log retention lengthened and data events on: widening',
    got: () =>
      parameterWeakens(
        { RetentionDays: '30', DataEventsS3: 'false' },
        { RetentionDays: '365', DataEventsS3: 'true' },
      ),
    expect: [],
  },
  {
    reason: 'the Athena table turned off, and a region dropped from its projection',
    got: () =>
      parameterWeakens(
        { AthenaTable: 'true', ProjectionRegions: 'eu-west-1,us-east-1' },
        { AthenaTable: 'false', ProjectionRegions: 'us-east-1' },
      ),
    expect: [
      'AthenaTable: turns the Athena table off',
      'ProjectionRegions: the Athena table regions no longer include eu-west-1',
    ],
  },
  {
    reason: 'findings routing minimum severity raised HIGH → CRITICAL: fewer findings sent',
    got: () => parameterWeakens({ Severities: 'HIGH,CRITICAL' }, { Severities: 'CRITICAL' }),
    expect: ['Severities: forwarded finding severities no longer include HIGH'],
  },
  {
    reason:
      'a root sign-in alert recipient removed (the others shift up a slot: judged as a set, not per slot)',
    got: () =>
      parameterWeakens(
        { Recipient1: 'a@example.com', Recipient2: 'b@example.com', Recipient3: '' },
        { Recipient1: 'b@example.com', Recipient2: '', Recipient3: '' },
      ),
    expect: ['recipients: a@example.com no longer told'],
  },
  {
    reason: 'a recipient added: widening',
    got: () =>
      parameterWeakens(
        { Recipient1: 'a@example.com', Recipient2: '' },
        { Recipient1: 'a@example.com', Recipient2: 'b@example.com' },
      ),
    expect: [],
  },
  {
    reason: 'the trail renamed: CloudFormation replaces it, deleting the old trail',
    got: () => parameterWeakens({ TrailName: 'org-trail' }, { TrailName: 'new-trail' }),
    expect: ['TrailName: replaces trail org-trail with new-trail (CloudFormation deletes org-trail)'],
  },
  {
    reason: 'global resource types moved to a region the recorder is not deployed in: recorded nowhere',
    got: () =>
      parameterWeakens({ GlobalResourcesRegion: 'us-east-1' }, { GlobalResourcesRegion: 'ap-south-1' }, [
        'us-east-1',
        'eu-west-1',
      ]),
    expect: [
      'GlobalResourcesRegion: global resource types were recorded in us-east-1; ap-south-1 is not a deployed region, so they are recorded nowhere',
    ],
  },
  {
    reason: 'global resource types moved to another deployed region: moved, not narrowed',
    got: () =>
      parameterWeakens({ GlobalResourcesRegion: 'us-east-1' }, { GlobalResourcesRegion: 'eu-west-1' }, [
        'us-east-1',
        'eu-west-1',
      ]),
    expect: [],
  },
  {
    reason: 'identifying parameters (bucket, organization) change without weakening',
    got: () =>
      parameterWeakens(
        { BucketName: 'a', OrganizationId: 'o-1' },
        { BucketName: 'b', OrganizationId: 'o-2' },
      ),
    expect: [],
  },
  // Templates (a custom templateDir, or a new version of the tool)
  {
    reason: 'trail log file validation and multi-region turned off in the template',
    got: () =>
      templateWeakens(
        diffTemplates(
          trail(TRAIL_ON),
          trail(
            TRAIL_ON.replace('IsMultiRegionTrail: true', 'IsMultiRegionTrail: false').replace(
              '      EnableLogFileValidation: true\n',
              '',
            ),
          ),
        ),
      ),
    expect: [
      'Trail /EnableLogFileValidation: turns EnableLogFileValidation off (true → unset)',
      'Trail /IsMultiRegionTrail: turns IsMultiRegionTrail off (true → false)',
    ],
  },
  {
    reason: 'an event selector removed from the trail',
    got: () =>
      templateWeakens(
        diffTemplates(trail(TRAIL_ON), trail(TRAIL_ON.replace('        - ReadWriteType: WriteOnly\n', ''))),
      ),
    expect: ['Trail /EventSelectors/1: removes an event selector'],
  },
  {
    reason: 'a resource removed from a template (e.g. the alert rule)',
    got: () =>
      templateWeakens(
        diffTemplates(
          template('  Rule:\n    Type: AWS::Events::Rule\n  T:\n    Type: AWS::SNS::Topic\n'),
          template('  T:\n    Type: AWS::SNS::Topic\n'),
        ),
      ),
    expect: ['removes Rule (AWS::Events::Rule)'],
  },
  {
    reason: 'the alert rule disabled',
    got: () =>
      templateWeakens(
        diffTemplates(
          template('  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      State: ENABLED\n'),
          template('  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      State: DISABLED\n'),
        ),
      ),
    expect: ['Rule /State: disables the rule (ENABLED → "DISABLED")'],
  },
  {
    reason: 'a bucket policy statement granting another account read access: the policy may allow more',
    got: () =>
      templateWeakens(diffTemplates(policy(DENY + ALLOW_TRAIL), policy(DENY + ALLOW_TRAIL + ALLOW_OTHER))),
    expect: ['P /PolicyDocument/Statement/2: the policy may allow more (a statement was added)'],
  },
  {
    reason: 'the Deny statement removed from the bucket policy',
    got: () => templateWeakens(diffTemplates(policy(DENY + ALLOW_TRAIL), policy(ALLOW_TRAIL))),
    expect: ['P /PolicyDocument/Statement/0: removes a Deny statement'],
  },
  {
    reason: 'an Allow statement removed, or a Deny added: narrower access, not destructive',
    got: () => [
      ...templateWeakens(diffTemplates(policy(DENY + ALLOW_TRAIL + ALLOW_OTHER), policy(DENY + ALLOW_TRAIL))),
      ...templateWeakens(diffTemplates(policy(ALLOW_TRAIL), policy(ALLOW_TRAIL + DENY))),
    ],
    expect: [],
  },
  {
    reason: 'a lifecycle expiration shortened in the template',
    got: () =>
      templateWeakens(
        diffTemplates(
          template('  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      ExpirationInDays: 365\n'),
          template('  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      ExpirationInDays: 7\n'),
        ),
      ),
    expect: ['B /ExpirationInDays: shortens retention (365 → 7)'],
  },
  // SCPs
  {
    reason: 'a Deny statement removed from an SCP',
    got: () => scpWeakens(scp(DENY_GD, DENY_ORG), scp(DENY_ORG)),
    expect: ['statement DenyGuardDuty no longer denies (removed or no longer a Deny)'],
  },
  {
    reason: 'an action dropped from a Deny (e.g. UpdateMalwareScanSettings no longer denied)',
    got: () => scpWeakens(scp(DENY_GD), scp({ ...DENY_GD, Action: ['guardduty:DeleteDetector'] })),
    expect: ['statement DenyGuardDuty no longer denies guardduty:UpdateMalwareScanSettings'],
  },
  {
    reason: 'a condition added to a Deny: it may exempt principals (the exemption review finding)',
    got: () =>
      scpWeakens(
        scp(DENY_GD),
        scp({ ...DENY_GD, Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' } } }),
      ),
    expect: ['statement DenyGuardDuty gains condition: it may exempt more principals'],
  },
  {
    reason:
      'a Deny that gains an action and loses its condition (restoring an edited SCP): stronger, not destructive',
    got: () =>
      scpWeakens(
        scp({ ...DENY_GD, Condition: { ArnNotLike: { 'aws:PrincipalArn': '*' } } }),
        scp({ ...DENY_GD, Action: [...DENY_GD.Action, 'guardduty:ArchiveFindings'] }),
      ),
    expect: [],
  },
  {
    reason: 'an Allow statement added to an SCP',
    got: () =>
      scpWeakens(
        scp(DENY_ORG),
        scp(DENY_ORG, { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }),
      ),
    expect: ['statement AllowAll allows what it did not'],
  },
]

for (const c of cases) {
  test(c.reason, () => {
    assert.equal(c.got(), c.expect)
  })
}

test.run()
