// Issue 12, "Must show": after apply, the evidence cannot be erased by the log-archive account's own
// administrator, every writer writes only where it should, and any use of a root user — member or
// management account, sign-in or API call, in any target region, or a privileged AssumeRoot session —
// produces exactly one readable alert.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { authorize } from '../../src/policy/index.ts'
import type { PolicyDocument } from '../../src/policy/types.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { findBucket } from '../../src/sandbox/services/s3/buckets.ts'
import { resourcePolicyAllows, serviceContext } from '../../src/sandbox/services/service-access.ts'
import type { SnsPublication } from '../../src/sandbox/services/sns-publish.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'
import { MEMBER_ACCOUNTS, recorderIn } from './stacksets-helpers.ts'

const test = suite('evidence: log buckets that hold, alerts on root')

const MANAGEMENT = '111111111111'
const LOG_ARCHIVE = '333333333333'
const WORKLOAD = '555555555555'
const TRAIL_BUCKET = `org-baseline-trail-${LOG_ARCHIVE}-us-east-1`
const CONFIG_BUCKET = `org-baseline-config-${LOG_ARCHIVE}-us-east-1`
const ADMIN = `arn:aws:sts::${LOG_ARCHIVE}:assumed-role/OrganizationAccountAccessRole/admin`
const ADMINISTRATOR_ACCESS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
}

/** What the bucket policy lets the log-archive account's administrator (AdministratorAccess) do. */
function adminMay(sandbox: Sandbox, bucketName: string, action: string, resource: string): boolean {
  const bucket = findBucket(sandbox.world, bucketName)
  if (!bucket?.policy) throw new Error(`${bucketName} has no policy`)
  return authorize(
    {
      identity: [{ name: 'AdministratorAccess', document: ADMINISTRATOR_ACCESS }],
      resource: [{ name: bucketName, document: bucket.policy }],
      sameAccount: true,
    },
    {
      action,
      resource,
      principal: { type: 'AWS', arn: ADMIN, account: LOG_ARCHIVE },
      context: {
        'aws:PrincipalArn': `arn:aws:iam::${LOG_ARCHIVE}:role/OrganizationAccountAccessRole`,
        'aws:PrincipalAccount': LOG_ARCHIVE,
        'aws:SecureTransport': 'true',
      },
    },
  ).allowed
}

/** Whether a service may PutObject at `key` of the bucket for a writer in `account`. */
function serviceMayWrite(
  sandbox: Sandbox,
  bucketName: string,
  service: string,
  account: string,
  key: string,
  sourceArn?: string,
): boolean {
  const bucket = findBucket(sandbox.world, bucketName)
  return resourcePolicyAllows(bucket?.policy, bucketName, {
    service,
    action: 's3:PutObject',
    resource: `arn:aws:s3:::${bucketName}/${key}`,
    context: {
      ...serviceContext(sandbox.world, service, account, sourceArn),
      's3:x-amz-acl': 'bucket-owner-full-control',
    },
  })
}

const published = (sandbox: Sandbox) => sandbox.control('sns', 'published', {}) as SnsPublication[]

