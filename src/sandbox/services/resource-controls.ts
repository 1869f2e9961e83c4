// Controls of the services the sandbox keeps as state without an API (S3 buckets, KMS keys, SNS topics,
// service-linked roles): tests make a bucket or key out of band, change its policy (drift), delete a
// service-linked role, and read what was published. `sandbox.control('s3', 'createBucket', …)` etc.
import { SandboxError } from '../errors.ts'
import type { World } from '../state.ts'
import { checkKeyPolicy, createAlias, createKey, resolveKey } from './kms/keys.ts'
import { createBucket, deleteBucket, findBucket } from './s3/buckets.ts'
import { putBucketPolicy } from './s3/resources.ts'
import {
  deleteServiceLinkedRole,
  ensureServiceLinkedRole,
  hasServiceLinkedRole,
} from './service-linked-roles.ts'
import { snsPublished } from './sns-publish.ts'
import { snsTopics } from './sns-resources.ts'

type Control = (world: World, args: Record<string, unknown>) => unknown

const str = (args: Record<string, unknown>, name: string): string => {
  const value = args[name]
  if (typeof value !== 'string' || value === '')
    throw new SandboxError('InvalidControlArguments', `Control argument "${name}" is required`)
  return value
}
const accountOf = (world: World, args: Record<string, unknown>) =>
  typeof args.account === 'string' ? args.account : world.managementAccountId
const regionOf = (args: Record<string, unknown>) =>
  typeof args.region === 'string' ? args.region : 'us-east-1'

function bucketNamed(world: World, name: string) {
  const bucket = findBucket(world, name)
  if (!bucket) throw new SandboxError('InvalidControlArguments', `No bucket "${name}"`)
  return bucket
}

const s3: Record<string, Control> = {
  /** `{ name, account?, region?, policy? }`: a bucket made outside any stack, with S3's rules. */
  createBucket(world, args) {
    const bucket = createBucket(world, {
      name: str(args, 'name'),
      account: accountOf(world, args),
      region: regionOf(args),
    })
    if (args.policy !== undefined) putBucketPolicy(bucket, args.policy)
    return { arn: bucket.arn }
  },
  /** Drift: someone replaced the bucket policy (S3's PutBucketPolicy checks apply). */
  putBucketPolicy(world, args) {
    putBucketPolicy(bucketNamed(world, str(args, 'name')), args.policy)
    return {}
  },
  deleteBucketPolicy(world, args) {
    bucketNamed(world, str(args, 'name')).policy = undefined
    return {}
  },
  deleteBucket(world, args) {
    deleteBucket(world, str(args, 'name'))
    return {}
  },
  /** Read-only view of a bucket for tests. */
  describeBucket(world, args) {
    const bucket = findBucket(world, str(args, 'name'))
    return bucket ? { ...bucket, tags: Object.fromEntries(bucket.tags) } : undefined
  },
}

const kms: Record<string, Control> = {
  /** `{ account?, region?, policy?, alias? }` → `{ keyId, arn }`. */
  createKey(world, args) {
    const account = accountOf(world, args)
    const region = regionOf(args)
    const key = createKey(world, {
      account,
      region,
      ...(args.policy !== undefined && { policy: args.policy }),
    })
    if (typeof args.alias === 'string') createAlias(world, account, region, args.alias, key.arn)
    return { keyId: key.keyId, arn: key.arn }
  },
  /** Drift: the key policy is replaced (KMS's PutKeyPolicy checks apply). */
  putKeyPolicy(world, args) {
    const key = resolveKey(world, accountOf(world, args), regionOf(args), str(args, 'key'))
    if (!key) throw new SandboxError('InvalidControlArguments', `No key "${String(args.key)}"`)
    key.policy = checkKeyPolicy(args.policy, key.account)
    return {}
  },
}

const sns: Record<string, Control> = {
  /** Every publish so far (optionally one topic's), oldest first. */
  published(world, args) {
    const all = snsPublished(world)
    return typeof args.topicArn === 'string' ? all.filter((p) => p.topicArn === args.topicArn) : [...all]
  },
  /** Drift: someone replaced a topic's policy (`policy: null` restores SNS's default policy). */
  setTopicPolicy(world, args) {
    const topic = snsTopics(world).get(str(args, 'topicArn'))
    if (!topic) throw new SandboxError('InvalidControlArguments', `No topic "${String(args.topicArn)}"`)
    topic.policy =
      args.policy === null ? undefined : { id: topic.policy?.id ?? 'control', document: args.policy }
    return {}
  },
}

const iam: Record<string, Control> = {
  /** `{ account, name }`: what IAM's CreateServiceLinkedRole (or a service) does. */
  ensureServiceLinkedRole(world, args) {
    ensureServiceLinkedRole(world, str(args, 'account'), str(args, 'name'))
    return {}
  },
  deleteServiceLinkedRole(world, args) {
    deleteServiceLinkedRole(world, str(args, 'account'), str(args, 'name'))
    return {}
  },
  hasServiceLinkedRole(world, args) {
    return { exists: hasServiceLinkedRole(world, str(args, 'account'), str(args, 'name')) }
  },
}

export const resourceServiceControls: Record<string, Record<string, Control>> = { s3, kms, sns, iam }
