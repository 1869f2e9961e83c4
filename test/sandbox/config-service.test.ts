// AWS Config in the sandbox, through the real SDK client: the recorder / delivery channel / status
// lifecycle and its errors, recording-group validation, and who may put an organization aggregator.
import {
  ConfigServiceClient,
  DeleteConfigurationAggregatorCommand,
  DeleteConfigurationRecorderCommand,
  DeleteDeliveryChannelCommand,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribeConfigurationAggregatorsCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeDeliveryChannelsCommand,
  PutConfigurationAggregatorCommand,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  paginateDescribeConfigurationAggregators,
  StartConfigurationRecorderCommand,
  StopConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_SEED_FILE, type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { failure, management, member } from './helpers.ts'

const MANAGEMENT = '111111111111'
const ADMIN = '222222222222'
const LOG_ARCHIVE = '333333333333'
const OPT_IN_ACCOUNT = '555555555555'
const ROLE = (account: string) =>
  `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('config-service')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

const configAs = async (sandbox: Sandbox, account: string, region = 'us-east-1') =>
  new ConfigServiceClient(
    account === MANAGEMENT ? management(sandbox, region) : await member(sandbox, account, region),
  )

async function putRecorderAndChannel(client: ConfigServiceClient, account: string) {
  await client.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'default',
        roleARN: ROLE(account),
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    }),
  )
  await client.send(
    new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-logs' } }),
  )
}

test('a recorder starts only once a delivery channel exists, and reports its status', async ({ sandbox }) => {
  const config = await configAs(sandbox, LOG_ARCHIVE)
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: { name: 'default', roleARN: ROLE(LOG_ARCHIVE) },
    }),
  )
  const early = await failure(
    config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' })),
  )
  assert.is(early.name, 'NoAvailableDeliveryChannelException')
  await config.send(
    new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-logs' } }),
  )
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }))

  const status = await config.send(new DescribeConfigurationRecorderStatusCommand({}))
  const only = status.ConfigurationRecordersStatus?.[0]
  assert.is(only?.recording, true)
  assert.is(only?.lastStatus, 'Pending')
  assert.instance(only?.lastStartTime, Date)
  sandbox.world.clock.advance(5 * 60_000)
  const later = await config.send(new DescribeConfigurationRecorderStatusCommand({}))
  assert.is(later.ConfigurationRecordersStatus?.[0]?.lastStatus, 'Success')

  const recorders = await config.send(new DescribeConfigurationRecordersCommand({}))
  const group = recorders.ConfigurationRecorders?.[0]?.recordingGroup
  assert.equal(group?.recordingStrategy?.useOnly, 'ALL_SUPPORTED_RESOURCE_TYPES')
  assert.is(group?.includeGlobalResourceTypes, false, 'the default group leaves out global IAM types')
})

test('one recorder per account and region: a second name is refused, the same name updates', async ({
  sandbox,
}) => {
  const config = await configAs(sandbox, LOG_ARCHIVE)
  await putRecorderAndChannel(config, LOG_ARCHIVE)
  const second = await failure(
    config.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: { name: 'other', roleARN: ROLE(LOG_ARCHIVE) },
      }),
    ),
  )
  assert.is(second.name, 'MaxNumberOfConfigurationRecordersExceededException')
  assert.is(second.status, 400)
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'default',
        roleARN: ROLE(LOG_ARCHIVE),
        recordingGroup: { allSupported: true },
      },
    }),
  )
  const { ConfigurationRecorders } = await config.send(new DescribeConfigurationRecordersCommand({}))
  assert.is(ConfigurationRecorders?.length, 1)
  assert.is(ConfigurationRecorders?.[0]?.recordingGroup?.includeGlobalResourceTypes, false)
  const otherRegion = await configAs(sandbox, LOG_ARCHIVE, 'eu-west-1')
  const empty = await otherRegion.send(new DescribeConfigurationRecordersCommand({}))
  assert.equal(empty.ConfigurationRecorders, [], 'recorders are per region')
})

test('recording groups are validated as the API model says', async ({ sandbox }) => {
  const config = await configAs(sandbox, LOG_ARCHIVE)
  const put = (recordingGroup: Record<string, unknown>) =>
    failure(
      config.send(
        new PutConfigurationRecorderCommand({
          ConfigurationRecorder: { name: 'default', roleARN: ROLE(LOG_ARCHIVE), recordingGroup },
        }),
      ),
    )
  const globalWithoutAll = await put({
    allSupported: false,
    includeGlobalResourceTypes: true,
    resourceTypes: ['AWS::S3::Bucket'],
  })
  assert.is(globalWithoutAll.name, 'InvalidRecordingGroupException')
  const exclusionWrongStrategy = await put({
    allSupported: false,
    exclusionByResourceTypes: { resourceTypes: ['AWS::S3::Bucket'] },
    recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
  })
  assert.is(exclusionWrongStrategy.name, 'InvalidRecordingGroupException')
  const allEmpty = await put({ allSupported: false })
  assert.is(allEmpty.name, 'InvalidRecordingGroupException')
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'default',
        roleARN: ROLE(LOG_ARCHIVE),
        recordingGroup: {
          allSupported: false,
          exclusionByResourceTypes: { resourceTypes: ['AWS::IAM::User'] },
          recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
        },
      },
    }),
  )
  const badRole = await failure(
    config.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: { name: 'default', roleARN: 'not-an-arn' },
      }),
    ),
  )
  assert.is(badRole.name, 'InvalidRoleException')
})

test('delivery channels need a recorder and cannot be deleted while it records', async ({ sandbox }) => {
  const config = await configAs(sandbox, LOG_ARCHIVE)
  const orphan = await failure(
    config.send(
      new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-logs' } }),
    ),
  )
  assert.is(orphan.name, 'NoAvailableConfigurationRecorderException')
  await putRecorderAndChannel(config, LOG_ARCHIVE)
  const secondChannel = await failure(
    config.send(
      new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'other', s3BucketName: 'config-logs' } }),
    ),
  )
  assert.is(secondChannel.name, 'MaxNumberOfDeliveryChannelsExceededException')
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }))
  const whileRecording = await failure(
    config.send(new DeleteDeliveryChannelCommand({ DeliveryChannelName: 'default' })),
  )
  assert.is(whileRecording.name, 'LastDeliveryChannelDeleteFailedException')
  await config.send(new StopConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }))
  await config.send(new DeleteDeliveryChannelCommand({ DeliveryChannelName: 'default' }))
  const { DeliveryChannels } = await config.send(new DescribeDeliveryChannelsCommand({}))
  assert.equal(DeliveryChannels, [])
  await config.send(new DeleteConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }))
  const gone = await failure(
    config.send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] })),
  )
  assert.is(gone.name, 'NoSuchConfigurationRecorderException')
})

test('the stopRecorder control is drift the status shows', async ({ sandbox }) => {
  const config = await configAs(sandbox, LOG_ARCHIVE, 'eu-west-1')
  await putRecorderAndChannel(config, LOG_ARCHIVE)
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }))
  sandbox.control('config', 'stopRecorder', { account: LOG_ARCHIVE, region: 'eu-west-1' })
  const { ConfigurationRecordersStatus } = await config.send(
    new DescribeConfigurationRecorderStatusCommand({}),
  )
  assert.is(ConfigurationRecordersStatus?.[0]?.recording, false)
  assert.instance(ConfigurationRecordersStatus?.[0]?.lastStopTime, Date)
})

test('an opt-in region the account has not enabled refuses the call', async ({ sandbox }) => {
  const disabled = await configAs(sandbox, LOG_ARCHIVE, 'ap-southeast-4')
  const refused = await failure(disabled.send(new DescribeConfigurationRecordersCommand({})))
  assert.is(refused.name, 'UnrecognizedClientException')
  const enabled = await configAs(sandbox, OPT_IN_ACCOUNT, 'ap-southeast-4')
  const answer = await enabled.send(new DescribeConfigurationRecordersCommand({}))
  assert.equal(answer.ConfigurationRecorders, [])
})

const orgAggregator = (account: string) =>
  new PutConfigurationAggregatorCommand({
    ConfigurationAggregatorName: 'org-baseline',
    OrganizationAggregationSource: {
      RoleArn: `arn:aws:iam::${account}:role/ConfigAggregator`,
      AllAwsRegions: true,
    },
  })

test('the management account may aggregate the organization, and Config enables trusted access itself', async ({
  sandbox,
}) => {
  assert.not.ok(sandbox.world.trustedAccess.has('config.amazonaws.com'))
  const config = await configAs(sandbox, MANAGEMENT)
  const { ConfigurationAggregator } = await config.send(orgAggregator(MANAGEMENT))
  assert.match(
    ConfigurationAggregator?.ConfigurationAggregatorArn ?? '',
    /^arn:aws:config:us-east-1:111111111111:config-aggregator\//,
  )
  assert.is(ConfigurationAggregator?.OrganizationAggregationSource?.AllAwsRegions, true)
  assert.ok(sandbox.world.trustedAccess.has('config.amazonaws.com'))
  const again = await config.send(orgAggregator(MANAGEMENT))
  assert.is(
    again.ConfigurationAggregator?.ConfigurationAggregatorArn,
    ConfigurationAggregator?.ConfigurationAggregatorArn,
  )
})

test('a member that is not a delegated administrator for both Config principals is refused', async ({
  sandbox,
}) => {
  const config = await configAs(sandbox, ADMIN)
  const notAdmin = await failure(config.send(orgAggregator(ADMIN)))
  assert.is(notAdmin.name, 'OrganizationAccessDeniedException')
  sandbox.world.trustedAccess.set('config.amazonaws.com', sandbox.world.clock.date())
  sandbox.world.delegatedAdmins.set('config.amazonaws.com', new Map([[ADMIN, sandbox.world.clock.date()]]))
  const halfRegistered = await failure(config.send(orgAggregator(ADMIN)))
  assert.is(halfRegistered.name, 'OrganizationAccessDeniedException')
  assert.match(halfRegistered.message, /config-multiaccountsetup\.amazonaws\.com/)
  sandbox.world.delegatedAdmins.set(
    'config-multiaccountsetup.amazonaws.com',
    new Map([[ADMIN, sandbox.world.clock.date()]]),
  )
  const { ConfigurationAggregator } = await config.send(orgAggregator(ADMIN))
  assert.ok(ConfigurationAggregator?.ConfigurationAggregatorArn?.includes(`:${ADMIN}:`))
})

test('organization aggregators need all features, a role ARN and one region choice', async ({ sandbox }) => {
  const config = await configAs(sandbox, MANAGEMENT)
  const noRole = await failure(
    config.send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'org',
        OrganizationAggregationSource: { RoleArn: '', AllAwsRegions: true },
      }),
    ),
  )
  assert.is(noRole.name, 'InvalidRoleException')
  const both = await failure(
    config.send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'org',
        OrganizationAggregationSource: {
          RoleArn: ROLE(MANAGEMENT),
          AllAwsRegions: true,
          AwsRegions: ['us-east-1'],
        },
      }),
    ),
  )
  assert.is(both.name, 'InvalidParameterValueException')
  const neither = await failure(
    config.send(new PutConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'org' })),
  )
  assert.is(neither.name, 'InvalidParameterValueException')
  sandbox.world.featureSet = 'CONSOLIDATED_BILLING'
  const billingOnly = await failure(config.send(orgAggregator(MANAGEMENT)))
  assert.is(billingOnly.name, 'OrganizationAllFeaturesNotEnabledException')
})

test('aggregators page under a small page cap, and can be deleted', async ({ sandbox }) => {
  sandbox.settings.pageSizeCap = 2
  const config = await configAs(sandbox, MANAGEMENT)
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    await config.send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: name,
        AccountAggregationSources: [{ AccountIds: [LOG_ARCHIVE], AwsRegions: ['us-east-1'] }],
      }),
    )
  }
  const first = await config.send(new DescribeConfigurationAggregatorsCommand({}))
  assert.is(first.ConfigurationAggregators?.length, 2)
  assert.ok(first.NextToken)
  const names: string[] = []
  for await (const page of paginateDescribeConfigurationAggregators({ client: config }, {})) {
    names.push(...(page.ConfigurationAggregators ?? []).map((a) => a.ConfigurationAggregatorName ?? ''))
  }
  assert.equal(names, ['a', 'b', 'c', 'd', 'e'])
  const badLimit = await failure(config.send(new DescribeConfigurationAggregatorsCommand({ Limit: 101 })))
  assert.is(badLimit.name, 'InvalidLimitException')
  await config.send(new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'c' }))
  const missing = await failure(
    config.send(new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'c' })),
  )
  assert.is(missing.name, 'NoSuchConfigurationAggregatorException')
})

test('aggregator source status fails where Config is not recording', async ({ sandbox }) => {
  const config = await configAs(sandbox, MANAGEMENT)
  await config.send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: 'accounts',
      AccountAggregationSources: [{ AccountIds: [LOG_ARCHIVE], AwsRegions: ['us-east-1', 'eu-west-1'] }],
    }),
  )
  const archive = await configAs(sandbox, LOG_ARCHIVE)
  await putRecorderAndChannel(archive, LOG_ARCHIVE)
  await archive.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }))
  const { AggregatedSourceStatusList } = await config.send(
    new DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: 'accounts' }),
  )
  const byRegion = Object.fromEntries(
    (AggregatedSourceStatusList ?? []).map((s) => [s.AwsRegion, s.LastUpdateStatus]),
  )
  assert.equal(byRegion, { 'us-east-1': 'SUCCEEDED', 'eu-west-1': 'FAILED' })
})

test('the config seed section starts the sandbox with recorders and an aggregator', async () => {
  const seeded = await startSandbox({
    speed: 1,
    seed: {
      ...readSeedFile(DEFAULT_SEED_FILE),
      config: {
        recorders: [
          {
            account: 'Log Archive',
            regions: ['us-east-1', 'eu-west-1'],
            deliveryBucket: 'b',
            recording: true,
          },
        ],
        aggregators: [{ account: 'Management', name: 'seeded' }],
      },
    },
  })
  try {
    const config = await configAs(seeded, LOG_ARCHIVE, 'eu-west-1')
    const { ConfigurationRecordersStatus } = await config.send(
      new DescribeConfigurationRecorderStatusCommand({}),
    )
    assert.is(ConfigurationRecordersStatus?.[0]?.recording, true)
    const mgmt = await configAs(seeded, MANAGEMENT)
    const { ConfigurationAggregators } = await mgmt.send(new DescribeConfigurationAggregatorsCommand({}))
    assert.equal(
      ConfigurationAggregators?.map((a) => a.ConfigurationAggregatorName),
      ['seeded'],
    )
  } finally {
    await seeded.close()
  }
})

test.run()
