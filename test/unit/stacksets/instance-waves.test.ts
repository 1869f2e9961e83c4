// New stack instances roll out in waves: the canary region (the home region) first, then the other default
// regions, then opt-in regions with full failure tolerance (docs/time-to-secure.md). Template updates go to the
// same canary first (updateCanaryRegion), then to every instance.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { instanceWaves, updateCanaryRegion } from '../../../src/modules/stacksets/waves.ts'

const cases: [string, string[], string | undefined, { regions: string[]; optIn: boolean }[]][] = [
  [
    'canary first: a bad template fails in one region, the others never start',
    ['us-east-1', 'eu-west-1', 'ap-southeast-4'],
    'us-east-1',
    [
      { regions: ['us-east-1'], optIn: false },
      { regions: ['eu-west-1'], optIn: false },
      { regions: ['ap-southeast-4'], optIn: true },
    ],
  ],
  [
    'no canary: default regions in one operation',
    ['us-east-1', 'eu-west-1'],
    undefined,
    [{ regions: ['us-east-1', 'eu-west-1'], optIn: false }],
  ],
  [
    'a canary not among the regions adds no wave',
    ['eu-west-1', 'eu-west-2'],
    'us-east-1',
    [{ regions: ['eu-west-1', 'eu-west-2'], optIn: false }],
  ],
  [
    'the canary alone is one wave, not two',
    ['us-east-1'],
    'us-east-1',
    [{ regions: ['us-east-1'], optIn: false }],
  ],
]
for (const [why, regions, canary, waves] of cases)
  test(why, () => {
    assert.equal(instanceWaves(regions, canary), waves)
  })

const updates: [string, string[], string[], string | undefined, string | undefined][] = [
  ['the home region first, then the rest', ['us-east-1', 'eu-west-1'], ['r-root'], 'us-east-1', 'us-east-1'],
  [
    'no canary configured: every region at once',
    ['us-east-1', 'eu-west-1'],
    ['r-root'],
    undefined,
    undefined,
  ],
  ['no instances yet (no OUs): nothing to canary', ['us-east-1', 'eu-west-1'], [], 'us-east-1', undefined],
  [
    'one region only: the canary would be the whole update',
    ['us-east-1'],
    ['r-root'],
    'us-east-1',
    undefined,
  ],
  ['the canary is not among the regions', ['eu-west-1', 'eu-west-2'], ['r-root'], 'us-east-1', undefined],
  [
    'an opt-in region is protected by the canary too (creates run the same waves)',
    ['us-east-1', 'ap-southeast-4'],
    ['r-root'],
    'us-east-1',
    'us-east-1',
  ],
  [
    'an opt-in home region is never the canary',
    ['ap-southeast-4', 'eu-west-1'],
    ['r-root'],
    'ap-southeast-4',
    undefined,
  ],
]
for (const [why, regions, ous, canary, first] of updates)
  test(`update: ${why}`, () => {
    assert.is(updateCanaryRegion(regions, ous, canary), first)
  })

test.run()
