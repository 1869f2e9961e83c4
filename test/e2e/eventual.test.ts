// Issue 13: the tool converges against an eventually consistent sandbox, with and without faults. One seed
// each here (both at once: the runs mostly wait on simulated operations); `npm run soak` runs 20 of each.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { applyThenPlan, EVENTUAL_FAULTS } from './convergence.ts'

const test = suite('eventual consistency: apply from empty converges')

test('under eventual consistency, alone and with throttling, 5xx and conflicts, apply converges and the next plan is empty', async () => {
  const [plain, faulted] = await Promise.all([applyThenPlan(3), applyThenPlan(5, EVENTUAL_FAULTS)])
  assert.ok(plain.converged, plain.detail)
  assert.ok((plain.served['empty-page'] ?? 0) > 0, 'Organizations answered empty pages')
  assert.ok((plain.served['policy-type-pending'] ?? 0) > 0, 'the SCP policy type was PENDING_ENABLE')
  assert.ok(faulted.errors > 0, 'faults were injected')
  assert.ok(faulted.converged, faulted.detail)
})

test.run()
