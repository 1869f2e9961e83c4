// Pacing after throttling (src/aws/throttle-pacer.ts): free until throttled, then one call per interval,
// the interval doubling per throttling error (capped) and easing off with each success until it ends.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { PACE_MAX_MS, PACE_MIN_MS, ThrottlePacer } from '../../../src/aws/throttle-pacer.ts'

const test = suite('throttle pacer')

function pacer() {
  const slept: number[] = []
  let now = 0
  const starts: number[] = []
  // A real timer ends in a later task: so does this one, after the calls already due have started.
  const p = new ThrottlePacer(async (ms) => {
    slept.push(ms)
    await new Promise((resolve) => setImmediate(resolve))
    now += ms
  })
  const call = async () => {
    await p.turn()
    starts.push(now)
  }
  return { p, slept, starts, call }
}

test('a client never throttled is not paced', async () => {
  const { slept, call } = pacer()
  await Promise.all([call(), call(), call()])
  assert.equal(slept, [])
})

test('once throttled, calls made at once start one interval apart', async () => {
  const { p, starts, call } = pacer()
  p.throttled()
  p.throttled()
  await Promise.all([call(), call(), call()])
  assert.equal(starts, [100, 200, 300], 'interval 100 ms after two throttling errors: 10 calls a second')
})

test('the interval doubles from the minimum to the cap, and successes end the pacing', () => {
  const { p } = pacer()
  const seen: number[] = []
  for (let i = 0; i < 10; i++) {
    p.throttled()
    seen.push(p.interval)
  }
  assert.equal(seen.slice(0, 3), [PACE_MIN_MS, 2 * PACE_MIN_MS, 4 * PACE_MIN_MS])
  assert.is(seen.at(-1), PACE_MAX_MS, 'capped')
  let successes = 0
  while (p.interval > 0 && successes < 1000) {
    p.succeeded()
    successes++
  }
  assert.is(p.interval, 0, 'pacing ends')
  assert.is(successes, 21, 'successes from the cap to no pacing')
})

test.run()