test('after apply: logs cannot be deleted or their bucket reconfigured by the log-archive admin; writers stay in their prefixes; Config delivers everywhere; root use alerts once, readably', async () => {
  await withSandbox({}, async (sandbox) => {
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    const org = sandbox.world.organizationId

    // The trail bucket is under Object Lock, compliance mode, one year (the default), SSE-KMS.
    const trailBucket = findBucket(sandbox.world, TRAIL_BUCKET)
    assert.equal(trailBucket?.objectLock, {
      enabled: true,
      defaultRetention: { mode: 'COMPLIANCE', years: 1 },
    })
    assert.is(trailBucket?.encryption.algorithm, 'aws:kms')
    assert.is(
      findBucket(sandbox.world, CONFIG_BUCKET)?.objectLock.enabled,
      false,
      'Config cannot use Object Lock',
    )

    const log = `AWSLogs/${org}/${WORKLOAD}/CloudTrail/us-east-1/2026/11/30/x.json.gz`
    const cases: [string, string, string][] = [
      ['s3:DeleteObject', `arn:aws:s3:::${TRAIL_BUCKET}/${log}`, 'a trail log'],
      ['s3:DeleteObjectVersion', `arn:aws:s3:::${TRAIL_BUCKET}/${log}`, 'a trail log version'],
      ['s3:PutLifecycleConfiguration', `arn:aws:s3:::${TRAIL_BUCKET}`, 'PutBucketLifecycleConfiguration'],
      ['s3:PutBucketPolicy', `arn:aws:s3:::${TRAIL_BUCKET}`, 'PutBucketPolicy'],
      ['s3:DeleteBucketPolicy', `arn:aws:s3:::${TRAIL_BUCKET}`, 'DeleteBucketPolicy'],
      ['s3:PutBucketVersioning', `arn:aws:s3:::${TRAIL_BUCKET}`, 'PutBucketVersioning'],
      ['s3:PutEncryptionConfiguration', `arn:aws:s3:::${TRAIL_BUCKET}`, 'PutBucketEncryption'],
      ['s3:PutBucketObjectLockConfiguration', `arn:aws:s3:::${TRAIL_BUCKET}`, 'PutObjectLockConfiguration'],
      [
        's3:DeleteObject',
        `arn:aws:s3:::${CONFIG_BUCKET}/AWSLogs/${WORKLOAD}/Config/x.json.gz`,
        'a Config file',
      ],
      ['s3:PutBucketPolicy', `arn:aws:s3:::${CONFIG_BUCKET}`, "Config's bucket policy"],
    ]
    for (const [action, resource, what] of cases)
      assert.not.ok(
        adminMay(sandbox, resource.split(':::')[1]?.split('/')[0] ?? '', action, resource),
        `${what}: denied`,
      )
    assert.ok(
      adminMay(sandbox, TRAIL_BUCKET, 's3:GetObject', `arn:aws:s3:::${TRAIL_BUCKET}/${log}`),
      'reading stays possible (the policy denies tampering, not everything)',
    )

    // The organization trail writes under its pinned prefixes, nowhere else.
    const trailArn = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-baseline`
    const ct = 'cloudtrail.amazonaws.com'
    assert.ok(
      serviceMayWrite(sandbox, TRAIL_BUCKET, ct, MANAGEMENT, log, trailArn),
      'member logs under the org prefix',
    )
    assert.ok(
      serviceMayWrite(sandbox, TRAIL_BUCKET, ct, MANAGEMENT, `AWSLogs/${MANAGEMENT}/CloudTrail/x`, trailArn),
      "the management account's own prefix",
    )
    assert.not.ok(
      serviceMayWrite(sandbox, TRAIL_BUCKET, ct, MANAGEMENT, 'elsewhere/x', trailArn),
      'outside AWSLogs/',
    )
    const otherTrail = `arn:aws:cloudtrail:us-east-1:${WORKLOAD}:trail/org-baseline`
    assert.not.ok(
      serviceMayWrite(sandbox, TRAIL_BUCKET, ct, WORKLOAD, log, otherTrail),
      "a member's own trail",
    )

    // Config delivers from every account and region to its own bucket; one account cannot write under another's prefix.
    for (const account of [...MEMBER_ACCOUNTS, MANAGEMENT]) {
      for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
        const view = recorderIn(sandbox, account, region)
        assert.is(
          view.channel?.s3BucketName,
          CONFIG_BUCKET,
          `${account} ${region} delivers to Config's bucket`,
        )
        assert.ok(view.recorder?.recording, `${account} ${region} records`)
      }
    }
    const cfg = 'config.amazonaws.com'
    assert.ok(serviceMayWrite(sandbox, CONFIG_BUCKET, cfg, WORKLOAD, `AWSLogs/${WORKLOAD}/Config/x`))
    assert.not.ok(
      serviceMayWrite(sandbox, CONFIG_BUCKET, cfg, WORKLOAD, `AWSLogs/${MANAGEMENT}/Config/x`),
      "under another account's prefix",
    )

    // Root activity: exactly one readable message on the alert topic of the account and region.
    const events: [string, string, Record<string, string>, RegExp][] = [
      [WORKLOAD, 'us-east-1', { kind: 'root-sign-in' }, /ConsoleLogin \(signin\.amazonaws\.com, Success\)/],
      [
        WORKLOAD,
        'us-east-1',
        { kind: 'root-sign-in-failure' },
        /ConsoleLogin \(signin\.amazonaws\.com, Failure\)/,
      ],
      [WORKLOAD, 'eu-west-1', { kind: 'root-api-call', eventName: 'RunInstances' }, /RunInstances/],
      [
        WORKLOAD,
        'ap-southeast-2',
        { kind: 'assume-root-session', service: 's3', eventName: 'DeleteBucketPolicy' },
        /DeleteBucketPolicy .*Privileged root session \(sts:AssumeRoot\): true/,
      ],
      [MANAGEMENT, 'us-east-1', { kind: 'root-sign-in' }, /ConsoleLogin/],
      [
        MANAGEMENT,
        'eu-west-1',
        { kind: 'root-api-call', service: 'iam', eventName: 'CreateAccessKey' },
        /CreateAccessKey/,
      ],
      [
        MANAGEMENT,
        'ap-southeast-2',
        { kind: 'assume-root-session', eventName: 'TerminateInstances' },
        /TerminateInstances/,
      ],
    ]
    for (const [account, region, args, text] of events) {
      const before = published(sandbox).length
      sandbox.control('cloudtrail', 'emitEvent', {
        account,
        region,
        sourceIPAddress: '198.51.100.7',
        ...args,
      })
      const messages = published(sandbox).slice(before)
      assert.is(messages.length, 1, `${args.kind} in ${account} ${region}: one message`)
      const [message] = messages
      assert.is(message?.topicArn, `arn:aws:sns:${region}:${account}:org-baseline-root-sign-in`)
      const body = message?.message ?? ''
      assert.match(body, `The root user of account ${account} was used in region ${region}: `)
      assert.match(body, text)
      assert.match(body, 'from IP address 198.51.100.7 at 20')
      assert.not.match(body, '{', 'plain words, not the raw event')
    }
  })
})

test.run()
