// Writes that cannot double-act (issue 13): a CreateStack whose answer is lost after the stack was made is
// resent by the SDK with the same ClientRequestToken, which answers the first stack: exactly one stack,
// waited for, and the next plan is empty.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cfnState } from '../../src/sandbox/services/cloudformation/state.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

test('a CreateStack whose first answer is lost creates exactly one stack and waits for it', async () => {
  await withSandbox({}, async (sandbox) => {
    sandbox.control('sandbox', 'dropResponses', { operation: 'CreateStack', count: 1 })
    const apply = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(apply.code, 0, apply.stdout + apply.stderr)

    // Answered or lost attempts: one refused with throttling or a 5xx (the soak's faults mode) is the SDK
    // sending the same call again.
    const creates = sandbox.calls
      .filter({ operation: 'CreateStack' })
      .filter((c) => c.errorCode === undefined || c.errorCode === 'ResponseDropped')
    assert.is(creates.filter((c) => c.errorCode === 'ResponseDropped').length, 1, 'one answer was lost')
    // Every stack ever made (deleted ones included) has a name of its own: nothing was made twice.
    const stacks = [...cfnState(sandbox.world).stacks.values()].filter((s) => !s.stackSetId)
    const names = stacks.map((s) => `${s.account}|${s.region}|${s.name}`)
    assert.is(new Set(names).size, names.length, names.join(', '))
    assert.is(creates.length, stacks.length + 1, 'the lost one was resent once, answered from its token')
    assert.is(
      creates.filter((c) => c.errorCode === 'AlreadyExistsException').length,
      0,
      'the token answered the resend',
    )
    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 0, plan.stdout)
  })
})

test.run()
