import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { settleAll } from '../../../src/engine/settle-all.ts'

const test = suite('settleAll')

/** A promise the test ends by hand, so the order of events is the test's, not a timer's. */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

test('a failure is thrown only after every other task has ended (drift must not report while calls run)', async () => {
  const slow = deferred<string>()
  let ended = false
  const result = settleAll<string>([
    Promise.reject(new Error('first check failed')),
    slow.promise.then((v) => {
      ended = true
      return v
    }),
  ])
  let settled = false
  result.catch(() => {
    settled = true
  })
  await Promise.resolve()
  await Promise.resolve()
  assert.not.ok(settled, 'still waiting for the slow task')
  slow.resolve('done')
  const error = await result.catch((e: Error) => e)
  assert.ok(ended)
  assert.is((error as Error).message, 'first check failed')
})

test('values come back in input order when all succeed', async () => {
  assert.equal(await settleAll([Promise.resolve(1), Promise.resolve(2)]), [1, 2])
})

test.run()
