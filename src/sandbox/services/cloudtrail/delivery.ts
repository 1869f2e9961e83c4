// What CloudTrail checks about where a trail delivers, at CreateTrail and UpdateTrail (both list these
// errors in the API reference): the bucket exists, its policy lets cloudtrail.amazonaws.com check the ACL
// and write under AWSLogs/, the KMS key exists and lets CloudTrail encrypt, the SNS topic lets it publish.
// Policies and their context follow the CloudTrail user guide: "Amazon S3 bucket policy for CloudTrail"
// (aws:SourceArn = the trail's ARN, s3:x-amz-acl = bucket-owner-full-control, an organization trail also
// writes under AWSLogs/<organization id>/), "Configure AWS KMS key policies for CloudTrail"
// (kms:GenerateDataKey* with kms:EncryptionContext:aws:cloudtrail:arn), "Amazon SNS topic policy for
// CloudTrail".
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { resolveKey } from '../kms/keys.ts'
import { findBucket } from '../s3/buckets.ts'
import { resourcePolicyAllows, resourceRcps, serviceContext } from '../service-access.ts'
import { CLOUDTRAIL_SLR, hasServiceLinkedRole } from '../service-linked-roles.ts'
import { snsTopics } from '../sns-resources.ts'
import type { Trail } from './state.ts'

export const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com'

function checkBucket(world: World, trail: Trail): void {
  const name = trail.s3BucketName
  const bucket = findBucket(world, name)
  // Message crafted: AWS's text for a missing bucket was not found.
  if (!bucket)
    throw new SandboxError('S3BucketDoesNotExistException', `S3 bucket ${name} does not exist.`, 404)
  const context = serviceContext(world, CLOUDTRAIL_SERVICE, trail.owner, trail.arn)
  const prefix = trail.s3KeyPrefix ? `${trail.s3KeyPrefix}/` : ''
  const logFolders = [`AWSLogs/${trail.owner}`]
  if (trail.isOrganizationTrail) logFolders.push(`AWSLogs/${world.organizationId}/${trail.owner}`)
  const requests = [
    { action: 's3:GetBucketAcl', resource: bucket.arn, context },
    ...logFolders.map((folder) => ({
      action: 's3:PutObject',
      resource: `${bucket.arn}/${prefix}${folder}/CloudTrail/${trail.homeRegion}/sandbox-delivery-check.json.gz`,
      context: { ...context, 's3:x-amz-acl': 'bucket-owner-full-control' },
    })),
  ]
  for (const request of requests) {
    const rcps = resourceRcps(world, bucket.account, request.action)
    if (!resourcePolicyAllows(bucket.policy, name, { service: CLOUDTRAIL_SERVICE, ...request }, rcps)) {
      // Message as AWS sends it (quoted in boto/boto3#1766, hashicorp/terraform#29991).
      throw new SandboxError(
        'InsufficientS3BucketPolicyException',
        `Incorrect S3 bucket policy is detected for bucket: ${name}`,
        403,
      )
    }
  }
}

function checkKey(world: World, trail: Trail): void {
  if (!trail.kmsKeyId) return
  const key = resolveKey(world, trail.owner, trail.homeRegion, trail.kmsKeyId)
  const bucket = findBucket(world, trail.s3BucketName)
  // KmsKeyNotFoundException (model): the key does not exist, or it is not in the bucket's region.
  if (!key || (bucket && key.region !== bucket.region)) {
    throw new SandboxError(
      'KmsKeyNotFoundException',
      `KMS key ${trail.kmsKeyId} does not exist or is not in the same region as bucket ${trail.s3BucketName}`,
    )
  }
  const allowed = resourcePolicyAllows(
    key.policy,
    key.arn,
    {
      service: CLOUDTRAIL_SERVICE,
      action: 'kms:GenerateDataKey',
      resource: key.arn,
      context: {
        ...serviceContext(world, CLOUDTRAIL_SERVICE, trail.owner, trail.arn),
        'kms:EncryptionContext:aws:cloudtrail:arn': trail.arn,
      },
    },
    resourceRcps(world, key.account, 'kms:GenerateDataKey'),
  )
  if (!allowed) {
    throw new SandboxError(
      'InsufficientEncryptionPolicyException',
      `Insufficient permissions to access S3 bucket ${trail.s3BucketName} or KMS key ${key.arn}.`,
    )
  }
}

/** A trail's topic: a name in the trail's home region and owner, or an ARN. */
export function trailTopicArn(trail: Trail): string | undefined {
  const name = trail.snsTopicName
  if (!name) return undefined
  return name.startsWith('arn:') ? name : `arn:aws:sns:${trail.homeRegion}:${trail.owner}:${name}`
}

function checkTopic(world: World, trail: Trail): void {
  const arn = trailTopicArn(trail)
  if (!arn) return
  const topic = snsTopics(world).get(arn)
  const allowed =
    topic !== undefined &&
    resourcePolicyAllows(topic.policy?.document as never, arn, {
      service: CLOUDTRAIL_SERVICE,
      action: 'sns:Publish',
      resource: arn,
      context: serviceContext(world, CLOUDTRAIL_SERVICE, trail.owner, trail.arn),
    })
  // Message as widely reported for CreateTrail with a topic CloudTrail may not publish to.
  if (!allowed)
    throw new SandboxError(
      'InsufficientSnsTopicPolicyException',
      'SNS Topic does not exist or the topic policy is incorrect!',
      403,
    )
}

/**
 * An organization trail needs CloudTrail's service-linked role in the management account
 * (NoManagementAccountSLRExistsException, listed for CreateTrail, UpdateTrail and StartLogging).
 */
export function checkManagementRole(world: World, trail: Trail): void {
  if (!trail.isOrganizationTrail) return
  if (!hasServiceLinkedRole(world, world.managementAccountId, CLOUDTRAIL_SLR)) {
    throw new SandboxError(
      'NoManagementAccountSLRExistsException',
      'The management account does not have the service-linked role AWSServiceRoleForCloudTrail',
      403,
    )
  }
}

/** Everything CreateTrail / UpdateTrail check about delivery, in the order above. */
export function checkTrailDelivery(world: World, trail: Trail): void {
  checkManagementRole(world, trail)
  checkBucket(world, trail)
  checkKey(world, trail)
  checkTopic(world, trail)
}
