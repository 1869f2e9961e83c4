import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../../src/engine/change.ts'
import { execute } from '../../../src/engine/executor.ts'

const test = suite('executor')

const change = (address: string, dependsOn: string[] = [], extra: Partial<Change> = {}): Change => ({
  address,
  module: 'm',
  action: 'create',
  before: null,
  after: {},
  reason: '',
  dependsOn,
  destructive: false,
  ...extra,
})

test('runs dependencies before dependents', async () => {
  const order: string[] = []
  await execute(
    [change('c', ['b']), change('b', ['a']), change('a')],
    async (c) => {
      order.push(c.address)
    },
    { concurrency: 4, allowDestroy: false },
  )
  assert.equal(order, ['a', 'b', 'c'])
})

test('skips the dependents of a failed change and still runs independent ones', async () => {
  const result = await execute(
    [change('a'), change('b', ['a']), change('c', ['b']), change('d')],
    async (c) => {
      if (c.address === 'a') throw new Error('boom')
    },
    { concurrency: 2, allowDestroy: false },
  )
  assert.equal(
    result.outcomes.map((o) => `${o.change.address}:${o.outcome.status}`),
    ['a:failed', 'b:skipped', 'c:skipped', 'd:applied'],
  )
})

test('holds back destructive changes without --allow-destroy, and skips what depends on them', async () => {
  const result = await execute(
    [change('old', [], { action: 'delete', destructive: true }), change('new', ['old'])],
    async () => {},
    { concurrency: 2, allowDestroy: false },
  )
  assert.equal(result.heldBack, 1)
  assert.equal(result.skipped, 1)
  assert.equal(result.applied, 0)
})

test('never runs more than the concurrency bound at once', async () => {
  let running = 0
  let peak = 0
  await execute(
    Array.from({ length: 10 }, (_, i) => change(`c${i}`)),
    async () => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setImmediate(r))
      running--
    },
    { concurrency: 3, allowDestroy: false },
  )
  assert.is(peak, 3)
})

test('a dependency outside the plan counts as satisfied; one filtered out by --only does not', async () => {
  const ran: string[] = []
  const result = await execute(
    [change('x', ['already-true']), change('y', ['filtered'])],
    async (c) => {
      ran.push(c.address)
    },
    { concurrency: 1, allowDestroy: false, unavailable: ['filtered'] },
  )
  assert.equal(ran, ['x'])
  assert.is(result.skipped, 1)
})

test('a dependency cycle is reported as skipped, not hung on', async () => {
  const result = await execute([change('a', ['b']), change('b', ['a'])], async () => {}, {
    concurrency: 1,
    allowDestroy: false,
  })
  assert.is(result.skipped, 2)
})

test.run()
