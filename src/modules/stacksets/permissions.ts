// IAM actions of the stacksets and findings-routing modules. CloudFormation creates a stack's resources with
// the caller's permissions (no service role is passed), so the resources' own actions are listed too: in the
// management account (its copies of the member templates, the organization trail) and through the member role
// (log bucket, findings routing, and the stack set writes of a delegated administrator).
import type { Permissions } from '../../engine/module.ts'

const STACKS = [
  'cloudformation:DescribeStacks',
  // Only for a stack whose template differs from the tool's, so the plan shows the difference.
  'cloudformation:GetTemplate',
  'cloudformation:DetectStackDrift',
  'cloudformation:DescribeStackDriftDetectionStatus',
  'cloudformation:DescribeStackResourceDrifts',
  'cloudformation:DescribeStackEvents',
  'cloudformation:CreateStack',
  'cloudformation:UpdateStack',
  'cloudformation:DeleteStack',
]

const STACK_SETS = [
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
]

const RECORDER = [
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'config:StartConfigurationRecorder',
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:DescribeConfigurationRecorders',
  'config:DescribeDeliveryChannels',
  'iam:PassRole',
]

// The KMS keys of the log buckets and the alert and findings topics (AWS::KMS::Key, AWS::KMS::Alias handlers).
const KEY = [
  'kms:CreateKey',
  'kms:PutKeyPolicy',
  'kms:GetKeyPolicy',
  'kms:DescribeKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyRotationStatus',
  'kms:UpdateKeyDescription',
  'kms:ListResourceTags',
  'kms:ScheduleKeyDeletion',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
]

const ALERT = [
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
  'events:DeleteRule',
  'events:DescribeRule',
  'sns:CreateTopic',
  'sns:DeleteTopic',
  'sns:Subscribe',
  'sns:Unsubscribe',
  'sns:SetTopicAttributes',
  'sns:GetTopicAttributes',
  'sns:TagResource',
  ...KEY,
]

const TRAIL = [
  'cloudtrail:CreateTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:DeleteTrail',
  'cloudtrail:StartLogging',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:AddTags',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:CreateEventDataStore',
  'cloudtrail:UpdateEventDataStore',
  'glue:CreateDatabase',
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:DeleteTable',
  'glue:DeleteDatabase',
  'iam:CreateServiceLinkedRole',
  'organizations:DescribeOrganization',
  'organizations:ListAWSServiceAccessForOrganization',
]

const BUCKET = [
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
  ...KEY,
]

export const STACKSETS_PERMISSIONS: Permissions = {
  management: [
    'cloudformation:DescribeOrganizationsAccess',
    'cloudformation:ActivateOrganizationsAccess',
    'organizations:EnableAWSServiceAccess',
    'organizations:ListDelegatedAdministrators',
    ...STACKS,
    ...STACK_SETS,
    ...RECORDER,
    ...ALERT,
    ...TRAIL,
  ],
  member: [...STACKS, ...STACK_SETS, ...BUCKET],
}

export const FINDINGS_ROUTING_PERMISSIONS: Permissions = {
  management: [],
  member: [...STACKS, ...ALERT],
}
