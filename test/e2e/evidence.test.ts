// Issue 12, "Must show": after apply, the evidence cannot be erased by the log-archive account's own
// administrator, every writer writes only where it should, and any use of a root user — member or
// management account, sign-in or API call, in any target region, or a privileged AssumeRoot session —
// produces exactly one readable alert.
import {
  CloudFormationClient,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation'
import {
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { findBucket } from '../../src/sandbox/services/s3/buckets.ts'
import type { SnsPublication } from '../../src/sandbox/services/sns-publish.ts'
import { actAs, failure } from '../sandbox/helpers.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'
import { MEMBER_ACCOUNTS, recorderIn } from './stacksets-helpers.ts'

const test = suite('evidence: log buckets that hold, alerts on root')

const MANAGEMENT = '111111111111'
const LOG_ARCHIVE = '333333333333'
const WORKLOAD = '555555555555'
const TRAIL_BUCKET = `org-baseline-trail-${LOG_ARCHIVE}-us-east-1`
const CONFIG_BUCKET = `org-baseline-config-${LOG_ARCHIVE}-us-east-1`
const ADMIN_ROLE = 'OrganizationAccountAccessRole'

/** An S3 client acting as an account's administrator (path-style: the sandbox listens on 127.0.0.1). */
const adminS3 = (sandbox: Sandbox, account: string) =>
  new S3Client({ ...actAs(sandbox, account, ADMIN_ROLE), forcePathStyle: true })

/** Marks every request of the client as made over plain HTTP (the sandbox's header for aws:SecureTransport). */
function overPlainHttp(client: S3Client): S3Client {
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers: Record<string, string> }
      request.headers['x-sandbox-plain-http'] = 'true'
      return next(args)
    },
    { step: 'build', name: 'plainHttp' },
  )
  return client
}

interface Delivery {
  service: string
  account: string
  bucket: string
  key: string
  sourceArn?: string
}

