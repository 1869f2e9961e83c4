// Security Hub's central configuration and policy associations settle asynchronously (issue 13): apply
// waits while PENDING, reports FAILED with AWS's reason, and says so when the deadline comes first.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Context } from '../../../src/engine/module.ts'
import { type Settling, waitSettled } from '../../../src/modules/security-hub/settle.ts'

const test = suite('security hub settling')

/** Answers `statuses` in turn, then the last one for ever. */
const reads = (...statuses: Settling[]) => {
  let i = 0
  return async () => statuses[Math.min(i++, statuses.length - 1)] as Settling
}
const within = (ms: number) => ({ deadline: Date.now() + ms }) as Context

test('PENDING then ENABLED: done', async () => {
  await waitSettled(
    within(5_000),
    'central configuration',
    reads({ status: 'PENDING' }, { status: 'ENABLED' }),
  )
})

test('PENDING then FAILED: an error carrying AWS status message', async () => {
  const error = await waitSettled(
    within(5_000),
    'Security Hub policy association with Root',
    reads({ status: 'PENDING' }, { status: 'FAILED', message: 'the account is not an active member' }),
  ).then(
    () => undefined,
    (e: Error) => e,
  )
  assert.match(
    error?.message ?? '',
    'Security Hub policy association with Root settled FAILED: the account is not an active member',
  )
})

test('still PENDING at the deadline: an error that says so, never success', async () => {
  const error = await waitSettled(within(300), 'central configuration', reads({ status: 'PENDING' })).then(
    () => undefined,
    (e: Error) => e,
  )
  assert.match(error?.message ?? '', 'central configuration is still PENDING at the deadline (--max-wait)')
})

test.run()
