// S3's bucket operations over the bucket state CloudFormation also writes: bucket policy, lifecycle, Object
// Lock configuration, DeleteBucket (S3 API reference, each operation's page). Lifecycle rules are kept in the
// template's shape (AWS::S3::Bucket Rule) so drift detection reads them as the stack declared them; the API
// shape is converted both ways here.
import { SandboxError } from '../../errors.ts'
import type { RestXmlResult } from '../../protocols/rest-xml.ts'
import type { CallContext } from '../service.ts'
import { retention } from './bucket-config.ts'
import { bucketFor, ownedBucketFor, str } from './bucket-lookup.ts'
import { deleteBucket as removeBucket } from './buckets.ts'
import { isEmpty } from './objects.ts'
import { putBucketPolicy as storeBucketPolicy } from './resources.ts'

type Input = Record<string, unknown>
type Props = Record<string, unknown>

const malformedXml = () =>
  new SandboxError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  )
const invalidArgument = (message: string) => new SandboxError('InvalidArgument', message)

export function getBucketPolicy(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = ownedBucketFor(input, ctx)
  if (!bucket.policy)
    throw new SandboxError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, {
      BucketName: bucket.name,
    })
  return { raw: { body: JSON.stringify(bucket.policy), contentType: 'application/json' } }
}

export function putBucketPolicy(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = ownedBucketFor(input, ctx)
  storeBucketPolicy(bucket, str(input.Policy) ?? '')
  return { status: 204 }
}

export function deleteBucketPolicy(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = ownedBucketFor(input, ctx)
  bucket.policy = undefined
  return { status: 204 }
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])
const num = (value: unknown) => (value === undefined ? undefined : Number(value))
const obj = (value: unknown): Props | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Props) : undefined

/** An API lifecycle rule → the template's Rule shape (what the bucket keeps). */
function toTemplateRule(rule: Props): Props {
  const expiration = obj(rule.Expiration)
  const prefix = str(obj(rule.Filter)?.Prefix) ?? str(rule.Prefix)
  return Object.fromEntries(
    Object.entries({
      Id: str(rule.ID),
      Status: rule.Status,
      Prefix: prefix,
      ExpirationInDays: num(expiration?.Days),
      ExpirationDate: str(expiration?.Date),
      Transitions: list<Props>(rule.Transitions).map((t) => ({
        TransitionInDays: num(t.Days),
        StorageClass: t.StorageClass,
      })),
      NoncurrentVersionTransitions: list<Props>(rule.NoncurrentVersionTransitions).map((t) => ({
        TransitionInDays: num(t.NoncurrentDays),
        StorageClass: t.StorageClass,
      })),
      NoncurrentVersionExpiration: obj(rule.NoncurrentVersionExpiration) && {
        NoncurrentDays: num(obj(rule.NoncurrentVersionExpiration)?.NoncurrentDays),
      },
      AbortIncompleteMultipartUpload: obj(rule.AbortIncompleteMultipartUpload) && {
        DaysAfterInitiation: num(obj(rule.AbortIncompleteMultipartUpload)?.DaysAfterInitiation),
      },
    }).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  )
}

/** A template Rule → the API's LifecycleRule. */
function toApiRule(rule: Props): Props {
  const days = num(rule.ExpirationInDays)
  return {
    ID: rule.Id,
    Filter: { Prefix: rule.Prefix ?? '' },
    Status: rule.Status,
    ...((days !== undefined || rule.ExpirationDate !== undefined) && {
      Expiration: { Days: days, Date: rule.ExpirationDate },
    }),
    Transition: list<Props>(rule.Transitions).map((t) => ({
      Days: num(t.TransitionInDays),
      StorageClass: t.StorageClass,
    })),
    NoncurrentVersionTransition: list<Props>(rule.NoncurrentVersionTransitions).map((t) => ({
      NoncurrentDays: num(t.TransitionInDays),
      StorageClass: t.StorageClass,
    })),
    NoncurrentVersionExpiration: obj(rule.NoncurrentVersionExpiration),
    AbortIncompleteMultipartUpload: obj(rule.AbortIncompleteMultipartUpload),
  }
}

