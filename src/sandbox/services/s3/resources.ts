// CloudFormation providers for AWS::S3::Bucket and AWS::S3::BucketPolicy: stacks make real buckets in the
// global namespace (so a second stack with the same name fails, and CloudTrail and Config find what the
// log-archive stack made), and `read()` answers drift detection in the template's shape.
import { SandboxError } from '../../errors.ts'
import { cfnString, declaredProps, projectDeclared, resourceKey } from '../cloudformation/resource-props.ts'
import { type ResourceProvider, registerResourceProvider } from '../cloudformation/resource-providers.ts'
import { bucketSettings } from './bucket-config.ts'
import { checkBucketPolicy } from './bucket-policy.ts'
import { type Bucket, createBucket, deleteBucket, findBucket } from './buckets.ts'
import { isEmpty } from './objects.ts'
import { isPublicPolicy } from './public-policy.ts'

type Props = Record<string, unknown>

function attributes(bucket: Bucket): Record<string, unknown> {
  return {
    Arn: bucket.arn,
    DomainName: `${bucket.name}.s3.amazonaws.com`,
    RegionalDomainName: `${bucket.name}.s3.${bucket.region}.amazonaws.com`,
    DualStackDomainName: `${bucket.name}.s3.dualstack.${bucket.region}.amazonaws.com`,
    WebsiteURL: `http://${bucket.name}.s3-website-${bucket.region}.amazonaws.com`,
  }
}

