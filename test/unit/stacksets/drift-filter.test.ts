// The DRIFTED listing of a stack set's instances is skipped only when its drift detection details prove no
// instance can be DRIFTED (observe.ts, mayHaveDrifted): a no-op plan saves one call per stack set.
import type { StackSetDriftDetectionDetails } from '@aws-sdk/client-cloudformation'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mayHaveDrifted } from '../../../src/modules/stacksets/observe.ts'

const cases: [string, StackSetDriftDetectionDetails | undefined, boolean][] = [
  ['never checked: only a drift detection sets DRIFTED', { DriftStatus: 'NOT_CHECKED' }, false],
  [
    'the last check completed with every instance in sync',
    { DriftStatus: 'IN_SYNC', DriftDetectionStatus: 'COMPLETED', DriftedStackInstancesCount: 0 },
    false,
  ],
  [
    'the last check found drift',
    { DriftStatus: 'DRIFTED', DriftDetectionStatus: 'COMPLETED', DriftedStackInstancesCount: 2 },
    true,
  ],
  [
    'a partial check may have left older DRIFTED statuses',
    { DriftStatus: 'IN_SYNC', DriftDetectionStatus: 'PARTIAL_SUCCESS', DriftedStackInstancesCount: 0 },
    true,
  ],
  ['a stopped check', { DriftStatus: 'IN_SYNC', DriftDetectionStatus: 'STOPPED' }, true],
  ['a check running now', { DriftStatus: 'NOT_CHECKED', DriftDetectionStatus: 'IN_PROGRESS' }, true],
  ['no details at all: listed, as before', undefined, true],
]
for (const [why, details, listed] of cases)
  test(why, () => {
    assert.is(mayHaveDrifted(details), listed)
  })

test.run()
