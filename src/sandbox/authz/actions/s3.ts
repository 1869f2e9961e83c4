// Amazon S3 (prefix `s3`). Source: Service Authorization Reference, "Actions, resources, and condition keys
// for Amazon S3": resource types bucket (`arn:${Partition}:s3:::${BucketName}`) and object
// (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`); the action each API operation needs (a request with a
// versionId needs the `…Version` action; DeleteBucketLifecycle is authorized as s3:PutLifecycleConfiguration;
// HeadObject as s3:GetObject; ListObjectsV2 as s3:ListBucket; the x-amz-bypass-governance-retention header
// adds s3:BypassGovernanceRetention; Object Lock headers on PutObject add s3:PutObjectRetention); condition
// keys s3:x-amz-acl, s3:x-amz-server-side-encryption, s3:x-amz-server-side-encryption-aws-kms-key-id,
// s3:object-lock-mode, s3:object-lock-retain-until-date, s3:prefix, s3:max-keys, s3:VersionId,
// s3:ResourceAccount, s3:authType, s3:signatureversion. The bucket policy takes part in every decision
// (S3 user guide, "How Amazon S3 authorizes a request"), same-account or cross-account by the bucket's owner.
// A request to a bucket that does not exist is not judged: S3 answers NoSuchBucket.
import type { ContextValue } from '../../../policy/types.ts'
import { findBucket } from '../../services/s3/buckets.ts'
import type { World } from '../../state.ts'
import type { ActionEntry, ActionInput, ActionScope, ActionTable, ResourcePolicy } from '../types.ts'
import { key, text } from './helpers.ts'

/** Request headers the server passes along for the condition keys that come from the transport. */
export const S3_HEADERS = '$headers'

const bucketName = (input: ActionInput) => text(input, 'Bucket') ?? ''
const exists = (input: ActionInput, scope: ActionScope) => findBucket(scope.world, bucketName(input))

const onBucket = (input: ActionInput, scope: ActionScope) =>
  exists(input, scope) ? [`arn:aws:s3:::${bucketName(input)}`] : []
const onObject = (input: ActionInput, scope: ActionScope) =>
  exists(input, scope) ? [`arn:aws:s3:::${bucketName(input)}/${text(input, 'Key') ?? ''}`] : []

/** The bucket policy, and the bucket's owner (S3 ARNs carry no account). */
function bucketPolicy(input: ActionInput, scope: ActionScope): ResourcePolicy | undefined {
  const bucket = exists(input, scope)
  if (!bucket) return undefined
  const policies = bucket.policy ? [{ name: bucket.name, document: bucket.policy }] : []
  return { policies, mustAllow: false, account: bucket.account }
}

/**
 * GetBucketPolicy / PutBucketPolicy / DeleteBucketPolicy: "the root principal in a bucket owner's account can
 * perform [them], even if their bucket policy explicitly denies the root principal's access" (S3 API
 * reference, GetBucketPolicy "Permissions"). SCPs still apply to a member account's root.
 */
function bucketPolicyUnlessOwnerRoot(input: ActionInput, scope: ActionScope): ResourcePolicy | undefined {
  const policy = bucketPolicy(input, scope)
  if (policy && scope.principalArn === `arn:aws:iam::${policy.account}:root`)
    return { ...policy, policies: [] }
  return policy
}

function headers(input: ActionInput): Record<string, string> {
  const value = input[S3_HEADERS]
  return value && typeof value === 'object' ? (value as Record<string, string>) : {}
}

/** Keys every S3 request carries: the bucket owner, how it was signed, and whether it came over TLS. */
function common(input: ActionInput, scope: ActionScope): Record<string, ContextValue> {
  const owner = exists(input, scope)?.account
  // The sandbox speaks plain HTTP on loopback and stands in for HTTPS; a test marks a request as plain HTTP
  // with this header (sandbox-only, README "S3") so that `aws:SecureTransport` policies can be exercised.
  const plain = headers(input)['x-sandbox-plain-http'] === 'true'
  return {
    ...(owner && { 'aws:ResourceAccount': owner, 's3:ResourceAccount': owner }),
    's3:authType': 'REST-HEADER',
    's3:signatureversion': 'AWS4-HMAC-SHA256',
    ...(plain && { 'aws:SecureTransport': 'false' }),
  }
}

type Keys = (input: ActionInput, scope: ActionScope) => Record<string, ContextValue>

const entry = (
  action: string,
  resources: ActionEntry['resources'],
  extra: Keys = () => ({}),
  policy = bucketPolicy,
): ActionEntry => ({
  action,
  resources,
  resourcePolicy: policy,
  context: (input, scope) => ({ ...common(input, scope), ...extra(input, scope) }),
})

const versionKey = (input: ActionInput) => key('s3:VersionId', text(input, 'VersionId'))
const bypass = (input: ActionInput) => String(input.BypassGovernanceRetention) === 'true'

const lockKeys = (input: ActionInput) => ({
  ...key('s3:object-lock-mode', text(input, 'ObjectLockMode') ?? text(input, 'Mode')),
  ...key(
    's3:object-lock-retain-until-date',
    text(input, 'ObjectLockRetainUntilDate') ?? text(input, 'RetainUntilDate'),
  ),
})

