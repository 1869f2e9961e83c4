// The S3 API as the SDK's S3 client meets it (restXml, path-style): objects and versions, delete markers,
// Object Lock (COMPLIANCE holds against everyone, GOVERNANCE yields to a bypass the caller may use), bucket
// policy / lifecycle / Object Lock configuration, and authorization by identity policy, bucket policy
// (same-account vs cross-account, explicit deny wins, the owner's root keeps the bucket policy) and SCPs.
import {
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { createBucket } from '../../src/sandbox/services/s3/buckets.ts'
import { actAs, type ClientConfig, failure } from './helpers.ts'

const OWNER = '333333333333'
const OTHER = '555555555555'
const ADMIN_ROLE = 'OrganizationAccountAccessRole'

let sandbox: Sandbox
const s3 = (config: ClientConfig) => new S3Client({ ...config, forcePathStyle: true })
let admin: S3Client

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const future = (days: number) => new Date(sandbox.world.clock.now() + days * 86_400_000)

function bucket(name: string, lock?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number }) {
  const made = createBucket(sandbox.world, { name, account: OWNER, region: 'us-east-1' })
  made.versioning = 'Enabled'
  if (lock) made.objectLock = { enabled: true, defaultRetention: { mode: lock.mode, days: lock.days } }
  return made
}

test.before(async () => {
  sandbox = await startSandbox()
  admin = s3(actAs(sandbox, OWNER, ADMIN_ROLE))
})
test.after(() => sandbox.close())

test('objects: put, get, head, list; a plain delete on a versioned bucket adds a delete marker; versions stay listed', async () => {
  bucket('plain-versioned')
  const put = await admin.send(
    new PutObjectCommand({ Bucket: 'plain-versioned', Key: 'a/b.txt', Body: 'hello' }),
  )
  assert.ok(put.VersionId, 'a versioned bucket names the version')
  const got = await admin.send(new GetObjectCommand({ Bucket: 'plain-versioned', Key: 'a/b.txt' }))
  assert.is(await got.Body?.transformToString(), 'hello')
  const head = await admin.send(new HeadObjectCommand({ Bucket: 'plain-versioned', Key: 'a/b.txt' }))
  assert.is(head.ContentLength, 5)
  const listed = await admin.send(new ListObjectsV2Command({ Bucket: 'plain-versioned', Prefix: 'a/' }))
  assert.equal(
    listed.Contents?.map((c) => c.Key),
    ['a/b.txt'],
  )
  const deleted = await admin.send(new DeleteObjectCommand({ Bucket: 'plain-versioned', Key: 'a/b.txt' }))
  assert.is(deleted.DeleteMarker, true)
  const gone = await failure(admin.send(new GetObjectCommand({ Bucket: 'plain-versioned', Key: 'a/b.txt' })))
  assert.is(gone.name, 'NoSuchKey')
  assert.is(gone.status, 404)
  const versions = await admin.send(new ListObjectVersionsCommand({ Bucket: 'plain-versioned' }))
  assert.is(versions.Versions?.length, 1)
  assert.is(versions.DeleteMarkers?.length, 1)
  assert.is(versions.DeleteMarkers?.[0]?.IsLatest, true)
  const old = await admin.send(
    new GetObjectCommand({ Bucket: 'plain-versioned', Key: 'a/b.txt', VersionId: put.VersionId }),
  )
  assert.is(await old.Body?.transformToString(), 'hello', 'the old version is still there')
  const bucketNotEmpty = await failure(admin.send(new DeleteBucketCommand({ Bucket: 'plain-versioned' })))
  assert.is(bucketNotEmpty.name, 'BucketNotEmpty')
  assert.is(bucketNotEmpty.status, 409)
})

