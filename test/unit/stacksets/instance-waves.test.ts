// New stack instances roll out in waves: the canary region (the home region) first, then the other default
// regions, then opt-in regions with full failure tolerance (docs/time-to-secure.md).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { instanceWaves } from '../../../src/modules/stacksets/stackset-apply.ts'

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

test.run()