const putObjectKeys = (input: ActionInput) => ({
  ...key('s3:x-amz-acl', text(input, 'ACL')),
  ...key('s3:x-amz-server-side-encryption', text(input, 'ServerSideEncryption')),
  ...key('s3:x-amz-server-side-encryption-aws-kms-key-id', text(input, 'SSEKMSKeyId')),
  ...lockKeys(input),
})

/** GetObject / HeadObject / DeleteObject: the `…Version` action when a version is named. */
const versioned = (plain: string, ofVersion: string) => (input: ActionInput) =>
  text(input, 'VersionId') === undefined ? plain : ofVersion

const withBypass = (input: ActionInput, main: ActionEntry): ActionEntry[] =>
  bypass(input) ? [main, entry('s3:BypassGovernanceRetention', onObject)] : [main]

/**
 * Operations whose entries depend on the request (versionId, headers) are resolved by `s3ActionsFor`; the
 * table keeps a representative entry for the checks that list every operation's action.
 */
export const s3Actions: ActionTable = {
  PutObject: entry('s3:PutObject', onObject, putObjectKeys),
  GetObject: entry('s3:GetObject', onObject, versionKey),
  HeadObject: entry('s3:GetObject', onObject, versionKey),
  DeleteObject: entry('s3:DeleteObject', onObject, versionKey),
  // Authorized per object, as s3:DeleteObject or s3:DeleteObjectVersion, by the handler (objects.ts).
  DeleteObjects: [],
  ListObjectsV2: entry('s3:ListBucket', onBucket, (input) => ({
    ...key('s3:prefix', text(input, 'Prefix')),
    ...key('s3:max-keys', text(input, 'MaxKeys')),
  })),
  ListObjectVersions: entry('s3:ListBucketVersions', onBucket, (input) =>
    key('s3:prefix', text(input, 'Prefix')),
  ),
  GetBucketPolicy: entry('s3:GetBucketPolicy', onBucket, undefined, bucketPolicyUnlessOwnerRoot),
  PutBucketPolicy: entry('s3:PutBucketPolicy', onBucket, undefined, bucketPolicyUnlessOwnerRoot),
  DeleteBucketPolicy: entry('s3:DeleteBucketPolicy', onBucket, undefined, bucketPolicyUnlessOwnerRoot),
  GetBucketLifecycleConfiguration: entry('s3:GetLifecycleConfiguration', onBucket),
  PutBucketLifecycleConfiguration: entry('s3:PutLifecycleConfiguration', onBucket),
  DeleteBucketLifecycle: entry('s3:PutLifecycleConfiguration', onBucket),
  GetObjectLockConfiguration: entry('s3:GetBucketObjectLockConfiguration', onBucket),
  PutObjectLockConfiguration: entry('s3:PutBucketObjectLockConfiguration', onBucket),
  GetObjectRetention: entry('s3:GetObjectRetention', onObject, versionKey),
  PutObjectRetention: entry('s3:PutObjectRetention', onObject, (input) => ({
    ...versionKey(input),
    ...lockKeys(input),
  })),
  DeleteBucket: entry('s3:DeleteBucket', onBucket),
}

/** The entries of one S3 request, resolved against its input (versionId, bypass and lock headers). */
export function s3EntriesFor(operation: string, input: ActionInput): ActionEntry[] | undefined {
  const base = s3Actions[operation]
  if (base === undefined) return undefined
  const entries = Array.isArray(base) ? base : [base]
  const [main] = entries
  if (!main) return entries
  switch (operation) {
    case 'GetObject':
    case 'HeadObject':
      return [{ ...main, action: versioned('s3:GetObject', 's3:GetObjectVersion')(input) }]
    case 'DeleteObject':
      return withBypass(input, {
        ...main,
        action: versioned('s3:DeleteObject', 's3:DeleteObjectVersion')(input),
      })
    case 'PutObjectRetention':
      return withBypass(input, main)
    case 'PutObject':
      return text(input, 'ObjectLockMode') || text(input, 'ObjectLockRetainUntilDate')
        ? [main, entry('s3:PutObjectRetention', onObject, lockKeys)]
        : entries
    default:
      return entries
  }
}

/** For handlers that authorize per object (DeleteObjects): the entry for deleting one key or version. */
export function deleteEntry(versionId: string | undefined, bypassGovernance: boolean): ActionEntry[] {
  const main = entry(
    versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion',
    onObject,
    versionKey,
  )
  return bypassGovernance ? [main, entry('s3:BypassGovernanceRetention', onObject)] : [main]
}

/**
 * The bucket policy that takes part when an action names this S3 ARN (a bucket or an object in it) — for
 * actions the sandbox takes as a principal, such as CloudFormation changing a bucket; undefined for other ARNs
 * and for buckets that do not exist.
 */
export function bucketPolicyForArn(world: World, arn: string): ResourcePolicy | undefined {
  if (!arn.startsWith('arn:aws:s3:::')) return undefined
  const name = arn.slice('arn:aws:s3:::'.length).split('/')[0] ?? ''
  return bucketPolicy({ Bucket: name }, { world, account: '', region: '' })
}
