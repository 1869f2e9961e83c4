// CloudTrail's CloudFormation resource providers, called directly on a world built from the default seed:
// the organization trail a management-account stack makes, its drift, and event data stores.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Clock } from '../../src/sandbox/clock.ts'
import { DEFAULT_SEED_FILE } from '../../src/sandbox/index.ts'
import { buildWorld, readSeedFile } from '../../src/sandbox/seed.ts'
import {
  type ResourceContext,
  resourceProvider,
} from '../../src/sandbox/services/cloudformation/resource-providers.ts'
import { ownedTrails, visibleTrails } from '../../src/sandbox/services/cloudtrail/state.ts'
import { services } from '../../src/sandbox/services/index.ts'
import type { World } from '../../src/sandbox/state.ts'
import { deliveryBucketIn } from './helpers.ts'

const MANAGEMENT = '111111111111'
const MEMBER = '555555555556'

function world(): World {
  const w = buildWorld(readSeedFile(DEFAULT_SEED_FILE), new Clock(1), services)
  w.trustedAccess.set('cloudtrail.amazonaws.com', w.clock.date())
  deliveryBucketIn(w, 'org-baseline-cloudtrail')
  return w
}

const ctx = (w: World, logicalId: string, account = MANAGEMENT): ResourceContext => ({
  world: w,
  account,
  region: 'us-east-1',
  stackName: 'org-baseline-cloudtrail',
  logicalId,
})

function provider(type: string) {
  const found = resourceProvider(type)
  if (!found) throw new Error(`no provider registered for ${type}`)
  return found
}

const trailProps = {
  TrailName: 'org-baseline',
  S3BucketName: 'org-baseline-cloudtrail',
  IsLogging: true,
  IsMultiRegionTrail: true,
  IsOrganizationTrail: 'true',
  IncludeGlobalServiceEvents: true,
  EnableLogFileValidation: true,
}

test('an organization trail stack makes a logging trail that every member sees', () => {
  const w = world()
  const trail = provider('AWS::CloudTrail::Trail')
  const { physicalId, attributes } = trail.create(trailProps, ctx(w, 'Trail'))
  assert.is(physicalId, 'org-baseline')
  assert.is(attributes?.Arn, 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-baseline')
  assert.is(ownedTrails(w, MANAGEMENT)[0]?.logging, true)
  assert.equal(
    visibleTrails(w, MEMBER, 'ap-south-1').map(({ trail: t, shadow }) => [t.name, shadow]),
    [['org-baseline', true]],
  )
  assert.equal(trail.read?.(physicalId, ctx(w, 'Trail')), trailProps)
})

test('a stopped or deleted trail reads as drift', () => {
  const w = world()
  const trail = provider('AWS::CloudTrail::Trail')
  trail.create(trailProps, ctx(w, 'Trail'))
  services.cloudtrail?.controls?.stopLogging?.(w, { name: 'org-baseline' })
  assert.is(trail.read?.('org-baseline', ctx(w, 'Trail'))?.IsLogging, false)
  services.cloudtrail?.controls?.deleteTrail?.(w, { name: 'org-baseline' })
  assert.is(trail.read?.('org-baseline', ctx(w, 'Trail')), undefined)
})

test('IsLogging is required, and an organization trail from a member stack fails', () => {
  const w = world()
  const trail = provider('AWS::CloudTrail::Trail')
  const { IsLogging: _omitted, ...withoutLogging } = trailProps
  assert.throws(() => trail.create(withoutLogging, ctx(w, 'Trail')), /IsLogging/)
  assert.throws(
    () => trail.create(trailProps, ctx(w, 'Trail', MEMBER)),
    (error: Error) => error.name === 'NotOrganizationMasterAccountException',
  )
})

test('update applies selectors and logging; delete removes the trail', () => {
  const w = world()
  const trail = provider('AWS::CloudTrail::Trail')
  trail.create(trailProps, ctx(w, 'Trail'))
  const selectors = [
    {
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      ],
    },
  ]
  trail.update?.(
    'org-baseline',
    { ...trailProps, IsLogging: false, AdvancedEventSelectors: selectors },
    ctx(w, 'Trail'),
  )
  const updated = ownedTrails(w, MANAGEMENT)[0]
  assert.is(updated?.logging, false)
  assert.equal(updated?.advancedEventSelectors, selectors)
  trail.delete('org-baseline', ctx(w, 'Trail'))
  assert.equal(ownedTrails(w, MANAGEMENT), [])
})

test('an event data store with termination protection cannot be deleted by its stack', () => {
  const w = world()
  const store = provider('AWS::CloudTrail::EventDataStore')
  const { physicalId, attributes } = store.create({ Name: 'org-lake', RetentionPeriod: '90' }, ctx(w, 'Lake'))
  assert.is(attributes?.EventDataStoreArn, physicalId)
  assert.equal(store.read?.(physicalId, ctx(w, 'Lake')), { Name: 'org-lake', RetentionPeriod: '90' })
  assert.throws(
    () => store.delete(physicalId, ctx(w, 'Lake')),
    (error: Error) => error.name === 'EventDataStoreTerminationProtectedException',
  )
  store.update?.(
    physicalId,
    { Name: 'org-lake', RetentionPeriod: 90, TerminationProtectionEnabled: false },
    ctx(w, 'Lake'),
  )
  store.delete(physicalId, ctx(w, 'Lake'))
  assert.is(store.read?.(physicalId, ctx(w, 'Lake')), undefined)
  assert.throws(
    () => store.create({ Name: 'too-long-retention', RetentionPeriod: 4000 }, ctx(w, 'Lake')),
    /RetentionPeriod/,
  )
})

test.run()
