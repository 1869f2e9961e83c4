// Issue 13: the tool converges against an eventually consistent sandbox, with and without faults. One seed
// each here (both at once: the runs mostly wait on simulated operations); `npm run soak` runs 20 of each,
// and `npm run soak -- --e2e` runs every e2e suite under both modes.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { applyThenPlan, EVENTUAL_FAULTS } from './convergence.ts'

const test = suite('eventual consistency: apply from empty converges')

test('under eventual consistency apply converges; with throttling, 5xx and conflicts too, and drift → reconcile → clean drift → onboard holds', async () => {
  const [plain, faulted] = await Promise.all([
    applyThenPlan(3),
    applyThenPlan(5, { faults: EVENTUAL_FAULTS, cycle: true, onboard: true }),
  ])
  assert.ok(plain.converged, plain.detail)
  assert.ok((plain.served['empty-page'] ?? 0) > 0, 'Organizations answered empty pages')
  assert.ok((plain.served['policy-type-pending'] ?? 0) > 0, 'the SCP policy type was PENDING_ENABLE')
  assert.ok(faulted.errors > 0, 'faults were injected')
  assert.ok(faulted.converged, faulted.detail)
  assert.equal(faulted.cycle, { drift: 2, reconcile: 0, clean: 0, onboard: 0 })
})

test.run()
