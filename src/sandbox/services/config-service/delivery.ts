// What AWS Config checks at PutDeliveryChannel about the bucket it will deliver to (Config developer guide,
// "Permissions for the Amazon S3 Bucket for the AWS Config Delivery Channel"): the bucket exists
// (NoSuchBucketException), and — when Config writes as its service principal, which it does with the
// service-linked role and for a bucket of another account — the bucket policy lets config.amazonaws.com
// check the ACL (s3:GetBucketAcl), find the bucket (s3:ListBucket) and write under
// [<prefix>/]AWSLogs/<account>/Config/ with s3:x-amz-acl = bucket-owner-full-control
// (InsufficientDeliveryPolicyException). The guide's policy conditions on aws:SourceAccount; AWS Control
// Tower's log bucket conditions on aws:SourceOrgID (Control Tower guide, "Amazon S3 bucket policy in the
// audit account"), so both keys are in the request.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { findBucket } from '../s3/buckets.ts'
import { putObject } from '../s3/objects.ts'
import { resourcePolicyAllows, resourceRcps, serviceContext } from '../service-access.ts'
import { serviceLinkedRoleName } from '../service-linked-roles.ts'

export const CONFIG_SERVICE = 'config.amazonaws.com'

export interface ChannelTarget {
  account: string
  s3BucketName: string
  s3KeyPrefix?: string
  s3KmsKeyArn?: string
  /** The recorder's role: Config writes as itself when it is the service-linked role. */
  roleArn?: string
}

/** The message AWS sends (quoted on AWS re:Post and in issue trackers for this exception). */
const insufficient = (t: ChannelTarget) =>
  new SandboxError(
    'InsufficientDeliveryPolicyException',
    `Insufficient delivery policy to s3 bucket: ${t.s3BucketName}, unable to write to bucket, provided s3 key prefix is '${t.s3KeyPrefix ?? 'null'}', provided kms key is '${t.s3KmsKeyArn ?? 'null'}'.`,
  )

export function checkChannelDelivery(world: World, target: ChannelTarget): void {
  const bucket = findBucket(world, target.s3BucketName)
  if (!bucket)
    throw new SandboxError(
      'NoSuchBucketException',
      `Cannot find a S3 bucket with name ${target.s3BucketName}.`,
    )
  // "AWS Config does not support the delivery channel to an Amazon S3 bucket where object lock is enabled"
  // (CloudFormation template reference, AWS::Config::DeliveryChannel; Config API reference,
  // PutDeliveryChannel). How AWS fails is not documented: the sandbox refuses at PutDeliveryChannel with
  // the delivery-policy error and a crafted message.
  if (bucket.objectLock.enabled)
    throw new SandboxError(
      'InsufficientDeliveryPolicyException',
      `AWS Config does not support delivery to bucket ${target.s3BucketName}: Object Lock is enabled on it.`,
    )
  const asServicePrincipal =
    bucket.account !== target.account ||
    target.roleArn === undefined ||
    serviceLinkedRoleName(target.roleArn) !== undefined
  const prefix = target.s3KeyPrefix ? `${target.s3KeyPrefix}/` : ''
  // Config proves it can write by writing ConfigWritabilityCheckFile under the account's folder (Config
  // developer guide, "Permissions for the Amazon S3 Bucket"): a real object of the bucket.
  const checkFile = () =>
    putObject(world, bucket, {
      key: `${prefix}AWSLogs/${target.account}/Config/ConfigWritabilityCheckFile`,
      body: '',
      writer: target.account,
    })
  // A customer role in the bucket's own account writes with its identity policy, which the sandbox does not model.
  if (!asServicePrincipal) {
    checkFile()
    return
  }
  const context = serviceContext(world, CONFIG_SERVICE, target.account)
  const requests = [
    { action: 's3:GetBucketAcl', resource: bucket.arn, context },
    { action: 's3:ListBucket', resource: bucket.arn, context },
    {
      action: 's3:PutObject',
      resource: `${bucket.arn}/${prefix}AWSLogs/${target.account}/Config/ConfigWritabilityCheckFile`,
      context: { ...context, 's3:x-amz-acl': 'bucket-owner-full-control' },
    },
  ]
  for (const request of requests) {
    const rcps = resourceRcps(world, bucket.account, request.action)
    if (!resourcePolicyAllows(bucket.policy, bucket.name, { service: CONFIG_SERVICE, ...request }, rcps))
      throw insufficient(target)
  }
  checkFile()
}