test('Object Lock COMPLIANCE: a version cannot be deleted or its retention shortened, even by the root user; a plain delete adds a marker', async () => {
  bucket('locked-compliance', { mode: 'COMPLIANCE', days: 30 })
  const put = await admin.send(new PutObjectCommand({ Bucket: 'locked-compliance', Key: 'log', Body: 'x' }))
  const retention = await admin.send(
    new GetObjectRetentionCommand({ Bucket: 'locked-compliance', Key: 'log', VersionId: put.VersionId }),
  )
  assert.is(retention.Retention?.Mode, 'COMPLIANCE', 'the default retention applies')
  const denied = await failure(
    admin.send(
      new DeleteObjectCommand({ Bucket: 'locked-compliance', Key: 'log', VersionId: put.VersionId }),
    ),
  )
  assert.is(denied.name, 'AccessDenied')
  assert.is(denied.status, 403)
  assert.match(denied.message, 'object lock')
  const shorten = await failure(
    admin.send(
      new PutObjectRetentionCommand({
        Bucket: 'locked-compliance',
        Key: 'log',
        VersionId: put.VersionId,
        BypassGovernanceRetention: true,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: future(1) },
      }),
    ),
  )
  assert.is(shorten.name, 'AccessDenied', 'COMPLIANCE cannot be shortened, bypass or not')
  await admin.send(
    new PutObjectRetentionCommand({
      Bucket: 'locked-compliance',
      Key: 'log',
      VersionId: put.VersionId,
      Retention: { Mode: 'COMPLIANCE', RetainUntilDate: future(90) },
    }),
  )
  const marker = await admin.send(new DeleteObjectCommand({ Bucket: 'locked-compliance', Key: 'log' }))
  assert.is(marker.DeleteMarker, true, 'delete markers are not protected')
})

test('Object Lock GOVERNANCE: deleting a version needs x-amz-bypass-governance-retention and s3:BypassGovernanceRetention', async () => {
  bucket('locked-governance', { mode: 'GOVERNANCE', days: 30 })
  const put = await admin.send(new PutObjectCommand({ Bucket: 'locked-governance', Key: 'log', Body: 'x' }))
  const without = await failure(
    admin.send(
      new DeleteObjectCommand({ Bucket: 'locked-governance', Key: 'log', VersionId: put.VersionId }),
    ),
  )
  assert.is(without.name, 'AccessDenied', 'no bypass header')
  sandbox.control('iam', 'put-role', {
    account: OWNER,
    name: 'no-bypass',
    trustPolicy: JSON.parse(
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 'sts:AssumeRole' }),
    ),
    policies: {
      s3: JSON.parse(
        doc(
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Effect: 'Deny', Action: 's3:BypassGovernanceRetention', Resource: '*' },
        ),
      ),
    },
  })
  const limited = s3(actAs(sandbox, OWNER, 'no-bypass'))
  const noPermission = await failure(
    limited.send(
      new DeleteObjectCommand({
        Bucket: 'locked-governance',
        Key: 'log',
        VersionId: put.VersionId,
        BypassGovernanceRetention: true,
      }),
    ),
  )
  assert.is(noPermission.name, 'AccessDenied', 'the header without the permission')
  assert.match(noPermission.message, 's3:BypassGovernanceRetention')
  await admin.send(
    new DeleteObjectCommand({
      Bucket: 'locked-governance',
      Key: 'log',
      VersionId: put.VersionId,
      BypassGovernanceRetention: true,
    }),
  )
  const versions = await admin.send(new ListObjectVersionsCommand({ Bucket: 'locked-governance' }))
  assert.is(versions.Versions, undefined, 'the version is gone')
})

