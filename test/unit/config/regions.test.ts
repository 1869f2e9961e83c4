import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  ALL_REGIONS,
  DEFAULT_REGIONS,
  isDefaultRegion,
  isOptInRegion,
  isRegion,
  listedTargetRegions,
  OPT_IN_REGIONS,
} from '../../../src/config/regions.ts'

test('there are 17 default and 17 opt-in commercial regions, and no region is both (aws-facts §9)', () => {
  assert.is(DEFAULT_REGIONS.length, 17)
  assert.is(OPT_IN_REGIONS.length, 17)
  assert.is(new Set(ALL_REGIONS).size, 34)
})

test('regions launched after 2019-03-20 are opt-in, older ones are default', () => {
  assert.ok(isDefaultRegion('eu-north-1'))
  assert.not.ok(isOptInRegion('eu-north-1'))
  assert.ok(isOptInRegion('ap-southeast-4'))
  assert.not.ok(isDefaultRegion('ap-southeast-4'))
})

test('names that are not commercial regions are rejected, including GovCloud and China', () => {
  assert.not.ok(isRegion('us-gov-west-1'))
  assert.not.ok(isRegion('cn-north-1'))
  assert.not.ok(isRegion('eu-west-9'))
  assert.ok(isRegion('mx-central-1'))
})

test('listed target regions leave out the excluded ones, keeping the order written', () => {
  assert.equal(listedTargetRegions(['eu-west-1', 'us-east-1', 'eu-central-1'], ['us-east-1']), [
    'eu-west-1',
    'eu-central-1',
  ])
})

test.run()
