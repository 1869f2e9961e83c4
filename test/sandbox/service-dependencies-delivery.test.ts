// Where CloudTrail and AWS Config deliver, through the real SDK: a missing bucket or a bucket policy that
// does not let the service write is refused with AWS's errors, and the shipped log-archive template (deployed
// as the tool deploys it, an ordinary stack in the log-archive account) makes both deliveries succeed.
import { readFileSync } from 'node:fs'
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation'
import {
  CloudTrailClient,
  CreateTrailCommand,
  StartLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail'
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  PutConfigurationAggregatorCommand,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
} from '@aws-sdk/client-config-service'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

const MANAGEMENT = '111111111111'
const LOG_ARCHIVE = '333333333333'
const WORKLOAD = '555555555556'
const BUCKET = 'org-baseline-trail-333333333333-us-east-1'
const CONFIG_BUCKET = 'org-baseline-config-333333333333-us-east-1'
const TRAIL = 'org-baseline'
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/${TRAIL}`
const CONFIG_ROLE = (account: string) =>
  `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('service-dependencies-delivery')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
  // What the tool enables before its trail and recorders (AWS then makes the service-linked roles).
  for (const principal of ['cloudtrail.amazonaws.com', 'config.amazonaws.com'])
    ctx.sandbox.world.trustedAccess.set(principal, ctx.sandbox.world.clock.date())
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

async function deployLogArchive(sandbox: Sandbox, mode: 'organization' | 'account' = 'organization') {
  const cfn = new CloudFormationClient(await member(sandbox, LOG_ARCHIVE))
  const parameters: Record<string, string> = {
    BucketName: BUCKET,
    ConfigBucketName: CONFIG_BUCKET,
    AccessLogBucketName: 'org-baseline-access-logs-333333333333-us-east-1',
    RetentionMode: 'COMPLIANCE',
    RetentionDays: '365',
    RetentionYears: '1',
    TransitionDays: '90',
    BreakGlassRoleArns: '',
    HasBreakGlassRoles: 'false',
    ReaderRoleArns: '',
    HasReaderRoles: 'false',
    OrganizationId: sandbox.world.organizationId,
    ManagementAccountId: MANAGEMENT,
    TrailName: TRAIL,
    TrailRegion: 'us-east-1',
    TrailMode: mode,
  }
  await cfn.send(
    new CreateStackCommand({
      StackName: 'org-baseline-log-archive',
      TemplateBody: readFileSync('stacksets/log-archive.yaml', 'utf8'),
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
    }),
  )
  sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'org-baseline-log-archive' }))
  assert.is(Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE', Stacks?.[0]?.StackStatusReason)
}

const orgTrail = (bucket = BUCKET) =>
  new CreateTrailCommand({
    Name: TRAIL,
    S3BucketName: bucket,
    IsMultiRegionTrail: true,
    IsOrganizationTrail: true,
  })

const orgTrailWith = (extra: { KmsKeyId?: string; SnsTopicName?: string }) =>
  new CreateTrailCommand({
    Name: TRAIL,
    S3BucketName: BUCKET,
    IsMultiRegionTrail: true,
    IsOrganizationTrail: true,
    ...extra,
  })

const bucketWith = (sandbox: Sandbox, statements: unknown[], name = BUCKET) =>
  sandbox.control('s3', 'createBucket', {
    name,
    account: LOG_ARCHIVE,
    ...(statements.length > 0 && { policy: { Version: '2012-10-17', Statement: statements } }),
  })