test('bucket configuration: policy, lifecycle and Object Lock configuration round-trip; absent ones answer S3’s 404 codes', async () => {
  bucket('configured')
  const none = await failure(admin.send(new GetBucketPolicyCommand({ Bucket: 'configured' })))
  assert.is(none.name, 'NoSuchBucketPolicy')
  const policy = doc({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::configured/*',
  })
  await admin.send(new PutBucketPolicyCommand({ Bucket: 'configured', Policy: policy }))
  const read = await admin.send(new GetBucketPolicyCommand({ Bucket: 'configured' }))
  assert.equal(JSON.parse(read.Policy ?? ''), JSON.parse(policy))
  const malformed = await failure(
    admin.send(
      new PutBucketPolicyCommand({ Bucket: 'configured', Policy: '{"Statement":[{"Effect":"Allow"}]}' }),
    ),
  )
  assert.is(malformed.name, 'MalformedPolicy')
  await admin.send(new DeleteBucketPolicyCommand({ Bucket: 'configured' }))

  const noRules = await failure(
    admin.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'configured' })),
  )
  assert.is(noRules.name, 'NoSuchLifecycleConfiguration')
  await admin.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: 'configured',
      LifecycleConfiguration: {
        Rules: [
          {
            ID: 'cold',
            Status: 'Enabled',
            Filter: { Prefix: 'AWSLogs/' },
            Transitions: [{ Days: 90, StorageClass: 'GLACIER' }],
          },
        ],
      },
    }),
  )
  const rules = await admin.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'configured' }))
  assert.equal(rules.Rules?.[0]?.Transitions, [{ Days: 90, StorageClass: 'GLACIER' }])

  const noLock = await failure(admin.send(new GetObjectLockConfigurationCommand({ Bucket: 'configured' })))
  assert.is(noLock.name, 'ObjectLockConfigurationNotFoundError')
  await admin.send(
    new PutObjectLockConfigurationCommand({
      Bucket: 'configured',
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 5 } },
      },
    }),
  )
  const lock = await admin.send(new GetObjectLockConfigurationCommand({ Bucket: 'configured' }))
  assert.equal(lock.ObjectLockConfiguration?.Rule?.DefaultRetention, { Mode: 'GOVERNANCE', Days: 5 })
  const missing = await failure(admin.send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket-here' })))
  assert.is(missing.name, 'NoSuchBucket')
  assert.is(missing.status, 404)
})

test('authorization: cross-account needs the bucket policy; an explicit deny in it wins over the owner’s admin; the owner’s root keeps the policy', async () => {
  bucket('shared')
  const other = s3(actAs(sandbox, OTHER, ADMIN_ROLE))
  const crossWrite = await failure(
    other.send(new PutObjectCommand({ Bucket: 'shared', Key: 'x', Body: 'x' })),
  )
  assert.is(crossWrite.name, 'AccessDenied', 'another account, no bucket policy')
  await admin.send(
    new PutBucketPolicyCommand({
      Bucket: 'shared',
      Policy: doc(
        {
          Sid: 'OtherWrites',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::shared/in/*',
        },
        {
          Sid: 'NoDeletes',
          Effect: 'Deny',
          Principal: '*',
          Action: ['s3:DeleteObject', 's3:PutBucketPolicy'],
          Resource: ['arn:aws:s3:::shared', 'arn:aws:s3:::shared/*'],
        },
      ),
    }),
  )
  await other.send(new PutObjectCommand({ Bucket: 'shared', Key: 'in/x', Body: 'x' }))
  const outside = await failure(
    other.send(new PutObjectCommand({ Bucket: 'shared', Key: 'out/x', Body: 'x' })),
  )
  assert.is(outside.name, 'AccessDenied', 'outside the granted prefix')
  const ownDelete = await failure(admin.send(new DeleteObjectCommand({ Bucket: 'shared', Key: 'in/x' })))
  assert.is(ownDelete.name, 'AccessDenied', 'the bucket policy denies the owner’s admin')
  const batch = await admin.send(
    new DeleteObjectsCommand({ Bucket: 'shared', Delete: { Objects: [{ Key: 'in/x' }] } }),
  )
  assert.is(batch.Errors?.[0]?.Code, 'AccessDenied', 'DeleteObjects is judged per key')
  const notOwner = await failure(other.send(new GetBucketPolicyCommand({ Bucket: 'shared' })))
  assert.is(notOwner.name, 'AccessDenied', 'no Allow for GetBucketPolicy across accounts')
})

test.run()
