// A change whose dependency this run just applied may meet a service that has not seen it yet (trusted
// access and delegated admins reach other services eventually): those answers alone are retried, to a deadline.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Clock } from '../../../src/aws/poll.ts'
import { applyWhileSettling, isNotYetVisible, SETTLE_WAIT_MS } from '../../../src/engine/settling.ts'

const test = suite('settling retry')

const error = (name: string, message = '') => Object.assign(new Error(message), { name })

const CASES: [Error, boolean, string][] = [
  [error('ServiceAccessNotEnabledException'), true, 'IAM before trusted access reached it'],
  [error('CloudTrailAccessNotEnabledException'), true, 'CloudTrail organization trail'],
  [error('OrganizationAccessDeniedException'), true, 'Config aggregator before the registration'],
  [
    error('ValidationError', 'You must enable organizations access to operate a service managed stack set'),
    true,
    'StackSets before trusted access',
  ],
  [error('ValidationError', 'Account used is not a delegated administrator'), true, 'CallAs DELEGATED_ADMIN'],
  [
    error('BadRequestException', 'trusted access for guardduty.amazonaws.com is not enabled'),
    true,
    'GuardDuty admin',
  ],
  [error('ValidationError', 'Template format error'), false, 'a real validation error'],
  [error('BadRequestException', 'The request is rejected because the input is invalid'), false, 'bad input'],
  [error('AccessDeniedException'), false, 'a denial is never waited out'],
  [
    error('AccessDeniedException', 'not authorized to perform: account:PutAlternateContact'),
    false,
    'a plain permission denial is not waited out either',
  ],
  [
    error('AccessDeniedException', 'the delegated administrator for access-analyzer.amazonaws.com'),
    true,
    'an organization analyzer before the registration reached Access Analyzer',
  ],
  [
    error('AccessDeniedException', 'trusted access for account.amazonaws.com is not enabled'),
    true,
    'an alternate contact before trusted access reached the Account API',
  ],
  [
    error(
      'StackFailed',
      'stack org-baseline-organization-trail ended ROLLBACK_COMPLETE: OrganizationTrail (AWS::CloudTrail::Trail): The trusted access for CloudTrail is not enabled in AWS Organizations. (Service: CloudTrail, Status Code: 400, Error Code: CloudTrailAccessNotEnabledException)',
    ),
    true,
    "a stack whose resource met CloudTrail's not-yet answer (error code quoted)",
  ],
  [
    error(
      'StackFailed',
      'stack x ended ROLLBACK_COMPLETE: Trail (AWS::CloudTrail::Trail): Resource handler returned message: "Trusted access for CloudTrail is not enabled in AWS Organizations" (HandlerErrorCode: InvalidRequest)',
    ),
    true,
    'the same quoted by a registry handler, without the error code',
  ],
  [
    error(
      'StackFailed',
      'stack x ended ROLLBACK_COMPLETE: Bucket (AWS::S3::Bucket): Access Denied (Service: S3, Status Code: 403, Error Code: AccessDenied)',
    ),
    false,
    'any other stack failure is not waited out',
  ],
]

test('which answers mean "not visible yet"', () => {
  for (const [e, expected, why] of CASES) assert.is(isNotYetVisible(e), expected, why)
})

function clock(): Clock & { elapsed: () => number } {
  let now = 0
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    elapsed: () => now,
  }
}

test('retried while not visible, then applied', async () => {
  let attempts = 0
  await applyWhileSettling(
    async () => {
      if (++attempts < 3) throw error('ServiceAccessNotEnabledException')
    },
    undefined,
    clock(),
  )
  assert.is(attempts, 3)
})

test('each attempt is numbered, so a change applied again carries new idempotency tokens', async () => {
  const seen: number[] = []
  await applyWhileSettling(
    async (attempt) => {
      seen.push(attempt)
      if (seen.length < 3) throw error('CloudTrailAccessNotEnabledException')
    },
    undefined,
    clock(),
  )
  assert.equal(seen, [0, 1, 2])
})

test('any other error fails at once', async () => {
  let attempts = 0
  try {
    await applyWhileSettling(
      async () => {
        attempts++
        throw error('AccessDeniedException')
      },
      undefined,
      clock(),
    )
    assert.unreachable()
  } catch (e) {
    assert.is((e as Error).name, 'AccessDeniedException')
  }
  assert.is(attempts, 1)
})

test('past the deadline the last answer is the error', async () => {
  const fake = clock()
  try {
    await applyWhileSettling(
      async () => {
        throw error('ServiceAccessNotEnabledException')
      },
      undefined,
      fake,
    )
    assert.unreachable()
  } catch (e) {
    assert.is((e as Error).name, 'ServiceAccessNotEnabledException')
  }
  assert.ok(fake.elapsed() <= SETTLE_WAIT_MS)
})

test.run()
