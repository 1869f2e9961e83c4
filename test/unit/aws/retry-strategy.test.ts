import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { spendWaitsOn } from '../../../src/aws/poll.ts'
import { SeamRetryStrategy } from '../../../src/aws/retry-strategy.ts'

const test = suite('SeamRetryStrategy')

/** Runs `fn` with the tool's waits recorded instead of slept. */
async function recordingWaits<T>(fn: () => Promise<T>): Promise<{ result: T; waits: number[] }> {
  const waits: number[] = []
  const restore = spendWaitsOn(async (ms) => {
    waits.push(ms)
  })
  try {
    return { result: await fn(), waits }
  } finally {
    restore()
  }
}

async function retriesAllowed(
  strategy: SeamRetryStrategy,
  errorType: 'THROTTLING' | 'TRANSIENT' | 'CLIENT_ERROR',
) {
  let token = await strategy.acquireInitialRetryToken()
  let retries = 0
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType })
      retries++
    } catch {
      return retries
    }
  }
}

const cases: [string, 'THROTTLING' | 'TRANSIENT' | 'CLIENT_ERROR', number, number][] = [
  ['throttling is retried until maxAttempts (the SDK standard mode)', 'THROTTLING', 8, 7],
  ['a transient error is retried too', 'TRANSIENT', 3, 2],
  ['a client error is never retried', 'CLIENT_ERROR', 8, 0],
]
for (const [reason, errorType, maxAttempts, expected] of cases) {
  test(reason, async () => {
    const { result } = await recordingWaits(() =>
      retriesAllowed(new SeamRetryStrategy(maxAttempts), errorType),
    )
    assert.is(result, expected)
  })
}

test('the backoff is waited through the wait seam (a benchmark spends it on simulated time), within the exponential cap', async () => {
  const { waits } = await recordingWaits(() => retriesAllowed(new SeamRetryStrategy(5), 'THROTTLING'))
  assert.is(waits.length, 4)
  // Full jitter: the wait before retry i + 1 is below 1 s × 2^i.
  for (const [i, ms] of waits.entries()) assert.ok(ms >= 0 && ms < 1000 * 2 ** i, `wait ${i}: ${ms}`)
})

test('the retry quota runs out: 500 tokens, 5 per throttled retry, so the 101st retry of one client is refused', async () => {
  const strategy = new SeamRetryStrategy(2)
  const { result } = await recordingWaits(async () => {
    let granted = 0
    for (let i = 0; i < 120; i++) granted += await retriesAllowed(strategy, 'THROTTLING')
    return granted
  })
  assert.is(result, 100)
})

test('a success gives back what its retry cost', async () => {
  const strategy = new SeamRetryStrategy(2)
  await recordingWaits(async () => {
    for (let i = 0; i < 100; i++) {
      const token = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), {
        errorType: 'THROTTLING',
      })
      strategy.recordSuccess(token)
    }
  })
  assert.is(await recordingWaits(() => retriesAllowed(strategy, 'THROTTLING')).then((r) => r.result), 1)
})

test.run()
