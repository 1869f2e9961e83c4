// A run stopped right after it enabled CloudTrail's trusted access leaves the next run to create the
// organization trail before CloudTrail has seen that access (trusted access reaches other services
// eventually). The trail's stack then rolls back with CloudTrail's refusal; the tool must wait for the access
// to arrive, delete the rolled-back stack and create it again — not stop with a failed stack.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

const CLOUDTRAIL = 'cloudtrail.amazonaws.com'

test('an organization trail created before CloudTrail sees trusted access is waited for and created again', async () => {
  await withSandbox({}, async (sandbox) => {
    const first = await cli(['apply', '-c', EXAMPLE, '--only', 'trusted-access', '--yes'], sandbox)
    assert.is(first.code, 0, first.stdout + first.stderr)
    // The earlier run stopped here; CloudTrail has not seen the access yet, and sees it only once the tool
    // has read why the trail's stack failed (DescribeStackEvents), so the first create fails for certain.
    sandbox.world.visibleAt.set(CLOUDTRAIL, Number.POSITIVE_INFINITY)
    const arrives = setInterval(() => {
      if (sandbox.calls.count({ operation: 'DescribeStackEvents' }) === 0) return
      sandbox.world.visibleAt.set(CLOUDTRAIL, sandbox.world.clock.now() + 30_000)
      clearInterval(arrives)
    }, 2)
    try {
      const apply = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
      assert.is(apply.code, 0, apply.stdout + apply.stderr)
    } finally {
      clearInterval(arrives)
    }
    assert.ok(sandbox.calls.count({ operation: 'DescribeStackEvents' }) > 0, 'the first trail create failed')
    assert.ok(sandbox.calls.count({ operation: 'DeleteStack' }) > 0, 'its remains were deleted')
    const plan = await cli(['plan', '-c', EXAMPLE, '--detailed-exitcode'], sandbox)
    assert.is(plan.code, 0, plan.stdout)
  })
})

test.run()
