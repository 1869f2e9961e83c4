// ListStackSetOperationResults lags behind an ended operation (issue 13): the FAILED results are re-read until
// the operation's own failure count is listed, and what never shows by the deadline is reported, not dropped.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Clock } from '../../../src/aws/poll.ts'
import { RESULTS_SETTLE_MS, settledFailedResults } from '../../../src/modules/stacksets/operation-results.ts'

const test = suite('stack set operation results under lag')

/** A client whose ListStackSetOperationResults answers `listed[i]` failures on its i-th call (last repeats). */
function lagging(listed: number[]) {
  let call = 0
  const client = new CloudFormationClient({ region: 'us-east-1' })
  Object.assign(client, {
    send: async () => {
      const n = listed[Math.min(call++, listed.length - 1)] ?? 0
      return {
        Summaries: Array.from({ length: n }, (_, i) => ({ Account: `11112222333${i}`, Region: 'eu-west-1' })),
      }
    },
  })
  return { client, calls: () => call }
}

function clock(): Clock {
  let now = 0
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
  }
}

test('results are re-read until as many as the summary counts are listed', async () => {
  const { client, calls } = lagging([0, 1, 3])
  const settled = await settledFailedResults(client, 's', 'op', 3, clock())
  assert.is(settled.results.length, 3)
  assert.is(settled.unlisted, 0)
  assert.is(calls(), 3)
})

test('failures the list never shows by the deadline are counted as unlisted, never as clean', async () => {
  const { client } = lagging([1])
  const fake = clock()
  const settled = await settledFailedResults(client, 's', 'op', 2, fake)
  assert.is(settled.results.length, 1)
  assert.is(settled.unlisted, 1)
  assert.ok(fake.now() <= RESULTS_SETTLE_MS, 'stops at the deadline')
})

test('nothing expected: one read', async () => {
  const { client, calls } = lagging([0])
  assert.equal(await settledFailedResults(client, 's', 'op', 0, clock()), { results: [], unlisted: 0 })
  assert.is(calls(), 1)
})

test.run()
