// A StackSet operation already running (StackSets' own auto-deployment, a person) never fails drift or
// reconcile (issue 13): drift waits for it within --max-wait, or reports that stack set as pending and goes
// on with every other module — exit 0 or 2, never 1.
import { CloudFormationClient, DetectStackSetDriftCommand } from '@aws-sdk/client-cloudformation'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { cfnState } from '../../src/sandbox/services/cloudformation/state.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('drift while a stack set operation runs')

/** A drift check on the recorder stack set that lasts far beyond the tests' --max-wait. */
async function startLongOperation(sandbox: Sandbox): Promise<void> {
  cfnState(sandbox.world).durations.instanceDriftMs = 24 * 3_600_000
  const cfn = new CloudFormationClient({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: sandbox.credentials,
  })
  await cfn.send(new DetectStackSetDriftCommand({ StackSetName: 'org-baseline-config-recorder' }))
}

// In this order on one applied organization: the operation, once started, runs to the end of the suite.
const CASES = [
  {
    reason:
      'AWS refuses while an operation runs that ListStackSetOperations does not show yet (eventually consistent, its model says)',
    faults: 'in-progress=1@DetectStackSetDrift',
    start: false,
  },
  {
    reason: 'managed execution queues the tool’s own operation behind the running one (StackSets guide)',
    faults: '',
    start: true,
  },
  {
    reason:
      'AWS refuses a second operation while one runs (OperationInProgressException, CloudFormation model)',
    faults: 'in-progress=1@DetectStackSetDrift',
    start: false,
  },
]

test('drift exits 0 or 2, naming the busy stack set as pending, whether AWS queues or refuses', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    for (const c of CASES) {
      sandbox.control('sandbox', 'faults', { spec: '' })
      if (c.start) await startLongOperation(sandbox)
      sandbox.control('sandbox', 'faults', { spec: c.faults })
      const drift = await cli(['drift', '-c', EXAMPLE, '--max-wait', '3s'], sandbox)
      assert.ok(
        drift.code === 0 || drift.code === 2,
        `${c.reason}: exit ${drift.code}: ${drift.stdout}${drift.stderr}`,
      )
      assert.match(drift.stdout, 'org-baseline-config-recorder', c.reason)
      assert.match(drift.stdout, /did not finish in time|another operation on it is still running/, c.reason)
    }
  })
})

test('reconcile during a running stack set operation repairs the rest and exits 0 or 2, never 1', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    sandbox.control('organizations', 'deregisterDelegatedAdmin', {
      accountId: '222222222222',
      servicePrincipal: 'config-multiaccountsetup.amazonaws.com',
    })
    sandbox.control('sandbox', 'faults', { spec: 'in-progress=1@DetectStackSetDrift' })
    const run = await cli(['reconcile', '-c', EXAMPLE, '--max-wait', '6s'], sandbox)
    assert.ok(run.code === 0 || run.code === 2, `exit ${run.code}: ${run.stdout}${run.stderr}`)
    assert.not.match(run.stderr, 'could not be observed')
    sandbox.control('sandbox', 'faults', { spec: '' })
    const plan = await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)
    assert.not.match(plan.stdout, 'config-multiaccountsetup', 'the deregistered admin was repaired')
  })
})

test.run()
