// A service principal writing an object into a customer's bucket, as CloudTrail and Config deliver logs: the
// bucket policy alone must allow s3:PutObject for the service with the delivery's context (aws:SourceArn,
// aws:SourceAccount, aws:SourceOrgID, s3:x-amz-acl = bucket-owner-full-control: CloudTrail user guide,
// "Amazon S3 bucket policy for CloudTrail"; Config developer guide, "Permissions for the Amazon S3 Bucket"),
// and the object is a real version of the bucket with the bucket's default encryption and retention.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { resourcePolicyAllows, resourceRcps, serviceContext } from '../service-access.ts'
import { findBucket } from './buckets.ts'
import { type ObjectVersion, putObject } from './objects.ts'

export interface ServiceDelivery {
  /** The service principal, e.g. `cloudtrail.amazonaws.com`. */
  service: string
  /** The account the delivery is made for (aws:SourceAccount). */
  sourceAccount: string
  /** The trail or other resource delivering (aws:SourceArn), when there is one. */
  sourceArn?: string
  bucket: string
  key: string
  body: string
}

/** Writes the object, or throws S3's AccessDenied when the bucket policy does not let the service write there. */
export function deliverAsService(world: World, delivery: ServiceDelivery): ObjectVersion {
  const bucket = findBucket(world, delivery.bucket)
  if (!bucket)
    throw new SandboxError('NoSuchBucket', 'The specified bucket does not exist', 404, {
      BucketName: delivery.bucket,
    })
  const allowed = resourcePolicyAllows(
    bucket.policy,
    bucket.name,
    {
      service: delivery.service,
      action: 's3:PutObject',
      resource: `${bucket.arn}/${delivery.key}`,
      context: {
        ...serviceContext(world, delivery.service, delivery.sourceAccount, delivery.sourceArn),
        's3:x-amz-acl': 'bucket-owner-full-control',
      },
    },
    resourceRcps(world, bucket.account, 's3:PutObject'),
  )
  if (!allowed) throw new SandboxError('AccessDenied', 'Access Denied', 403)
  return putObject(world, bucket, { key: delivery.key, body: delivery.body, writer: delivery.sourceAccount })
}
