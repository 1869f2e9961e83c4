// Throttling with `throttle: 'aws'`: token buckets per account, region and operation; each service's own
// throttling error, which the SDK classifies as throttling and retries.
import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Clock } from '../../src/sandbox/clock.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { rateFor, Throttle } from '../../src/sandbox/throttle.ts'
import { failure, management } from './helpers.ts'

let sandbox: Sandbox

test.before(async () => {
  // Real-time clock so the SDK's own backoff is what refills the bucket.
  sandbox = await startSandbox({ throttle: 'aws', speed: 1 })
})
test.after(() => sandbox.close())

test('Security Hub uses its published rates; Organizations a conservative 10/s', () => {
  assert.equal(rateFor('securityhub', 'BatchEnableStandards'), { perSecond: 1, burst: 1 })
  assert.equal(rateFor('securityhub', 'GetFindings'), { perSecond: 3, burst: 6 })
  assert.equal(rateFor('securityhub', 'DescribeHub'), { perSecond: 10, burst: 30 })
  assert.is(rateFor('organizations', 'ListAccounts').perSecond, 10)
})

test('buckets refill on simulated time and are separate per account, region and operation', () => {
  const clock = new Clock(0)
  const throttle = new Throttle(clock, true)
  throttle.overrides.set('organizations', { perSecond: 1, burst: 2 })
  const take = (op = 'ListRoots', account = '111111111111') =>
    throttle.take('organizations', 'awsJson1_1', op, account, 'us-east-1')
  assert.is(take(), undefined)
  assert.is(take(), undefined)
  assert.is(take()?.code, 'TooManyRequestsException')
  assert.is(take('ListAccounts'), undefined, 'another operation has its own bucket')
  assert.is(take('ListRoots', '222222222222'), undefined, 'another account has its own bucket')
  clock.advance(1000)
  assert.is(take(), undefined, 'one simulated second refills one token')
})

test('each protocol throttles with its service’s own error: 400 TooManyRequestsException for Organizations, Throttling for query', () => {
  const throttle = new Throttle(new Clock(0), true)
  throttle.overrides.set('organizations', { perSecond: 0, burst: 0 })
  throttle.overrides.set('sts', { perSecond: 0, burst: 0 })
  throttle.overrides.set('guardduty', { perSecond: 0, burst: 0 })
  const org = throttle.take('organizations', 'awsJson1_1', 'ListRoots', 'a', 'us-east-1')
  assert.equal([org?.code, org?.status], ['TooManyRequestsException', 400])
  const sts = throttle.take('sts', 'awsQuery', 'AssumeRole', 'a', 'us-east-1')
  assert.equal([sts?.code, sts?.status], ['Throttling', 400])
  const gd = throttle.take('guardduty', 'restJson1', 'ListDetectors', 'a', 'us-east-1')
  assert.equal([gd?.code, gd?.status], ['TooManyRequestsException', 429])
})

test('without retries the caller sees TooManyRequestsException; with the SDK’s retries the call succeeds', async () => {
  sandbox.control('sandbox', 'throttle', {
    // One token a second: a second call right after the first finds the bucket empty even on a loaded
    // machine (at 50/s it refilled between the calls there), and the SDK's backoff outlasts the refill.
    rates: { 'organizations:ListRoots': { perSecond: 1, burst: 1 } },
  })
  const once = new OrganizationsClient(management(sandbox))
  await once.send(new ListRootsCommand({}))
  const error = await failure(once.send(new ListRootsCommand({})))
  assert.is(error.name, 'TooManyRequestsException')
  assert.is(error.status, 400)

  const retrying = new OrganizationsClient({ ...management(sandbox), maxAttempts: 8 })
  const result = await retrying.send(new ListRootsCommand({}))
  assert.is(result.Roots?.length, 1)
  assert.ok(sandbox.calls.count({ operation: 'ListRoots', errorCode: 'TooManyRequestsException' }) >= 1)
})

test('query services throttle with Throttling, which the SDK also retries', async () => {
  sandbox.control('sandbox', 'throttle', { rates: { 'sts:GetCallerIdentity': { perSecond: 1, burst: 1 } } })
  const sts = new STSClient({ ...management(sandbox), maxAttempts: 8 })
  await sts.send(new GetCallerIdentityCommand({}))
  const second = await sts.send(new GetCallerIdentityCommand({}))
  assert.is(second.Account, '111111111111')
  assert.ok((second.$metadata.attempts ?? 0) >= 2, 'the second call needed a retry')
  assert.ok(sandbox.calls.count({ operation: 'GetCallerIdentity', errorCode: 'Throttling' }) >= 1)
})

test.run()