/** Transitions to these classes need at least 30 days (S3 user guide, "Constraints" of lifecycle transitions). */
const THIRTY_DAY_CLASSES = new Set(['STANDARD_IA', 'ONEZONE_IA'])

function checkRules(rules: Props[]): void {
  if (rules.length === 0 || rules.length > 1000) throw malformedXml()
  const ids = new Set<string>()
  for (const rule of rules) {
    if (rule.Status !== 'Enabled' && rule.Status !== 'Disabled') throw malformedXml()
    const id = str(rule.ID)
    if (id !== undefined) {
      if (ids.has(id)) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule')
      ids.add(id)
    }
    const days = num(obj(rule.Expiration)?.Days)
    if (days !== undefined && (!Number.isInteger(days) || days <= 0))
      throw invalidArgument("'Days' for Expiration action must be a positive integer")
    for (const t of list<Props>(rule.Transitions)) {
      const transitionDays = num(t.Days) ?? 0
      if (THIRTY_DAY_CLASSES.has(String(t.StorageClass)) && transitionDays < 30)
        throw invalidArgument(
          `'Days' in Transition action must be greater than or equal to 30 for storageClass '${String(t.StorageClass)}'`,
        )
    }
  }
}

export function getBucketLifecycleConfiguration(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  if (bucket.lifecycleRules.length === 0) {
    throw new SandboxError(
      'NoSuchLifecycleConfiguration',
      'The lifecycle configuration does not exist',
      404,
      {
        BucketName: bucket.name,
      },
    )
  }
  return { xml: { root: 'LifecycleConfiguration', value: { Rule: bucket.lifecycleRules.map(toApiRule) } } }
}

export function putBucketLifecycleConfiguration(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  const rules = list<Props>(obj(input.LifecycleConfiguration)?.Rules)
  checkRules(rules)
  bucket.lifecycleRules = rules.map(toTemplateRule)
  return {}
}

export function deleteBucketLifecycle(input: Input, ctx: CallContext): RestXmlResult {
  bucketFor(input, ctx).lifecycleRules = []
  return { status: 204 }
}

export function getObjectLockConfiguration(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  if (!bucket.objectLock.enabled) {
    throw new SandboxError(
      'ObjectLockConfigurationNotFoundError',
      'Object Lock configuration does not exist for this bucket',
      404,
      { BucketName: bucket.name },
    )
  }
  const rule = bucket.objectLock.defaultRetention
  return {
    xml: {
      root: 'ObjectLockConfiguration',
      value: {
        ObjectLockEnabled: 'Enabled',
        ...(rule && { Rule: { DefaultRetention: { Mode: rule.mode, Days: rule.days, Years: rule.years } } }),
      },
    },
  }
}

/**
 * PutObjectLockConfiguration: Object Lock may be enabled on an existing bucket only when versioning is
 * enabled (S3 user guide, "Enabling Object Lock on an existing bucket"); once enabled it cannot be disabled.
 */
export function putObjectLockConfiguration(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  const config = obj(input.ObjectLockConfiguration)
  if (config?.ObjectLockEnabled !== 'Enabled') throw malformedXml()
  if (bucket.versioning !== 'Enabled') {
    throw new SandboxError(
      'InvalidBucketState',
      "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
      409,
    )
  }
  const defaultRetention = retention(obj(config.Rule))
  bucket.objectLock = { enabled: true, ...(defaultRetention && { defaultRetention }) }
  return {}
}

export function deleteBucket(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  if (!isEmpty(bucket)) {
    throw new SandboxError(
      'BucketNotEmpty',
      bucket.versioning
        ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.'
        : 'The bucket you tried to delete is not empty',
      409,
      { BucketName: bucket.name },
    )
  }
  removeBucket(ctx.world, bucket.name)
  return { status: 204 }
}