/** CloudFormation's generated bucket name: lowercase `<stack>-<logicalid>-<suffix>`, at most 63 characters. */
function generatedBucketName(stackName: string, logicalId: string, suffix: string): string {
  const tail = `-${suffix}`
  return (
    `${stackName}-${logicalId}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '')
      .slice(0, 63 - tail.length) + tail
  )
}

const noSuchBucket = (name: string) =>
  new SandboxError('NoSuchBucket', `The specified bucket does not exist (bucket: ${name})`, 404)

const bucketProvider: ResourceProvider = {
  create(props, ctx) {
    const name =
      cfnString(props.BucketName) ?? generatedBucketName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12))
    // Settings are checked before the bucket exists, so a bad property leaves no bucket behind.
    const settings = bucketSettings(ctx.world, props, name)
    let bucket: Bucket
    try {
      bucket = createBucket(ctx.world, { name, account: ctx.account, region: ctx.region })
    } catch (error) {
      // CloudFormation reports a taken name as "<name> already exists" in the resource's status reason.
      if (error instanceof SandboxError && error.code.startsWith('BucketAlready'))
        throw new SandboxError(error.code, `${name} already exists`, error.status)
      throw error
    }
    Object.assign(bucket, settings)
    declaredProps(ctx.world, 's3-bucket').remember(resourceKey(name, ctx), props)
    return { physicalId: name, attributes: attributes(bucket) }
  },
  update(physicalId, props, ctx) {
    const bucket = findBucket(ctx.world, physicalId)
    if (!bucket) throw noSuchBucket(physicalId)
    const named = cfnString(props.BucketName)
    if (named !== undefined && named !== physicalId) {
      throw new SandboxError(
        'ValidationError',
        'Changing BucketName requires replacing the bucket, which the sandbox does not model',
      )
    }
    if (
      bucket.objectLock.enabled &&
      !(props.ObjectLockEnabled === true || props.ObjectLockEnabled === 'true')
    ) {
      throw new SandboxError('InvalidBucketState', 'Object Lock cannot be disabled once it is enabled')
    }
    Object.assign(bucket, bucketSettings(ctx.world, props, physicalId))
    declaredProps(ctx.world, 's3-bucket').remember(resourceKey(physicalId, ctx), props)
    return { attributes: attributes(bucket) }
  },
  delete(physicalId, ctx) {
    // CloudFormation's DeleteBucket fails on a bucket that holds objects (versions and markers included).
    const bucket = findBucket(ctx.world, physicalId)
    if (bucket && !isEmpty(bucket))
      throw new SandboxError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409)
    deleteBucket(ctx.world, physicalId)
    declaredProps(ctx.world, 's3-bucket').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const bucket = findBucket(ctx.world, physicalId)
    if (!bucket) return undefined
    const actual = {
      BucketName: bucket.name,
      VersioningConfiguration: bucket.versioning ? { Status: bucket.versioning } : undefined,
      ObjectLockEnabled: bucket.objectLock.enabled,
      ObjectLockConfiguration: bucket.objectLock.enabled
        ? {
            ObjectLockEnabled: 'Enabled',
            ...(bucket.objectLock.defaultRetention && {
              Rule: {
                DefaultRetention: {
                  Mode: bucket.objectLock.defaultRetention.mode,
                  Days: bucket.objectLock.defaultRetention.days,
                  Years: bucket.objectLock.defaultRetention.years,
                },
              },
            }),
          }
        : undefined,
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: bucket.encryption.algorithm,
              KMSMasterKeyID: bucket.encryption.kmsKeyId,
            },
            BucketKeyEnabled: bucket.encryption.bucketKeyEnabled,
          },
        ],
      },
      LifecycleConfiguration: { Rules: bucket.lifecycleRules },
      PublicAccessBlockConfiguration: bucket.publicAccessBlock && {
        BlockPublicAcls: bucket.publicAccessBlock.blockPublicAcls,
        BlockPublicPolicy: bucket.publicAccessBlock.blockPublicPolicy,
        IgnorePublicAcls: bucket.publicAccessBlock.ignorePublicAcls,
        RestrictPublicBuckets: bucket.publicAccessBlock.restrictPublicBuckets,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: bucket.ownership }] },
      LoggingConfiguration: bucket.logging && {
        DestinationBucketName: bucket.logging.destinationBucket,
        LogFilePrefix: bucket.logging.prefix,
      },
      Tags: [...bucket.tags].map(([Key, Value]) => ({ Key, Value })),
    }
    return projectDeclared(
      actual,
      declaredProps(ctx.world, 's3-bucket').get(resourceKey(physicalId, ctx)),
    ) as Props
  },
}

/** PutBucketPolicy's checks: the bucket exists, the policy is well-formed, and not public when blocked. */
export function putBucketPolicy(bucket: Bucket, document: unknown): void {
  const policy = checkBucketPolicy(document, bucket.name)
  // S3 user guide, "Blocking public access": BlockPublicPolicy refuses a public bucket policy (403).
  if (bucket.publicAccessBlock?.blockPublicPolicy && isPublicPolicy(policy))
    throw new SandboxError('AccessDenied', 'Access Denied', 403)
  bucket.policy = policy
}

const policyProvider: ResourceProvider = {
  create(props, ctx) {
    const name = cfnString(props.Bucket) ?? ''
    const bucket = findBucket(ctx.world, name)
    if (!bucket) throw noSuchBucket(name)
    putBucketPolicy(bucket, props.PolicyDocument)
    declaredProps(ctx.world, 's3-bucket-policy').remember(resourceKey(name, ctx), props)
    return { physicalId: name }
  },
  update(physicalId, props, ctx) {
    const name = cfnString(props.Bucket) ?? physicalId
    const bucket = findBucket(ctx.world, name)
    if (!bucket) throw noSuchBucket(name)
    putBucketPolicy(bucket, props.PolicyDocument)
    declaredProps(ctx.world, 's3-bucket-policy').remember(resourceKey(physicalId, ctx), props)
  },
  delete(physicalId, ctx) {
    const bucket = findBucket(ctx.world, physicalId)
    if (bucket) bucket.policy = undefined
    declaredProps(ctx.world, 's3-bucket-policy').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const bucket = findBucket(ctx.world, physicalId)
    if (!bucket?.policy) return undefined
    const declared = declaredProps(ctx.world, 's3-bucket-policy').get(resourceKey(physicalId, ctx))
    const actual = {
      Bucket: bucket.name,
      PolicyDocument:
        typeof declared.PolicyDocument === 'string' ? JSON.stringify(bucket.policy) : bucket.policy,
    }
    return projectDeclared(actual, declared) as Props
  },
}

registerResourceProvider('AWS::S3::Bucket', bucketProvider)
registerResourceProvider('AWS::S3::BucketPolicy', policyProvider)
