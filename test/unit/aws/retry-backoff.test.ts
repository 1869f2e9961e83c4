// The SDK's retries back off through the tool's wait seam (src/aws/retry-backoff.ts), so a run whose waits
// are spent on a simulated clock (the e2e soak) never sleeps the SDK's backoff for real.
import { DescribeAccountCommand, ListRootsCommand } from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../../src/aws/clients.ts'
import { spendWaitsOn } from '../../../src/aws/poll.ts'
import { backoffMs } from '../../../src/aws/retry-backoff.ts'
import { startSandbox } from '../../../src/sandbox/index.ts'

const test = suite('retry backoff')

test('the backoff bounds are the SDK standard mode’s (full jitter, throttling base 1 s, other 50 ms, cap 20 s)', () => {
  const cases: [string, Parameters<typeof backoffMs>, number][] = [
    ['throttling, first retry: up to 1 s', [0, { errorType: 'THROTTLING' }, 0.999], 999],
    ['throttling doubles per retry', [2, { errorType: 'THROTTLING' }, 0.5], 2000],
    ['transient (5xx), first retry: up to 50 ms', [0, { errorType: 'TRANSIENT' }, 0.5], 25],
    ['capped at 20 s however many retries', [10, { errorType: 'THROTTLING' }, 0.5], 10_000],
  ]
  for (const [reason, args, expected] of cases) assert.is(backoffMs(...args), expected, reason)
  const hint = new Date(Date.now() + 3_000)
  const withHint = backoffMs(0, { errorType: 'THROTTLING', retryAfterHint: hint }, 0)
  assert.ok(withHint > 2_000 && withHint <= 3_000, 'a Retry-After hint is honoured')
})

test('a throttled call waits its backoff on the seam, once per retry, and fails after maxAttempts; an error not retried waits not at all', async () => {
  const sandbox = await startSandbox({ faults: 'throttle=1@ListRoots' })
  const waits: number[] = []
  const restore = spendWaitsOn(async (ms) => {
    waits.push(ms)
  })
  try {
    const clients = () =>
      new AwsClients({
        region: 'us-east-1',
        endpointUrl: sandbox.endpoint,
        memberRoleName: 'org-baseline-member',
        credentials: async () => sandbox.credentials,
        maxAttempts: 3,
      })
    const error = await clients()
      .organizations()
      .send(new ListRootsCommand({}))
      .catch((e: Error & { $metadata?: { attempts?: number } }) => e)
    assert.is((error as Error).name, 'TooManyRequestsException')
    assert.is((error as { $metadata: { attempts: number } }).$metadata.attempts, 3)
    // Each retry: its backoff, then its turn of the pacer the first throttling error started (50 ms, 100 ms).
    assert.is(waits.length, 4, 'two retries, each a backoff and a paced turn on the seam')
    assert.equal([waits[1], waits[3]], [50, 100], 'the paced turns, doubling per throttling error')
    waits.length = 0
    // A client of its own: the one above is still paced after its throttling (a turn of 200 ms).
    const refused = await clients()
      .organizations()
      .send(new DescribeAccountCommand({ AccountId: '999999999999' }))
      .catch((e: Error) => e)
    assert.is((refused as Error).name, 'AccountNotFoundException')
    assert.equal(waits, [], 'an error the SDK does not retry is not waited on')
  } finally {
    restore()
    await sandbox.close()
  }
})

test.run()
