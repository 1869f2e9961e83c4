// IAM actions of the stacksets and findings-routing modules, each on the resources it touches. CloudFormation
// creates a stack's resources with the caller's permissions (no service role is passed), so the resources'
// own actions are listed too: in the management account (its copies of the member templates, the organization
// trail) and through the member role (log bucket, findings routing, and the stack set writes of a delegated
// administrator). Names: stacks and stack sets org-baseline-<template> (catalogue.ts), rules and topics
// org-baseline-* (the templates), the trail cloudTrail.name, the log bucket org-baseline-logs-*.
import * as arn from '../../iam/arns.ts'
import { grant, type Permission, type Permissions } from '../../iam/grant.ts'

const stacks = (account?: string): Permission[] => [
  grant(
    [
      'cloudformation:DescribeStacks',
      // Only for a stack whose template differs from the tool's, so the plan shows the difference.
      'cloudformation:GetTemplate',
      'cloudformation:DetectStackDrift',
      'cloudformation:DescribeStackResourceDrifts',
      'cloudformation:DescribeStackEvents',
      'cloudformation:CreateStack',
      'cloudformation:UpdateStack',
      'cloudformation:DeleteStack',
    ],
    () => [arn.stacks(account)],
  ),
  'cloudformation:DescribeStackDriftDetectionStatus',
]

// A delegated administrator's stack sets live in the management account (CallAs=DELEGATED_ADMIN): the member
// role names them in any account of the organization.
const stackSets = (account?: string): Permission[] => [
  grant(
    [
      'cloudformation:DescribeStackSet',
      'cloudformation:ListStackInstances',
      'cloudformation:ListStackSetOperations',
      'cloudformation:ListStackSetOperationResults',
      'cloudformation:DescribeStackSetOperation',
      'cloudformation:CreateStackSet',
      'cloudformation:UpdateStackSet',
      'cloudformation:CreateStackInstances',
      'cloudformation:DeleteStackInstances',
      'cloudformation:DetectStackSetDrift',
      'cloudformation:TagResource',
    ],
    () => [arn.stackSets(account)],
  ),
]

// AWS Config's recorder and delivery channel have no resource type; the recorder names AWS Config's
// service-linked role (config-recorder.yaml), which CloudFormation passes to config.amazonaws.com.
const RECORDER: Permission[] = [
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'config:StartConfigurationRecorder',
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:DescribeConfigurationRecorders',
  'config:DescribeDeliveryChannels',
  grant(['iam:PassRole'], () => [arn.configServiceLinkedRole()], {
    StringEquals: { 'iam:PassedToService': 'config.amazonaws.com' },
  }),
]

// The KMS keys of the log buckets and the alert and findings topics (AWS::KMS::Key, AWS::KMS::Alias handlers).
const KEY: Permission[] = [
  'kms:CreateKey',
  grant(
    [
      'kms:PutKeyPolicy',
      'kms:GetKeyPolicy',
      'kms:DescribeKey',
      'kms:EnableKeyRotation',
      'kms:GetKeyRotationStatus',
      'kms:UpdateKeyDescription',
      'kms:ListResourceTags',
      'kms:ScheduleKeyDeletion',
    ],
    () => [arn.keys()],
  ),
  // An alias action is judged on the alias and on the key it points to.
  grant(['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'], () => [arn.aliases(), arn.keys()]),
]

const ALERT: Permission[] = [
  grant(
    [
      'events:PutRule',
      'events:PutTargets',
      'events:RemoveTargets',
      'events:DeleteRule',
      'events:DescribeRule',
    ],
    () => [arn.rules()],
  ),
  grant(
    [
      'sns:CreateTopic',
      'sns:DeleteTopic',
      'sns:Subscribe',
      'sns:Unsubscribe',
      'sns:SetTopicAttributes',
      'sns:GetTopicAttributes',
      'sns:TagResource',
    ],
    () => [arn.topics()],
  ),
  ...KEY,
]

const TRAIL: Permission[] = [
  grant(
    [
      'cloudtrail:CreateTrail',
      'cloudtrail:UpdateTrail',
      'cloudtrail:DeleteTrail',
      'cloudtrail:StartLogging',
      'cloudtrail:PutEventSelectors',
      'cloudtrail:AddTags',
      'cloudtrail:GetTrailStatus',
    ],
    (n) => [arn.trail(n.trailName)],
  ),
  'cloudtrail:DescribeTrails',
  'cloudtrail:CreateEventDataStore',
  grant(['cloudtrail:UpdateEventDataStore'], () => [arn.eventDataStores()]),
  grant(
    [
      'glue:CreateDatabase',
      'glue:CreateTable',
      'glue:UpdateTable',
      'glue:DeleteTable',
      'glue:DeleteDatabase',
    ],
    () => arn.glue(),
  ),
  // An organization trail makes CloudTrail create its service-linked role.
  grant(['iam:CreateServiceLinkedRole'], () => [arn.serviceLinkedRoles()], {
    StringEquals: { 'iam:AWSServiceName': 'cloudtrail.amazonaws.com' },
  }),
  'organizations:DescribeOrganization',
  'organizations:ListAWSServiceAccessForOrganization',
]

const BUCKET: Permission[] = [
  grant(
    [
      's3:CreateBucket',
      's3:PutBucketPolicy',
      's3:PutEncryptionConfiguration',
      's3:PutBucketVersioning',
      's3:PutBucketPublicAccessBlock',
      's3:PutBucketOwnershipControls',
      's3:PutLifecycleConfiguration',
      's3:PutBucketTagging',
      's3:GetBucketPolicy',
      's3:PutBucketObjectLockConfiguration',
      's3:PutBucketLogging',
    ],
    () => [arn.logBuckets()],
  ),
  ...KEY,
]

export const STACKSETS_PERMISSIONS: Permissions = {
  management: [
    'cloudformation:DescribeOrganizationsAccess',
    'cloudformation:ActivateOrganizationsAccess',
    grant(['organizations:EnableAWSServiceAccess'], () => ['*'], {
      StringEquals: { 'organizations:ServicePrincipal': 'member.org.stacksets.cloudformation.amazonaws.com' },
    }),
    'organizations:ListDelegatedAdministrators',
    // Whether an account failed in an opt-in region because it has not enabled it (region-opt-in.ts).
    grant(['account:ListRegions'], () => [arn.accountsInOrganization()]),
    ...stacks(),
    ...stackSets(),
    ...RECORDER,
    ...ALERT,
    ...TRAIL,
  ],
  member: [...stacks(), ...stackSets('*'), ...BUCKET],
}

export const FINDINGS_ROUTING_PERMISSIONS: Permissions = {
  management: [],
  member: [...stacks(), ...ALERT],
}