/** A service's delivery into a bucket (the `s3/deliver` control): the object's retention, or the refusal's code. */
function deliver(sandbox: Sandbox, delivery: Delivery): { retention?: { mode: string } } | string {
  try {
    return sandbox.control('s3', 'deliver', { ...delivery }) as { retention?: { mode: string } }
  } catch (error) {
    return (error as { code?: string }).code ?? String(error)
  }
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

    // The organization trail delivers under its pinned prefixes (a real object, locked by the bucket's
    // default retention), nowhere else; a member's own trail cannot write there.
    const log = `AWSLogs/${org}/${WORKLOAD}/CloudTrail/us-east-1/2026/11/30/x.json.gz`
    const trailArn = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-baseline`
    const ct = 'cloudtrail.amazonaws.com'
    const trailWrites: [Delivery, 'written' | string, string][] = [
      [
        { service: ct, account: MANAGEMENT, sourceArn: trailArn, bucket: TRAIL_BUCKET, key: log },
        'written',
        'member logs under the org prefix',
      ],
      [
        {
          service: ct,
          account: MANAGEMENT,
          sourceArn: trailArn,
          bucket: TRAIL_BUCKET,
          key: `AWSLogs/${MANAGEMENT}/CloudTrail/x`,
        },
        'written',
        "the management account's own prefix",
      ],
      [
        { service: ct, account: MANAGEMENT, sourceArn: trailArn, bucket: TRAIL_BUCKET, key: 'elsewhere/x' },
        'AccessDenied',
        'outside AWSLogs/',
      ],
      [
        {
          service: ct,
          account: WORKLOAD,
          sourceArn: `arn:aws:cloudtrail:us-east-1:${WORKLOAD}:trail/org-baseline`,
          bucket: TRAIL_BUCKET,
          key: log,
        },
        'AccessDenied',
        "a member's own trail",
      ],
    ]
    for (const [delivery, expected, why] of trailWrites) {
      const outcome = deliver(sandbox, delivery)
      assert.is(typeof outcome === 'string' ? outcome : 'written', expected, why)
      if (typeof outcome !== 'string') assert.is(outcome.retention?.mode, 'COMPLIANCE', `${why}: locked`)
    }

    // Config delivers from every account and region to its own bucket (its writability check file is there);
    // one account cannot write under another's prefix.
    const admin = adminS3(sandbox, LOG_ARCHIVE)
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
      const checked = await admin.send(
        new ListObjectsV2Command({ Bucket: CONFIG_BUCKET, Prefix: `AWSLogs/${account}/Config/` }),
      )
      assert.ok(
        checked.Contents?.some((c) => c.Key?.endsWith('ConfigWritabilityCheckFile')),
        `${account}: Config wrote its check file`,
      )
    }
    const cfg = 'config.amazonaws.com'
    const configFile = `AWSLogs/${WORKLOAD}/Config/us-east-1/2026/11/30/x.json.gz`
    assert.is(
      typeof deliver(sandbox, { service: cfg, account: WORKLOAD, bucket: CONFIG_BUCKET, key: configFile }),
      'object',
    )
    assert.is(
      deliver(sandbox, {
        service: cfg,
        account: WORKLOAD,
        bucket: CONFIG_BUCKET,
        key: `AWSLogs/${MANAGEMENT}/Config/x`,
      }),
      'AccessDenied',
      "under another account's prefix",
    )

    // The log-archive account's administrator (AdministratorAccess) makes real S3 calls; the bucket policies
    // and Object Lock refuse each way of erasing the evidence.
    const [logVersion] = sandbox.control('s3', 'versions', { bucket: TRAIL_BUCKET, key: log }) as {
      versionId: string
    }[]
    const versionId = logVersion?.versionId
    const expiring = {
      Rules: [{ ID: 'gone', Status: 'Enabled' as const, Filter: { Prefix: '' }, Expiration: { Days: 1 } }],
    }
    const refused: [string, () => Promise<unknown>][] = [
      [
        'DeleteObject of a trail log',
        () => admin.send(new DeleteObjectCommand({ Bucket: TRAIL_BUCKET, Key: log })),
      ],
      [
        'DeleteObject of the log version (DeleteObjectVersion)',
        () => admin.send(new DeleteObjectCommand({ Bucket: TRAIL_BUCKET, Key: log, VersionId: versionId })),
      ],
      [
        'DeleteObjects of the log version',
        async () => {
          const out = await admin.send(
            new DeleteObjectsCommand({
              Bucket: TRAIL_BUCKET,
              Delete: { Objects: [{ Key: log, VersionId: versionId }] },
            }),
          )
          if (out.Errors?.[0]?.Code === 'AccessDenied')
            throw Object.assign(new Error('denied'), { name: 'AccessDenied' })
        },
      ],
      [
        'PutBucketLifecycleConfiguration expiring logs',
        () =>
          admin.send(
            new PutBucketLifecycleConfigurationCommand({
              Bucket: TRAIL_BUCKET,
              LifecycleConfiguration: expiring,
            }),
          ),
      ],
      [
        'PutBucketPolicy',
        () =>
          admin.send(
            new PutBucketPolicyCommand({
              Bucket: TRAIL_BUCKET,
              Policy: JSON.stringify({
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { AWS: LOG_ARCHIVE },
                    Action: 's3:*',
                    Resource: `arn:aws:s3:::${TRAIL_BUCKET}`,
                  },
                ],
              }),
            }),
          ),
      ],
      ['DeleteBucketPolicy', () => admin.send(new DeleteBucketPolicyCommand({ Bucket: TRAIL_BUCKET }))],
      [
        'PutObjectRetention shortening the lock',
        () =>
          admin.send(
            new PutObjectRetentionCommand({
              Bucket: TRAIL_BUCKET,
              Key: log,
              VersionId: versionId,
              BypassGovernanceRetention: true,
              Retention: {
                Mode: 'GOVERNANCE',
                RetainUntilDate: new Date(sandbox.world.clock.now() + 86_400_000),
              },
            }),
          ),
      ],
      [
        'DeleteObject of a Config file',
        () => admin.send(new DeleteObjectCommand({ Bucket: CONFIG_BUCKET, Key: configFile })),
      ],
      [
        "PutBucketPolicy on Config's bucket",
        () =>
          admin.send(
            new PutBucketPolicyCommand({
              Bucket: CONFIG_BUCKET,
              Policy: JSON.stringify({
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { AWS: LOG_ARCHIVE },
                    Action: 's3:*',
                    Resource: `arn:aws:s3:::${CONFIG_BUCKET}`,
                  },
                ],
              }),
            }),
          ),
      ],
      [
        "a workload account's admin writing into the trail bucket (cross-account)",
        () =>
          adminS3(sandbox, WORKLOAD).send(
            new PutObjectCommand({
              Bucket: TRAIL_BUCKET,
              Key: `AWSLogs/${org}/${WORKLOAD}/CloudTrail/forged.json.gz`,
              Body: '{}',
            }),
          ),
      ],
      [
        'a write over plain HTTP (aws:SecureTransport false)',
        () =>
          overPlainHttp(adminS3(sandbox, LOG_ARCHIVE)).send(
            new PutObjectCommand({ Bucket: TRAIL_BUCKET, Key: 'AWSLogs/plain.txt', Body: 'x' }),
          ),
      ],
    ]
    for (const [what, call] of refused) {
      const error = await failure(call())
      assert.is(error.name, 'AccessDenied', `${what}: denied (${error.message})`)
    }
    const read = await admin.send(new GetObjectCommand({ Bucket: TRAIL_BUCKET, Key: log }))
    assert.ok(read.Body, 'reading stays possible (the policy denies tampering, not everything)')
    assert.is(read.ObjectLockMode, 'COMPLIANCE')

    // CloudFormation may still reconfigure the bucket (the policy's aws:CalledVia exemption): the log-archive
    // stack updated by the same administrator changes the lifecycle its direct call could not.
    const cfn = new CloudFormationClient(actAs(sandbox, LOG_ARCHIVE, ADMIN_ROLE))
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'org-baseline-log-archive' })))
      .Stacks?.[0]
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'org-baseline-log-archive',
        UsePreviousTemplate: true,
        Capabilities: stack?.Capabilities,
        Parameters: (stack?.Parameters ?? []).map((p) =>
          p.ParameterKey === 'TransitionDays'
            ? { ParameterKey: 'TransitionDays', ParameterValue: String(Number(p.ParameterValue) + 1) }
            : { ParameterKey: p.ParameterKey, UsePreviousValue: true },
        ),
      }),
    )
    sandbox.world.clock.advance(10 * 60_000)
    const updated = (await cfn.send(new DescribeStacksCommand({ StackName: 'org-baseline-log-archive' })))
      .Stacks?.[0]
    assert.is(updated?.StackStatus, 'UPDATE_COMPLETE', updated?.StackStatusReason)
    const rules = await admin.send(new GetBucketLifecycleConfigurationCommand({ Bucket: TRAIL_BUCKET }))
    const days = Number(stack?.Parameters?.find((p) => p.ParameterKey === 'TransitionDays')?.ParameterValue)
    assert.is(rules.Rules?.[0]?.Transitions?.[0]?.Days, days + 1, 'the stack changed the lifecycle')
    const stillLocked = await failure(
      admin.send(new DeleteObjectCommand({ Bucket: TRAIL_BUCKET, Key: log, VersionId: versionId })),
    )
    assert.is(stillLocked.name, 'AccessDenied', 'the logs still cannot be deleted')

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
