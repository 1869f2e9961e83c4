// Config's CloudFormation resource providers, called directly on a world built from the default seed:
// create → read → out-of-band change → read shows the drift; delete removes what the stack made.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Clock } from '../../src/sandbox/clock.ts'
import { DEFAULT_SEED_FILE } from '../../src/sandbox/index.ts'
import { buildWorld, readSeedFile } from '../../src/sandbox/seed.ts'
import {
  type ResourceContext,
  resourceProvider,
} from '../../src/sandbox/services/cloudformation/resource-providers.ts'
import { peekConfigRegion } from '../../src/sandbox/services/config-service/state.ts'
import { services } from '../../src/sandbox/services/index.ts'
import type { World } from '../../src/sandbox/state.ts'
import { configRolesIn, deliveryBucketIn } from './helpers.ts'

const MEMBER = '333333333333'
const ROLE = `arn:aws:iam::${MEMBER}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`

function world(): World {
  const w = buildWorld(readSeedFile(DEFAULT_SEED_FILE), new Clock(1), services)
  configRolesIn(w)
  deliveryBucketIn(w, 'config-logs')
  return w
}

function ctx(w: World, logicalId: string, account = MEMBER, region = 'eu-west-1'): ResourceContext {
  return { world: w, account, region, stackName: 'StackSet-config-recorder', logicalId }
}

function provider(type: string) {
  const found = resourceProvider(type)
  if (!found) throw new Error(`no provider registered for ${type}`)
  return found
}

const recorderProps = {
  Name: 'default',
  RoleARN: ROLE,
  RecordingGroup: { AllSupported: 'true', IncludeGlobalResourceTypes: false },
}

test('recorder then channel: CloudFormation starts the recorder once the channel exists', () => {
  const w = world()
  const recorder = provider('AWS::Config::ConfigurationRecorder')
  const channel = provider('AWS::Config::DeliveryChannel')
  const { physicalId } = recorder.create(recorderProps, ctx(w, 'Recorder'))
  assert.is(physicalId, 'default')
  assert.is(peekConfigRegion(w, MEMBER, 'eu-west-1')?.recorder?.recording, false)
  channel.create(
    { S3BucketName: 'config-logs', ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'One_Hour' } },
    ctx(w, 'Channel'),
  )
  assert.is(peekConfigRegion(w, MEMBER, 'eu-west-1')?.recorder?.recording, true)
  assert.equal(
    recorder.read?.('default', ctx(w, 'Recorder')),
    recorderProps,
    'read answers in the declared shape',
  )
})

test('a stopped recorder reads as drift; a deleted one reads as gone', () => {
  const w = world()
  const recorder = provider('AWS::Config::ConfigurationRecorder')
  recorder.create(recorderProps, ctx(w, 'Recorder'))
  provider('AWS::Config::DeliveryChannel').create({ S3BucketName: 'config-logs' }, ctx(w, 'Channel'))
  services.config?.controls?.stopRecorder?.(w, { account: MEMBER, region: 'eu-west-1' })
  assert.equal(recorder.read?.('default', ctx(w, 'Recorder')), { ...recorderProps, Recording: false })
  services.config?.controls?.deleteRecorder?.(w, { account: MEMBER, region: 'eu-west-1' })
  assert.is(recorder.read?.('default', ctx(w, 'Recorder')), undefined)
})

test('an invalid recording group fails the resource with the API error', () => {
  const w = world()
  assert.throws(
    () =>
      provider('AWS::Config::ConfigurationRecorder').create(
        { RoleARN: ROLE, RecordingGroup: { AllSupported: false, IncludeGlobalResourceTypes: true } },
        ctx(w, 'Recorder'),
      ),
    (error: Error) => error.name === 'InvalidRecordingGroupException',
  )
  assert.throws(
    () => provider('AWS::Config::DeliveryChannel').create({ S3BucketName: 'b' }, ctx(w, 'Channel')),
    (error: Error) => error.name === 'NoAvailableConfigurationRecorderException',
    'a channel needs the recorder first (templates declare DependsOn)',
  )
})

test('deleting the stack resources stops and removes recorder and channel', () => {
  const w = world()
  const recorder = provider('AWS::Config::ConfigurationRecorder')
  const channel = provider('AWS::Config::DeliveryChannel')
  recorder.create(recorderProps, ctx(w, 'Recorder'))
  channel.create({ S3BucketName: 'config-logs' }, ctx(w, 'Channel'))
  channel.delete('default', ctx(w, 'Channel'))
  recorder.delete('default', ctx(w, 'Recorder'))
  const state = peekConfigRegion(w, MEMBER, 'eu-west-1')
  assert.is(state?.recorder, undefined)
  assert.is(state?.channel, undefined)
})

test('an organization aggregator from the management account; drift when deleted out of band', () => {
  const w = world()
  const aggregator = provider('AWS::Config::ConfigurationAggregator')
  const props = {
    ConfigurationAggregatorName: 'org-baseline',
    OrganizationAggregationSource: {
      RoleArn: 'arn:aws:iam::111111111111:role/ConfigAggregator',
      AllAwsRegions: true,
    },
  }
  const mgmt = ctx(w, 'Aggregator', '111111111111', 'us-east-1')
  const { physicalId, attributes } = aggregator.create(props, mgmt)
  assert.match(String(attributes?.ConfigurationAggregatorArn), /:config-aggregator\/config-aggregator-/)
  assert.equal(aggregator.read?.(physicalId, mgmt), props)
  services.config?.controls?.deleteAggregator?.(w, {
    account: '111111111111',
    region: 'us-east-1',
    name: 'org-baseline',
  })
  assert.is(aggregator.read?.(physicalId, mgmt), undefined)
  assert.throws(
    () => aggregator.create(props, ctx(w, 'Aggregator', MEMBER, 'us-east-1')),
    (error: Error) => error.name === 'OrganizationAccessDeniedException',
    'a member that is not a delegated administrator cannot aggregate the organization',
  )
})

test.run()
