// A template's AWS::S3::Bucket properties turned into bucket settings, checked as S3 checks them when
// CloudFormation applies them (S3 API reference: PutBucketVersioning, PutObjectLockConfiguration,
// PutBucketEncryption, PutBucketLifecycleConfiguration, PutPublicAccessBlock, PutBucketOwnershipControls,
// PutBucketLogging). Error codes are S3's; most messages are crafted in S3's style (see the README).
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { cfnBool, cfnList, cfnNumber, cfnString } from '../cloudformation/resource-props.ts'
import { type Bucket, findBucket, type ObjectLockRetention } from './buckets.ts'

type Props = Record<string, unknown>

const invalid = (message: string, code = 'InvalidArgument') => new SandboxError(code, message)
const obj = (value: unknown): Props | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Props) : undefined

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse']
const OWNERSHIP = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter']
const LOCK_MODES = ['GOVERNANCE', 'COMPLIANCE']

function versioning(props: Props): Bucket['versioning'] {
  const status = cfnString(obj(props.VersioningConfiguration)?.Status)
  if (status === undefined) return undefined
  if (status !== 'Enabled' && status !== 'Suspended')
    throw invalid('The Versioning element must be specified', 'MalformedXML')
  return status
}

export function retention(rule: Props | undefined): ObjectLockRetention | undefined {
  const value = obj(rule?.DefaultRetention)
  if (!value) return undefined
  const mode = cfnString(value.Mode)
  if (!mode || !LOCK_MODES.includes(mode))
    throw invalid('The XML you provided was not well-formed', 'MalformedXML')
  const days = cfnNumber(value.Days)
  const years = cfnNumber(value.Years)
  // PutObjectLockConfiguration: a default retention names Days or Years, not both, and a positive period.
  if ((days === undefined) === (years === undefined))
    throw invalid('Default retention period must specify either Days or Years, but not both', 'MalformedXML')
  const period = days ?? years ?? 0
  if (!Number.isInteger(period) || period <= 0)
    throw invalid('Default retention period must be a positive integer value', 'InvalidArgument')
  return {
    mode: mode as ObjectLockRetention['mode'],
    ...(days !== undefined && { days }),
    ...(years !== undefined && { years }),
  }
}

function objectLock(props: Props, versioningStatus: Bucket['versioning']): Bucket['objectLock'] {
  const enabled = cfnBool(props.ObjectLockEnabled, false)
  const config = obj(props.ObjectLockConfiguration)
  if (config && !enabled) {
    // S3: Object Lock is set when the bucket is created (x-amz-bucket-object-lock-enabled).
    throw invalid('Object Lock configuration cannot be enabled on existing buckets', 'InvalidBucketState')
  }
  if (enabled && versioningStatus === 'Suspended') {
    // Object Lock works only on versioned buckets; versioning cannot be suspended on them.
    throw invalid(
      'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
      'InvalidBucketState',
    )
  }
  const defaultRetention = retention(obj(config?.Rule))
  return { enabled, ...(defaultRetention && { defaultRetention }) }
}

function encryption(props: Props): Bucket['encryption'] {
  const rules = cfnList<Props>(obj(props.BucketEncryption)?.ServerSideEncryptionConfiguration)
  const rule = rules?.[0]
  if (!rule) return { algorithm: 'AES256' }
  const byDefault = obj(rule.ServerSideEncryptionByDefault)
  const algorithm = cfnString(byDefault?.SSEAlgorithm) ?? 'AES256'
  if (!SSE_ALGORITHMS.includes(algorithm)) throw invalid('The encryption method specified is not supported')
  const kmsKeyId = cfnString(byDefault?.KMSMasterKeyID)
  if (kmsKeyId && algorithm === 'AES256')
    throw invalid('a KMS key ID is allowed only with aws:kms or aws:kms:dsse')
  const bucketKey = rule.BucketKeyEnabled
  return {
    algorithm,
    ...(kmsKeyId !== undefined && { kmsKeyId }),
    ...(bucketKey !== undefined && { bucketKeyEnabled: cfnBool(bucketKey, false) }),
  }
}

function lifecycle(props: Props): Props[] {
  const rules = cfnList<Props>(obj(props.LifecycleConfiguration)?.Rules) ?? []
  for (const rule of rules) {
    const status = cfnString(rule.Status)
    if (status !== 'Enabled' && status !== 'Disabled')
      throw invalid('The XML you provided was not well-formed', 'MalformedXML')
    const days = cfnNumber(rule.ExpirationInDays)
    if (days !== undefined && (!Number.isInteger(days) || days <= 0))
      throw invalid("'Days' for Expiration action must be a positive integer")
  }
  return rules
}

function publicAccessBlock(props: Props): Bucket['publicAccessBlock'] {
  const block = obj(props.PublicAccessBlockConfiguration)
  if (!block) return undefined
  return {
    blockPublicAcls: cfnBool(block.BlockPublicAcls, false),
    blockPublicPolicy: cfnBool(block.BlockPublicPolicy, false),
    ignorePublicAcls: cfnBool(block.IgnorePublicAcls, false),
    restrictPublicBuckets: cfnBool(block.RestrictPublicBuckets, false),
  }
}

function ownership(props: Props): string {
  const rule = cfnList<Props>(obj(props.OwnershipControls)?.Rules)?.[0]
  const value = cfnString(rule?.ObjectOwnership) ?? 'BucketOwnerEnforced'
  if (!OWNERSHIP.includes(value)) throw invalid('The XML you provided was not well-formed', 'MalformedXML')
  return value
}

function logging(world: World, props: Props): Bucket['logging'] {
  const config = obj(props.LoggingConfiguration)
  if (!config) return undefined
  const destination = cfnString(config.DestinationBucketName)
  // PutBucketLogging: the target bucket must exist (InvalidTargetBucketForLogging).
  if (destination !== undefined && !findBucket(world, destination))
    throw invalid('The target bucket for logging does not exist', 'InvalidTargetBucketForLogging')
  const prefix = cfnString(config.LogFilePrefix)
  return destination ? { destinationBucket: destination, ...(prefix !== undefined && { prefix }) } : undefined
}

/** The settings a template declares, checked; applied to the bucket as one assignment. */
export function bucketSettings(world: World, props: Props, bucketName: string): Partial<Bucket> {
  const versioningStatus = versioning(props)
  const lock = objectLock(props, versioningStatus)
  const settings: Partial<Bucket> = {
    // Enabling Object Lock turns versioning on (S3 user guide, "Object Lock considerations").
    versioning: lock.enabled ? 'Enabled' : versioningStatus,
    objectLock: lock,
    encryption: encryption(props),
    lifecycleRules: lifecycle(props),
    publicAccessBlock: publicAccessBlock(props),
    ownership: ownership(props),
    logging: logging(world, { ...props, BucketName: bucketName }),
    tags: new Map((cfnList<Props>(props.Tags) ?? []).map((t) => [String(t.Key), String(t.Value ?? '')])),
  }
  return settings
}
