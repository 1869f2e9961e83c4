// S3 buckets as state: one global namespace (a name belongs to one account, in one region), created by
// CloudFormation stacks or by a test's control. The S3 API (index.ts) works on them; CloudTrail, Config and
// the stacks read these buckets when a service principal must write to one.

import type { PolicyDocument } from '../../../policy/types.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { ObjectVersion } from './objects.ts'

export interface ObjectLockRetention {
  mode: 'GOVERNANCE' | 'COMPLIANCE'
  days?: number
  years?: number
}

export interface BucketEncryption {
  /** `AES256` (SSE-S3), `aws:kms` (SSE-KMS) or `aws:kms:dsse`. */
  algorithm: string
  kmsKeyId?: string
  bucketKeyEnabled?: boolean
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean
  blockPublicPolicy: boolean
  ignorePublicAcls: boolean
  restrictPublicBuckets: boolean
}

export interface Bucket {
  name: string
  arn: string
  account: string
  region: string
  createdAt: Date
  versioning?: 'Enabled' | 'Suspended'
  objectLock: { enabled: boolean; defaultRetention?: ObjectLockRetention }
  /** Every bucket is encrypted at rest: SSE-S3 unless configured otherwise (since January 2023). */
  encryption: BucketEncryption
  lifecycleRules: Record<string, unknown>[]
  publicAccessBlock?: PublicAccessBlock
  /** `BucketOwnerEnforced` (ACLs disabled, the default since April 2023), `BucketOwnerPreferred`, `ObjectWriter`. */
  ownership: string
  logging?: { destinationBucket: string; prefix?: string }
  policy?: PolicyDocument
  tags: Map<string, string>
  /** Objects by key, each key's versions oldest first (objects.ts); absent until the first write. */
  objects?: Map<string, ObjectVersion[]>
}

/** Every bucket, by name: the namespace is global across accounts and regions. */
export function s3Buckets(world: World): Map<string, Bucket> {
  return world.slice('s3-buckets', () => new Map<string, Bucket>())
}

export function findBucket(world: World, name: string): Bucket | undefined {
  return s3Buckets(world).get(name)
}

export const bucketArn = (name: string) => `arn:aws:s3:::${name}`

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-']
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']

/**
 * S3's rules for general purpose bucket names (S3 user guide, "General purpose bucket naming rules"):
 * 3–63 characters of lowercase letters, digits, dots and hyphens; a letter or digit at both ends; no two
 * adjacent dots; not an IP address; none of the reserved prefixes and suffixes. The reason is returned
 * for the sandbox's own tests; AWS answers every case with S3's one `InvalidBucketName` message.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long'
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lowercase letters, digits, dots and hyphens'
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit'
  if (name.includes('..')) return 'must not contain two adjacent periods'
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return 'must not be formatted as an IP address'
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return 'must not start with a reserved prefix'
  if (RESERVED_SUFFIXES.some((s) => name.endsWith(s))) return 'must not end with a reserved suffix'
  return undefined
}

export interface NewBucket {
  name: string
  account: string
  region: string
}

/**
 * Creates a bucket under S3's rules: an invalid name is `InvalidBucketName` "The specified bucket is not
 * valid." (S3 error responses list); a name anyone already holds is `BucketAlreadyExists` 409 (another
 * account) or `BucketAlreadyOwnedByYou` 409 (the same account), with the messages of that list.
 */
export function createBucket(world: World, spec: NewBucket): Bucket {
  if (bucketNameProblem(spec.name) !== undefined)
    throw new SandboxError('InvalidBucketName', 'The specified bucket is not valid.')
  const existing = findBucket(world, spec.name)
  if (existing?.account === spec.account) {
    throw new SandboxError(
      'BucketAlreadyOwnedByYou',
      'The bucket you tried to create already exists, and you own it.',
      409,
    )
  }
  if (existing) {
    throw new SandboxError(
      'BucketAlreadyExists',
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      409,
    )
  }
  const bucket: Bucket = {
    ...spec,
    arn: bucketArn(spec.name),
    createdAt: world.clock.date(),
    objectLock: { enabled: false },
    encryption: { algorithm: 'AES256' },
    lifecycleRules: [],
    ownership: 'BucketOwnerEnforced',
    tags: new Map(),
  }
  s3Buckets(world).set(spec.name, bucket)
  return bucket
}

export function deleteBucket(world: World, name: string): void {
  s3Buckets(world).delete(name)
}