const cloudTrail = { Service: 'cloudtrail.amazonaws.com' }
const aclCheck = {
  Effect: 'Allow',
  Principal: cloudTrail,
  Action: 's3:GetBucketAcl',
  Resource: `arn:aws:s3:::${BUCKET}`,
}
const write = (folder: string, condition: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: cloudTrail,
  Action: 's3:PutObject',
  Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${folder}/*`,
  Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...condition } },
})

test('an organization trail to a bucket that does not exist is refused (S3BucketDoesNotExistException)', async ({
  sandbox,
}) => {
  const ct = new CloudTrailClient(management(sandbox))
  const error = await failure(ct.send(orgTrail('no-such-bucket-anywhere')))
  assert.is(error.name, 'S3BucketDoesNotExistException')
})

// Each case: a bucket policy CloudTrail's organization-trail guide would not accept, and why.
const insufficient: Array<{ reason: string; statements: () => unknown[] }> = [
  {
    reason: 'no bucket policy at all: S3 grants a service principal nothing by default',
    statements: () => [],
  },
  {
    reason: 'no s3:GetBucketAcl for CloudTrail (the guide’s AclCheck statement)',
    statements: () => [write(MANAGEMENT), write('o-sandbox0001')],
  },
  {
    reason:
      'an organization trail also writes under AWSLogs/<organization id>/ (CloudTrail guide, organization trails)',
    statements: () => [aclCheck, write(MANAGEMENT)],
  },
  {
    reason: 'aws:SourceArn names another trail',
    statements: () => [
      aclCheck,
      write(MANAGEMENT, { 'aws:SourceArn': `${TRAIL_ARN}-other` }),
      write('o-sandbox0001', { 'aws:SourceArn': `${TRAIL_ARN}-other` }),
    ],
  },
  {
    reason: 'an explicit deny wins over the allows',
    statements: () => [
      aclCheck,
      write(MANAGEMENT),
      write('o-sandbox0001'),
      { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
    ],
  },
]

for (const { reason, statements } of insufficient) {
  test(`an organization trail is refused (InsufficientS3BucketPolicyException): ${reason}`, async ({
    sandbox,
  }) => {
    assert.is(sandbox.world.organizationId, 'o-sandbox0001')
    bucketWith(sandbox, statements())
    const error = await failure(new CloudTrailClient(management(sandbox)).send(orgTrail()))
    assert.is(error.name, 'InsufficientS3BucketPolicyException')
    assert.is(error.message, `Incorrect S3 bucket policy is detected for bucket: ${BUCKET}`)
  })
}

test('the guide’s organization-trail policy is enough, with aws:SourceArn on the trail', async ({
  sandbox,
}) => {
  bucketWith(sandbox, [
    { ...aclCheck, Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } } },
    write(MANAGEMENT, { 'aws:SourceArn': TRAIL_ARN }),
    write('o-sandbox0001', { 'aws:SourceArn': TRAIL_ARN }),
  ])
  const trail = await new CloudTrailClient(management(sandbox)).send(orgTrail())
  assert.is(trail.TrailARN, TRAIL_ARN)
})

test('UpdateTrail to a bucket CloudTrail may not write to is refused too', async ({ sandbox }) => {
  await deployLogArchive(sandbox)
  const ct = new CloudTrailClient(management(sandbox))
  await ct.send(orgTrail())
  // Only the ACL check: CloudTrail could not write a log file there.
  bucketWith(
    sandbox,
    [{ ...aclCheck, Resource: 'arn:aws:s3:::org-baseline-elsewhere' }],
    'org-baseline-elsewhere',
  )
  const error = await failure(
    ct.send(new UpdateTrailCommand({ Name: TRAIL, S3BucketName: 'org-baseline-elsewhere' })),
  )
  assert.is(error.name, 'InsufficientS3BucketPolicyException')
})

test('the shipped log-archive template lets the organization trail and every account’s Config deliver', async ({
  sandbox,
}) => {
  await deployLogArchive(sandbox)
  const ct = new CloudTrailClient(management(sandbox))
  // Encrypted with the log key, named by its alias ARN as the tool names it (issue 12).
  await ct.send(orgTrailWith({ KmsKeyId: `arn:aws:kms:us-east-1:${LOG_ARCHIVE}:alias/org-baseline-logs` }))
  await ct.send(new StartLoggingCommand({ Name: TRAIL }))
  for (const account of [MANAGEMENT, WORKLOAD]) {
    const config = new ConfigServiceClient(
      account === MANAGEMENT ? management(sandbox) : await member(sandbox, account),
    )
    await config.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: { name: 'default', roleARN: CONFIG_ROLE(account) },
      }),
    )
    // Config has its own bucket: it does not deliver to one with Object Lock.
    await config.send(
      new PutDeliveryChannelCommand({
        DeliveryChannel: { name: 'default', s3BucketName: CONFIG_BUCKET },
      }),
    )
  }
})

test('in account mode the log-archive policy admits this organization’s trails of the configured name only', async ({
  sandbox,
}) => {
  await deployLogArchive(sandbox, 'account')
  const ct = new CloudTrailClient(await member(sandbox, WORKLOAD))
  await ct.send(new CreateTrailCommand({ Name: TRAIL, S3BucketName: BUCKET, IsMultiRegionTrail: true }))
  const other = await failure(ct.send(new CreateTrailCommand({ Name: 'someone-else', S3BucketName: BUCKET })))
  assert.is(other.name, 'InsufficientS3BucketPolicyException', 'aws:SourceArn names the baseline trail only')
})

test('a delivery channel to a missing bucket, or one whose policy lets Config write nothing, is refused', async ({
  sandbox,
}) => {
  const config = new ConfigServiceClient(await member(sandbox, WORKLOAD))
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: { name: 'default', roleARN: CONFIG_ROLE(WORKLOAD) },
    }),
  )
  const missing = await failure(
    config.send(
      new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: BUCKET } }),
    ),
  )
  assert.is(missing.name, 'NoSuchBucketException')
  // CloudTrail's statements only: nothing for config.amazonaws.com.
  bucketWith(sandbox, [aclCheck, write(WORKLOAD)])
  const denied = await failure(
    config.send(
      new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: BUCKET } }),
    ),
  )
  assert.is(denied.name, 'InsufficientDeliveryPolicyException')
  assert.is(
    denied.message,
    `Insufficient delivery policy to s3 bucket: ${BUCKET}, unable to write to bucket, provided s3 key prefix is 'null', provided kms key is 'null'.`,
  )
})

test('Config’s guide policy needs all three: ACL check, bucket listing and the write under AWSLogs/<account>/Config/', async ({
  sandbox,
}) => {
  const config = { Service: 'config.amazonaws.com' }
  const arn = `arn:aws:s3:::${BUCKET}`
  const account = { StringEquals: { 'aws:SourceAccount': WORKLOAD } }
  bucketWith(sandbox, [
    { Effect: 'Allow', Principal: config, Action: 's3:GetBucketAcl', Resource: arn, Condition: account },
    // s3:ListBucket (the guide's AWSConfigBucketExistenceCheck) is missing.
    {
      Effect: 'Allow',
      Principal: config,
      Action: 's3:PutObject',
      Resource: `${arn}/AWSLogs/${WORKLOAD}/Config/*`,
      Condition: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': WORKLOAD },
      },
    },
  ])
  const client = new ConfigServiceClient(await member(sandbox, WORKLOAD))
  await client.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: { name: 'default', roleARN: CONFIG_ROLE(WORKLOAD) },
    }),
  )
  const put = () =>
    client.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: BUCKET } }))
  assert.is((await failure(put())).name, 'InsufficientDeliveryPolicyException')
  sandbox.control('s3', 'putBucketPolicy', {
    name: BUCKET,
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: config,
          Action: ['s3:GetBucketAcl', 's3:ListBucket'],
          Resource: arn,
          Condition: account,
        },
        {
          Effect: 'Allow',
          Principal: config,
          Action: 's3:PutObject',
          Resource: `${arn}/AWSLogs/${WORKLOAD}/Config/*`,
          Condition: {
            StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': WORKLOAD },
          },
        },
      ],
    },
  })
  await put()
})

test('service-linked roles: an organization trail needs CloudTrail’s in the management account; a recorder naming Config’s needs it', async ({
  sandbox,
}) => {
  await deployLogArchive(sandbox)
  sandbox.control('iam', 'deleteServiceLinkedRole', {
    account: MANAGEMENT,
    name: 'AWSServiceRoleForCloudTrail',
  })
  const ct = new CloudTrailClient(management(sandbox))
  assert.is((await failure(ct.send(orgTrail()))).name, 'NoManagementAccountSLRExistsException')
  sandbox.control('iam', 'ensureServiceLinkedRole', {
    account: MANAGEMENT,
    name: 'AWSServiceRoleForCloudTrail',
  })
  await ct.send(orgTrail())

  sandbox.world.trustedAccess.delete('config.amazonaws.com')
  const config = new ConfigServiceClient(await member(sandbox, WORKLOAD))
  const noRole = await failure(
    config.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: { name: 'default', roleARN: CONFIG_ROLE(WORKLOAD) },
      }),
    ),
  )
  assert.is(
    noRole.name,
    'InvalidRoleException',
    'without trusted access (or CreateServiceLinkedRole) the role does not exist',
  )
})

test('a trail’s KMS key must exist and its key policy let CloudTrail encrypt; its SNS topic must let CloudTrail publish', async ({
  sandbox,
}) => {
  await deployLogArchive(sandbox)
  const ct = new CloudTrailClient(management(sandbox))
  const missingKey = `arn:aws:kms:us-east-1:${MANAGEMENT}:key/00000000-0000-0000-0000-000000000000`
  assert.is((await failure(ct.send(orgTrailWith({ KmsKeyId: missingKey })))).name, 'KmsKeyNotFoundException')
  const plain = sandbox.control('kms', 'createKey', { account: MANAGEMENT }) as { arn: string }
  const defaultPolicy = await failure(ct.send(orgTrailWith({ KmsKeyId: plain.arn })))
  assert.is(
    defaultPolicy.name,
    'InsufficientEncryptionPolicyException',
    'KMS’s default key policy names only the account',
  )
  const elsewhere = sandbox.control('kms', 'createKey', { account: MANAGEMENT, region: 'eu-west-1' }) as {
    arn: string
  }
  assert.is(
    (await failure(ct.send(orgTrailWith({ KmsKeyId: elsewhere.arn })))).name,
    'KmsKeyNotFoundException',
    'the key must be in the bucket’s region',
  )
  // The CloudTrail guide's key policy statement for encrypting logs.
  const key = sandbox.control('kms', 'createKey', {
    account: MANAGEMENT,
    alias: 'alias/org-baseline-trail',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'Allow CloudTrail to encrypt logs',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceArn': TRAIL_ARN },
            StringLike: {
              'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*`,
            },
          },
        },
      ],
    },
  }) as { arn: string }
  assert.ok(key.arn)
  const topicless = await failure(
    ct.send(orgTrailWith({ KmsKeyId: 'alias/org-baseline-trail', SnsTopicName: 'trail-news' })),
  )
  assert.is(topicless.name, 'InsufficientSnsTopicPolicyException', 'a topic that does not exist')
  const trail = await ct.send(orgTrailWith({ KmsKeyId: 'alias/org-baseline-trail' }))
  assert.is(trail.KmsKeyId, 'alias/org-baseline-trail')
})

test('an organization aggregator through Config’s service-linked role: the role must exist, and its loss fails the organization source', async ({
  sandbox,
}) => {
  // Trusted access is on already, so nothing recreates a role deleted by hand.
  sandbox.control('iam', 'deleteServiceLinkedRole', { account: MANAGEMENT, name: 'AWSServiceRoleForConfig' })
  const config = new ConfigServiceClient(management(sandbox))
  const put = () =>
    config.send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'org-baseline',
        OrganizationAggregationSource: { RoleArn: CONFIG_ROLE(MANAGEMENT), AllAwsRegions: true },
      }),
    )
  assert.is((await failure(put())).name, 'InvalidRoleException')
  sandbox.control('iam', 'ensureServiceLinkedRole', { account: MANAGEMENT, name: 'AWSServiceRoleForConfig' })
  await put()
  sandbox.control('iam', 'deleteServiceLinkedRole', { account: MANAGEMENT, name: 'AWSServiceRoleForConfig' })
  const { AggregatedSourceStatusList } = await config.send(
    new DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: 'org-baseline' }),
  )
  const organization = AggregatedSourceStatusList?.find((s) => s.SourceType === 'ORGANIZATION')
  assert.is(organization?.LastUpdateStatus, 'FAILED')
})

test.run()
