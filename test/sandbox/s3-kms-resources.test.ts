// S3 buckets and KMS keys as CloudFormation makes them, through the real SDK: S3's naming rules and its one
// global namespace, bucket policies as S3's PutBucketPolicy judges them, Block Public Access, Object Lock,
// key policies with KMS's lockout check, and drift when a bucket policy changes out of band.
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
} from '@aws-sdk/client-cloudformation'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { s3Buckets } from '../../src/sandbox/services/s3/buckets.ts'
import { management, member } from './helpers.ts'

const LOG_ARCHIVE = '333333333333'

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('s3-kms-resources')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

/** Creates a stack from resources; returns its status and the first failed resource's reason. */
async function stack(
  cfn: CloudFormationClient,
  sandbox: Sandbox,
  name: string,
  resources: Record<string, unknown>,
) {
  await cfn.send(
    new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify({ Resources: resources }) }),
  )
  sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: name }))
  const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: name }))
  const failed = StackEvents?.find((e) => e.ResourceStatus === 'CREATE_FAILED')
  return { status: Stacks?.[0]?.StackStatus, reason: failed?.ResourceStatusReason ?? '' }
}

const bucket = (name: string, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::S3::Bucket',
  Properties: { BucketName: name, ...extra },
})

const policy = (bucketName: string, statement: Record<string, unknown>) => ({
  Type: 'AWS::S3::BucketPolicy',
  Properties: { Bucket: bucketName, PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
})

test('bucket names: S3’s rules, and one global namespace across accounts', async ({ sandbox }) => {
  const cfn = new CloudFormationClient(management(sandbox))
  // Each: a name S3 refuses, and the rule (S3 user guide, general purpose bucket naming rules).
  const invalid: Array<[string, string]> = [
    ['Upper-Case', 'lowercase only'],
    ['ab', 'at least 3 characters'],
    ['a..b', 'no adjacent periods'],
    ['192.168.5.4', 'not an IP address'],
    ['xn--bucket', 'reserved prefix xn--'],
    ['bucket-s3alias', 'reserved suffix -s3alias'],
  ]
  for (const [name, rule] of invalid) {
    const result = await stack(cfn, sandbox, `bad-${rule.replace(/[^a-z0-9]/gi, '')}`, { B: bucket(name) })
    assert.is(result.status, 'ROLLBACK_COMPLETE', rule)
    assert.match(result.reason, /The specified bucket is not valid\..*Error Code: InvalidBucketName/, rule)
  }
  assert.is((await stack(cfn, sandbox, 'first', { B: bucket('org-shared-name') })).status, 'CREATE_COMPLETE')
  const other = new CloudFormationClient(await member(sandbox, LOG_ARCHIVE))
  const taken = await stack(other, sandbox, 'second', { B: bucket('org-shared-name') })
  assert.is(taken.status, 'ROLLBACK_COMPLETE', 'the name is taken in every account')
  assert.match(taken.reason, /^org-shared-name already exists .*BucketAlreadyExists/)
})

// Each: a bucket policy statement S3 refuses with MalformedPolicy, and why.
const malformed: Array<{ why: string; statement: Record<string, unknown>; message: RegExp }> = [
  {
    why: 'a bucket policy needs a Principal',
    statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::policy-bucket/*' },
    message: /Missing required field Principal/,
  },
  {
    why: 'resources must be this bucket or its objects',
    statement: {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::another-bucket/*',
    },
    message: /Policy has invalid resource/,
  },
  {
    why: 'actions must be S3 actions',
    statement: {
      Effect: 'Allow',
      Principal: '*',
      Action: 'sns:Publish',
      Resource: 'arn:aws:s3:::policy-bucket',
    },
    message: /Policy has invalid action/,
  },
  {
    why: 'an object action on the bucket ARN alone applies to nothing',
    statement: {
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::policy-bucket',
    },
    message: /Action does not apply to any resource\(s\) in statement/,
  },
  {
    why: 'a condition operator IAM does not know',
    statement: {
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: 'arn:aws:s3:::policy-bucket',
      Condition: { StringEqualz: { 'aws:SourceAccount': '111111111111' } },
    },
    message: /Invalid policy syntax/,
  },
]

for (const { why, statement, message } of malformed) {
  test(`MalformedPolicy: ${why}`, async ({ sandbox }) => {
    const cfn = new CloudFormationClient(management(sandbox))
    const result = await stack(cfn, sandbox, 'policy', {
      B: bucket('policy-bucket'),
      P: { ...policy('policy-bucket', statement), DependsOn: 'B' },
    })
    assert.is(result.status, 'ROLLBACK_COMPLETE')
    assert.match(result.reason, message)
    assert.match(result.reason, /Error Code: MalformedPolicy/)
  })
}

test('Block Public Access refuses a public bucket policy; a source condition makes it not public', async ({
  sandbox,
}) => {
  const cfn = new CloudFormationClient(management(sandbox))
  const blocked = {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
  }
  const open = {
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::public-bucket/*',
  }
  const refused = await stack(cfn, sandbox, 'public', {
    B: bucket('public-bucket', blocked),
    P: { ...policy('public-bucket', open), DependsOn: 'B' },
  })
  assert.match(refused.reason, /Access Denied.*Error Code: AccessDenied/)
  const pinned = {
    ...open,
    Condition: { StringEquals: { 'aws:PrincipalOrgID': sandbox.world.organizationId } },
  }
  const accepted = await stack(cfn, sandbox, 'pinned', {
    B: bucket('pinned-bucket', blocked),
    P: {
      ...policy('pinned-bucket', { ...pinned, Resource: 'arn:aws:s3:::pinned-bucket/*' }),
      DependsOn: 'B',
    },
  })
  assert.is(accepted.status, 'CREATE_COMPLETE')
})

test('Object Lock: the bucket is versioned and keeps its default retention', async ({ sandbox }) => {
  const cfn = new CloudFormationClient(management(sandbox))
  const result = await stack(cfn, sandbox, 'locked', {
    B: bucket('locked-bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 1 } },
      },
    }),
  })
  assert.is(result.status, 'CREATE_COMPLETE')
  const state = sandbox.control('s3', 'describeBucket', { name: 'locked-bucket' }) as {
    versioning: string
    objectLock: unknown
  }
  assert.is(state.versioning, 'Enabled')
  assert.equal(state.objectLock, { enabled: true, defaultRetention: { mode: 'COMPLIANCE', years: 1 } })
  const both = await stack(cfn, sandbox, 'both', {
    B: bucket('both-bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1, Years: 1 } },
      },
    }),
  })
  assert.is(both.status, 'ROLLBACK_COMPLETE', 'a default retention names Days or Years, not both')
})

test('a key policy that would lock the account out is refused; a default key gets KMS’s default policy', async ({
  sandbox,
}) => {
  const cfn = new CloudFormationClient(management(sandbox))
  const lockout = await stack(cfn, sandbox, 'lockout', {
    K: {
      Type: 'AWS::KMS::Key',
      Properties: {
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:GenerateDataKey*',
              Resource: '*',
            },
          ],
        },
      },
    },
  })
  assert.match(
    lockout.reason,
    /will not allow you to update the key policy in the future.*MalformedPolicyDocumentException/,
  )
  const plain = await stack(cfn, sandbox, 'plain', {
    K: { Type: 'AWS::KMS::Key', Properties: {} },
    A: {
      Type: 'AWS::KMS::Alias',
      Properties: { AliasName: 'alias/org-baseline', TargetKeyId: { Ref: 'K' } },
    },
  })
  assert.is(plain.status, 'CREATE_COMPLETE')
  const reserved = await stack(cfn, sandbox, 'reserved', {
    K: { Type: 'AWS::KMS::Key', Properties: {} },
    A: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/aws/mine', TargetKeyId: { Ref: 'K' } } },
  })
  assert.is(reserved.status, 'ROLLBACK_COMPLETE', 'alias/aws/ is reserved for AWS managed keys')
})

test('drift: a bucket policy removed out of band reads as DELETED, changed versioning as MODIFIED', async ({
  sandbox,
}) => {
  const cfn = new CloudFormationClient(management(sandbox))
  const statement = {
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::drift-bucket', 'arn:aws:s3:::drift-bucket/*'],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  }
  await stack(cfn, sandbox, 'drift', {
    B: bucket('drift-bucket', { VersioningConfiguration: { Status: 'Enabled' } }),
    P: { ...policy('drift-bucket', statement), DependsOn: 'B' },
  })
  sandbox.control('s3', 'deleteBucketPolicy', { name: 'drift-bucket' })
  // Someone suspends versioning by hand.
  const drifted = s3Buckets(sandbox.world).get('drift-bucket')
  if (drifted) drifted.versioning = 'Suspended'
  await cfn.send(new DetectStackDriftCommand({ StackName: 'drift' }))
  sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
  const { StackResourceDrifts } = await cfn.send(
    new DescribeStackResourceDriftsCommand({ StackName: 'drift' }),
  )
  const status = Object.fromEntries(
    (StackResourceDrifts ?? []).map((d) => [d.LogicalResourceId, d.StackResourceDriftStatus]),
  )
  assert.equal(status, { B: 'MODIFIED', P: 'DELETED' })
})

test.run()
